// How a sequence performs, per step and per A/B variant: reached, done, replies, conversions.
import { Badge, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { SequenceReport as Report } from "../bindings";
import { STEP_KIND_LABELS, percent, plural } from "./format";
import { StepIcon } from "./kinds";
import { formatNumber } from "../lib/numbers";

const DEFINITION =
  "A reply is an e-mail logged with the outcome “Replied” after the step was done; a conversion is the contact becoming a customer or winning a deal afterwards. Rates are of the steps done.";

export function SequenceReport({ report }: { report: Report }) {
  if (report.steps.length === 0) return <Text size="sm" c="dimmed">No steps to report on.</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="report-summary">
        {plural(report.enrolled, "contact")} enrolled · {plural(report.replied, "reply", "replies")} ·{" "}
        {plural(report.converted, "conversion")}
      </Text>
      <Table verticalSpacing={6} striped data-testid="sequence-report">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th ta="right">Reached</Table.Th>
            <Table.Th ta="right">Done</Table.Th>
            <Table.Th ta="right">Skipped</Table.Th>
            <Table.Th ta="right">Replied</Table.Th>
            <Table.Th ta="right">
              <Tooltip label={DEFINITION} multiline w={320}><span style={{ cursor: "help" }}>Reply rate</span></Tooltip>
            </Table.Th>
            <Table.Th ta="right">Converted</Table.Th>
            <Table.Th ta="right">
              <Tooltip label={DEFINITION} multiline w={320}><span style={{ cursor: "help" }}>Conversion rate</span></Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.steps.map((s) => (
            <Table.Tr key={`${s.step_id}-${s.variant ?? ""}`} data-testid="report-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <StepIcon kind={s.kind} size={22} />
                  <Text size="sm">{s.position}. {s.template ?? STEP_KIND_LABELS[s.kind]}</Text>
                  {s.variant && <Badge size="xs" variant="outline">{s.variant.toUpperCase()}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(s.reached)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.done)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.skipped)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.replied)}</Table.Td>
              <Table.Td ta="right" fw={600}>{s.kind === "wait" ? "—" : percent(s.reply_rate, s.done)}</Table.Td>
              <Table.Td ta="right">{formatNumber(s.converted)}</Table.Td>
              <Table.Td ta="right" fw={600}>{s.kind === "wait" ? "—" : percent(s.conversion_rate, s.done)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
