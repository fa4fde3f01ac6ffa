// Who is in a sequence: each enrolment's progress, next step and how it ended, by status.
import { useState } from "react";
import { Anchor, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { commands, type EnrolmentCounts, type EnrolmentStatus } from "../bindings";
import { call } from "../lib/api";
import { useData } from "../lib/data";
import { formatDate } from "../lib/dates";
import { useScheduleEvent } from "../lib/schedule";
import { useLoad } from "../lib/useLoad";
import { ENROLMENT_STATUSES, ENROLMENT_STATUS_LABELS } from "./format";
import { EnrolmentActions, EnrolmentBadge, enrolmentNext } from "./EnrolmentActions";

export function EnrolmentsList({ sequenceId, counts }: { sequenceId: string; counts: EnrolmentCounts }) {
  const { version, changed } = useData();
  const [status, setStatus] = useState<EnrolmentStatus | "all">("all");
  const list = useLoad(() => call(commands.enrolmentsList(null, sequenceId, status === "all" ? null : status)), [sequenceId, status, version]);
  useScheduleEvent(list.reload);
  const total = counts.active + counts.paused + counts.finished + counts.exited;
  const rows = list.data ?? [];
  return (
    <>
      <Group justify="space-between" mb="xs">
        <SegmentedControl size="xs" aria-label="Show enrolments" value={status} onChange={(v) => setStatus(v as EnrolmentStatus | "all")}
          data={[
            { value: "all", label: `All ${total}` },
            ...ENROLMENT_STATUSES.map((s) => ({ value: s, label: `${ENROLMENT_STATUS_LABELS[s]} ${counts[s]}` })),
          ]} />
        {rows.length >= 500 && <Text size="xs" c="dimmed">Showing the latest 500</Text>}
      </Group>
      {list.data && rows.length === 0 ? (
        <Text size="sm" c="dimmed">{status === "all" ? "No one is enrolled yet. Use “Enrol…” above, or add a trigger." : "No enrolments with this status."}</Text>
      ) : (
        <Table verticalSpacing={6} data-testid="enrolments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Contact</Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              <Table.Th w={90}>Progress</Table.Th>
              <Table.Th>Next step, or why it ended</Table.Th>
              <Table.Th>Enrolled</Table.Th>
              <Table.Th w={140} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id} data-testid="enrolment-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={`/contacts/${e.contact.id}`} size="sm">{e.contact.name}</Anchor>
                </Table.Td>
                <Table.Td><EnrolmentBadge e={e} /></Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}><Text size="sm">{e.steps_done} of {e.steps_total}</Text></Table.Td>
                <Table.Td><Text size="sm">{enrolmentNext(e)}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(e.enrolled_at)}</Text>
                  <Text size="xs" c="dimmed">{e.enrolled_by}</Text>
                </Table.Td>
                <Table.Td><EnrolmentActions e={e} onChanged={changed} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
