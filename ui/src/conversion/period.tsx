// The period a measured conversion rate covers, and the rate in words.
import { Group, SegmentedControl, Text, Tooltip } from "@mantine/core";
import type { Conversion, Period } from "../bindings";

export const PERIODS = [
  { value: "90", label: "90 days" },
  { value: "365", label: "12 months" },
  { value: "730", label: "2 years" },
];

export function periodOf(days: string): Period {
  const to = new Date();
  const from = new Date(to.getTime() - Number(days) * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

export const DEFINITION =
  "Of the contacts who were leads during the period (added before its end, not yet customers when it began, and not added as customers), the share who became a Customer or Loyal customer within it. Groups are today's members.";

export function PeriodPicker({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">Conversion over the last</Text>
      <SegmentedControl size="xs" data={PERIODS} value={value} onChange={onChange} aria-label="Conversion period" />
    </Group>
  );
}

/** "42% (21 of 50 leads)", or a dash without leads; the definition in a tooltip. */
export function Rate({ c, testId }: { c: Conversion | undefined; testId?: string }) {
  const words = !c ? "…" : c.rate_percent === null ? "no leads" : `${c.rate_percent}%`;
  const detail = c && c.leads > 0 ? ` (${c.converted} of ${c.leads} leads)` : "";
  return (
    <Tooltip label={DEFINITION} multiline w={320} withArrow>
      <Text size="sm" span data-testid={testId} style={{ cursor: "help" }}>
        <Text span fw={600}>{words}</Text>
        <Text span size="xs" c="dimmed">{detail}</Text>
      </Text>
    </Tooltip>
  );
}
