// One report as run: what it shows, its key figures, notes (formulas and caveats), and its
// sections (chart over table); a number with records behind it opens them in a drawer.
import { useCallback, useState, type ReactNode } from "react";
import { Alert, Paper, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { Drill, Report, ReportParams } from "../bindings";
import { EmptyState } from "./EmptyState";
import { FigureCards } from "./FigureCards";
import { RecordsDrawer } from "./RecordsDrawer";
import { dayOf } from "./range";
import { SectionView } from "./SectionView";

export interface ReportViewProps {
  report: Report;
  /** What the report was run with (the records behind its numbers are asked with the same). */
  params: ReportParams;
  /** Shown after the sections (the dashboard's goals). */
  extra?: ReactNode;
  /** Sections side by side on wide screens (the dashboard's first two). */
  pairFirstSections?: boolean;
}

export function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <Paper p="sm" radius="md" bg="var(--mantine-color-default-hover)" data-testid="report-notes">
      <Stack gap={4}>
        {notes.map((n, i) => (
          <Text key={i} size="sm" c="dimmed" style={{ display: "flex", gap: 6 }}>
            <IconInfoCircle size={16} style={{ flex: "none", marginTop: 2 }} aria-hidden />
            <span>{n}</span>
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

export function ReportView({ report, params, extra, pairFirstSections = false }: ReportViewProps) {
  const [open, setOpen] = useState<{ drill: Drill; title: string } | null>(null);
  const onDrill = useCallback((drill: Drill, title: string) => setOpen({ drill, title }), []);
  const close = useCallback(() => setOpen(null), []);
  const last = new Date(new Date(report.period.to).getTime() - 1);
  const stem = `hearth-${report.name}`;
  const dates = `${dayOf(new Date(report.period.from))}-${dayOf(last)}`;
  // With nothing at all to show, sections without rows would only repeat the empty state.
  const sections = report.empty ? report.sections.filter((s) => s.rows.length > 0) : report.sections;
  const views = sections.map((s) => (
    <SectionView key={s.key} section={s} pngName={`${stem}-${s.key}-${dates}.png`} onDrill={onDrill} />
  ));
  return (
    <Stack gap="md" data-testid={`report-${report.name}`}>
      {report.empty && (
        <Paper withBorder radius="md">
          <EmptyState text={report.empty} testId="report-empty" />
        </Paper>
      )}
      <FigureCards figures={report.figures} onDrill={onDrill} />
      <Notes notes={report.notes} />
      {pairFirstSections && views.length >= 2 ? (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">{views.slice(0, 2)}</SimpleGrid>
          {views.slice(2)}
        </>
      ) : (
        views
      )}
      {extra}
      <RecordsDrawer name={report.name} params={params} drill={open?.drill ?? null} title={open?.title ?? ""} onClose={close} />
    </Stack>
  );
}

export function ReportSkeleton() {
  return (
    <Stack gap="md" data-testid="report-loading">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
        {[0, 1, 2, 3].map((i) => <Skeleton key={i} h={110} radius="md" />)}
      </SimpleGrid>
      <Skeleton h={320} radius="md" />
      <Skeleton h={200} radius="md" />
    </Stack>
  );
}

export function ReportError({ error }: { error: string }) {
  return <Alert color="red" title="The report could not be run" data-testid="report-error">{error}</Alert>;
}
