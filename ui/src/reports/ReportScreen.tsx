// The reports screen around one report: the list of reports on the left, the title with "Export",
// the filter (kept in the URL), and the report as run.
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Box, Button, Group, Menu, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconFileSpreadsheet, IconRefresh } from "@tabler/icons-react";
import { useSearchParams } from "react-router-dom";
import { commands, type ReportName } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { saveReportCsv } from "./exportReport";
import { FilterBar } from "./FilterBar";
import { filterFromSearch, filterToSearch, paramsOf, previousOf, type Filter } from "./range";
import { ReportList } from "./ReportList";
import { ReportError, ReportSkeleton, ReportView } from "./ReportView";

/** The period a report opens with when the catalog cannot say (the back end's usual quarter). */
const FALLBACK_DAYS = 90;

export interface ReportScreenProps {
  name: ReportName;
  /** Shown under the report (the dashboard's goals). */
  extra?: ReactNode;
  pairFirstSections?: boolean;
}

export function ReportScreen({ name, extra, pairFirstSections }: ReportScreenProps) {
  const { version } = useData();
  const [search, setSearch] = useSearchParams();
  const catalog = useLoad(() => commands.reportsCatalog(), []);
  const info = catalog.data?.find((r) => r.name === name) ?? null;
  const ready = catalog.data !== null || catalog.error !== null;
  const defaultDays = info?.default_days ?? FALLBACK_DAYS;
  const filter = useMemo(() => filterFromSearch(search), [search]);
  // "Now" is fixed while the screen is open (so the numbers and the records behind them agree);
  // a change to the data, or "Refresh", moves it on.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => setNow(new Date()), [version]);
  const params = useMemo(
    () => paramsOf(filter, defaultDays, now, name === "pipeline"),
    [filter, defaultDays, now, name],
  );
  // The report with the params it was run with (the records behind its numbers use the same).
  const report = useLoad(
    async () => (ready ? { params, report: await call(commands.reportRun(name, params)) } : null),
    [ready, name, params.from, params.to, params.segment_id, params.pipeline_id],
  );
  const setFilter = (f: Filter) => setSearch(filterToSearch(f), { replace: true });
  const period = { from: params.from, to: params.to };
  const shown = report.data && report.data.report.name === name ? report.data.report : null;
  const shownParams = shown ? report.data?.params : null;
  const title = shown?.title ?? info?.title ?? (name === "dashboard" ? "Dashboard" : "Report");
  const searchText = search.toString() ? `?${search.toString()}` : "";

  return (
    <ScrollArea h="100%">
      <Group align="flex-start" gap="lg" p="lg" wrap="nowrap" maw={1600}>
        <Box w={220} style={{ flex: "none", position: "sticky", top: 0 }}>
          <Title order={2} mb="sm">Reports</Title>
          <ReportList catalog={catalog.data} current={name} search={searchText} failed={catalog.error !== null} />
        </Box>
        <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Title order={2} data-testid="report-title">{title}</Title>
              {shown && <Text c="dimmed" size="sm" maw={760}>{shown.about}</Text>}
              {shown?.segment && <Text size="sm" mt={2}>Only the contacts of the segment “{shown.segment.name}” (its members today).</Text>}
            </div>
            <Group gap="xs" wrap="nowrap">
              <Button variant="subtle" color="gray" leftSection={<IconRefresh size={16} />} onClick={() => setNow(new Date())} data-testid="report-refresh">
                Refresh
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" leftSection={<IconDownload size={18} />} data-testid="report-export" disabled={!shown}>Export</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Figures and tables for the period shown</Menu.Label>
                  <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} data-testid="report-save-csv" onClick={() => void saveReportCsv(name, params)}>
                    Save as CSV…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
          <FilterBar name={name} defaultDays={defaultDays} filter={filter} onChange={setFilter} period={period} previous={shown?.previous ?? previousOf(period)} />
          {report.error && !report.loading ? (
            <ReportError error={errorMessage(report.error)} />
          ) : !shown ? (
            <ReportSkeleton />
          ) : (
            // While a new period loads, the numbers before stay (dimmed) instead of flashing away.
            <Box aria-busy={report.loading} data-loading={report.loading || undefined}
              style={{ opacity: report.loading ? 0.55 : 1, transition: "opacity 120ms", pointerEvents: report.loading ? "none" : undefined }}>
              <ReportView report={shown} params={shownParams ?? params} extra={extra} pairFirstSections={pairFirstSections} />
            </Box>
          )}
        </Stack>
      </Group>
    </ScrollArea>
  );
}
