// Merge two or more records: pick the one that stays, then, field by field, whose value to keep.
import { useEffect, useState } from "react";
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Table, Text } from "@mantine/core";
import { commands, type MergeCandidates, type MergeRecord, type RecordKind } from "../bindings";
import { call, notifyError } from "../lib/api";
import { formatDate } from "../lib/dates";
import { defaultChoices, differing, toMergeInput, type Choices } from "./merge";

interface Props {
  kind: RecordKind;
  ids: string[];
  onClose: () => void;
  onMerged: (m: MergeRecord) => void;
}

export function MergeModal({ kind, ids, onClose, onMerged }: Props) {
  const [cands, setCands] = useState<MergeCandidates | null>(null);
  const [survivor, setSurvivor] = useState(0);
  const [choices, setChoices] = useState<Choices>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    call(commands.mergeCandidates(kind, ids)).then(
      (c) => {
        setCands(c);
        setChoices(defaultChoices(c, 0));
      },
      (e: unknown) => {
        notifyError(e);
        onClose();
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, ids.join(",")]);

  const merge = async () => {
    if (!cands) return;
    setSaving(true);
    try {
      onMerged(await call(commands.mergeRecords(toMergeInput(cands, survivor, choices))));
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };

  const fields = cands ? differing(cands) : [];
  return (
    <Modal opened onClose={onClose} size="xl" title={`Merge ${ids.length} ${kind === "contact" ? "contacts" : "companies"}`}>
      {!cands ? (
        <Group justify="center" p="xl"><Loader /></Group>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            One record stays. E-mails, phones and tags are combined; activities, deals and history move to it; the others go to the trash. You can undo the merge.
          </Text>
          <Table withTableBorder data-testid="merge-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {cands.records.map((r, i) => (
                  <Table.Th key={r.id}>
                    <Radio checked={survivor === i} label={<Text fw={600} size="sm">{r.name}</Text>}
                      description={`Added ${formatDate(r.created_at)}${i === survivor ? " · stays" : ""}`}
                      onChange={() => {
                        setSurvivor(i);
                        setChoices(defaultChoices(cands, i));
                      }} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.length === 0 && (
                <Table.Tr><Table.Td colSpan={cands.records.length + 1}><Text size="sm" c="dimmed">Every field is the same.</Text></Table.Td></Table.Tr>
              )}
              {fields.map((f) => (
                <Table.Tr key={f.field}>
                  <Table.Td fw={500}>{f.label}</Table.Td>
                  {f.values.map((v, i) => (
                    <Table.Td key={i}>
                      <Radio size="xs" name={f.field} checked={choices[f.field] === i} disabled={v === null || v === ""}
                        label={v || "—"} aria-label={`${f.label}: ${v || "empty"}`}
                        onChange={() => setChoices({ ...choices, [f.field]: i })} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={500}>Moves to the one that stays</Table.Td>
                {cands.linked.map((l, i) => <Table.Td key={i}><Text size="sm" c="dimmed">{i === survivor ? "—" : l || "nothing"}</Text></Table.Td>)}
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Alert color="blue" variant="light">The merged {kind === "contact" ? "contacts" : "companies"} can be brought back with Undo, here or in the merge history.</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={merge} loading={saving} data-testid="merge-confirm">Merge into {cands.records[survivor].name}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
