// Lost reasons: the list a lost deal picks from. Used reasons are archived, not deleted.
import { useState } from "react";
import { ActionIcon, Badge, Button, Card, Group, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type LostReason } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

export function LostReasonsEditor() {
  const { version, changed } = useData();
  const { data, reload } = useLoad(() => call(commands.lostReasonsList()), [version]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const saved = () => { reload(); changed(); };
  const update = (r: LostReason, patch: Partial<{ name: string; archived: boolean }>) =>
    call(commands.lostReasonUpdate(r.id, { name: r.name, archived: r.archived, ...patch })).then(saved, notifyError);
  const add = async () => {
    try {
      await call(commands.lostReasonCreate({ name: name.trim(), archived: false }));
      setName("");
      setError(null);
      saved();
    } catch (e) {
      setError(fieldErrors(coreOf(e)).name ?? errorMessage(coreOf(e)));
    }
  };
  return (
    <Card withBorder padding="lg">
      <Title order={4}>Lost reasons</Title>
      <Text size="sm" c="dimmed" mb="md">Why deals are lost; marking a deal lost asks for one, and reports count them.</Text>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {(data ?? []).map((r) => (
            <Table.Tr key={`${r.id}-${r.name}`} style={{ opacity: r.archived ? 0.6 : 1 }}>
              <Table.Td>
                <TextInput size="xs" defaultValue={r.name} aria-label="Reason"
                  onBlur={(e) => { const v = e.currentTarget.value.trim(); if (v !== r.name) void update(r, { name: v }); }} />
              </Table.Td>
              <Table.Td w={110}><Switch size="sm" label="Archived" checked={r.archived} onChange={(e) => void update(r, { archived: e.currentTarget.checked })} /></Table.Td>
              <Table.Td w={70}><Badge variant="default" title="Deals lost for this reason">{r.deal_count}</Badge></Table.Td>
              <Table.Td w={40}>
                <ActionIcon variant="subtle" color="red" aria-label={`Delete ${r.name}`}
                  onClick={() => void call(commands.lostReasonDelete(r.id)).then(saved, notifyError)}><IconTrash size={16} /></ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="sm" align="flex-start">
        <TextInput size="xs" placeholder="New reason" value={name} error={error} onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && void add()} aria-label="New lost reason" />
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => void add()}>Add reason</Button>
      </Group>
    </Card>
  );
}
