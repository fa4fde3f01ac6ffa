// The reports on the left, grouped (Dashboard; Sales & marketing; Activity; Retention; Service).
// Links keep the filter (the URL's search), so moving between reports keeps the period.
import { NavLink, Skeleton, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import type { ReportInfo, ReportName } from "../bindings";

export const GROUPS: { key: string; label: string }[] = [
  { key: "home", label: "Dashboard" },
  { key: "sales", label: "Sales & marketing" },
  { key: "activity", label: "Activity" },
  { key: "retention", label: "Retention" },
  { key: "service", label: "Service" },
];

/** The catalog in groups, in the order above (reports of an unknown group come last, as "Other"). */
export function grouped(catalog: ReportInfo[]): { key: string; label: string; reports: ReportInfo[] }[] {
  const known = GROUPS.map((g) => ({ ...g, reports: catalog.filter((r) => r.group === g.key) }));
  const other = catalog.filter((r) => !GROUPS.some((g) => g.key === r.group));
  return [...known, { key: "other", label: "Other", reports: other }].filter((g) => g.reports.length > 0);
}

export function reportPath(name: ReportName): string {
  return name === "dashboard" ? "/reports" : `/reports/${name}`;
}

export function ReportList({ catalog, current, search, failed = false }: { catalog: ReportInfo[] | null; current: ReportName; search: string; failed?: boolean }) {
  if (!catalog && failed) return <Text size="sm" c="red">The list of reports could not be loaded.</Text>;
  if (!catalog) {
    return (
      <Stack gap={6}>
        {[0, 1, 2, 3, 4, 5].map((i) => <Skeleton key={i} h={28} />)}
      </Stack>
    );
  }
  return (
    <Stack gap={2} component="nav" aria-label="Reports" data-testid="report-list">
      {grouped(catalog).map((g) => (
        <Stack key={g.key} gap={0} mb={6}>
          {g.key !== "home" && (
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={4}>{g.label}</Text>
          )}
          {g.reports.map((r) => (
            <NavLink
              key={r.name}
              component={Link}
              to={{ pathname: reportPath(r.name), search }}
              label={r.title}
              active={r.name === current}
              data-testid={`report-link-${r.name}`}
              py={5}
              style={{ borderRadius: "var(--mantine-radius-sm)" }}
            />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
