// Lead sources: add, rename, mark as referral, archive, delete (refused while in use).
import { useState } from "react";
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Switch, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type LeadSource, type LeadSourceInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

function SourceRow({ source, onSaved, onDelete }: { source: LeadSource; onSaved: () => void; onDelete: () => void }) {
  const [name, setName] = useState(source.name);
  const [error, setError] = useState<string | null>(null);
  const update = async (patch: Partial<LeadSourceInput>) => {
    const input: LeadSourceInput = { name: source.name, is_referral: source.is_referral, archived: source.archived, ...patch };
    try {
      await call(commands.leadSourceUpdate(source.id, input));
      setError(null);
      onSaved();
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      setError(f.name ?? errorMessage(coreOf(e)));
    }
  };
  return (
    <Table.Tr style={{ opacity: source.archived ? 0.6 : 1 }}>
      <Table.Td>
        <TextInput size="xs" value={name} error={error} aria-label="Name"
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name.trim() !== source.name && void update({ name: name.trim() })}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.currentTarget.blur();
            if (e.key === "Escape") setName(source.name);
          }} />
      </Table.Td>
      <Table.Td>
        <Switch size="sm" checked={source.is_referral} aria-label="Referral" onChange={(e) => void update({ is_referral: e.currentTarget.checked })} />
      </Table.Td>
      <Table.Td>
        <Switch size="sm" checked={source.archived} aria-label="Archived" onChange={(e) => void update({ archived: e.currentTarget.checked })} />
      </Table.Td>
      <Table.Td>
        <Badge variant="default" tt="none">{source.contact_count}</Badge>
      </Table.Td>
      <Table.Td>
        <Tooltip label="Delete">
          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${source.name}`} onClick={onDelete}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

export function LeadSourcesEditor() {
  const { version, changed } = useData();
  const { data: sources, reload } = useLoad(() => call(commands.leadSourcesList()), [version]);
  const [name, setName] = useState("");
  const [referral, setReferral] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const saved = () => {
    reload();
    changed();
  };
  const add = async () => {
    if (name.trim() === "") {
      setError("Name is required.");
      return;
    }
    try {
      await call(commands.leadSourceCreate({ name: name.trim(), is_referral: referral, archived: false }));
      setName("");
      setReferral(false);
      setError(null);
      saved();
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      if (f.name) setError(f.name);
      else notifyError(e);
    }
  };
  const remove = (s: LeadSource) =>
    confirmDanger({
      title: `Delete “${s.name}”?`,
      body: "Sources that contacts still use can't be deleted — archive them instead to hide them from pick-lists.",
      confirmLabel: "Delete source",
      onConfirm: async () => {
        try {
          await call(commands.leadSourceDelete(s.id));
          saved();
        } catch (e) {
          notifyError(e);
        }
      },
    });

  return (
    <Card withBorder padding="lg">
      <Title order={4}>Lead sources</Title>
      <Text size="sm" c="dimmed" mb="md">
        Where your contacts come from. Mark a source as a referral to record who referred them; archive sources you no longer use.
      </Text>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={90}>Referral</Table.Th>
            <Table.Th w={90}>Archived</Table.Th>
            <Table.Th w={90}>Contacts</Table.Th>
            <Table.Th w={50} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(sources ?? []).map((s) => (
            <SourceRow key={`${s.id}-${s.name}`} source={s} onSaved={saved} onDelete={() => remove(s)} />
          ))}
        </Table.Tbody>
      </Table>
      {sources && sources.length === 0 && <Text size="sm" c="dimmed" mt="sm">No lead sources yet — add the first one below.</Text>}
      <Group mt="md" align="flex-start">
        <TextInput placeholder="New source, e.g. Trade fair" value={name} error={error} style={{ flex: 1 }} aria-label="New lead source"
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === "Enter" && void add()} />
        <Checkbox mt={8} label="Referral" checked={referral} onChange={(e) => setReferral(e.currentTarget.checked)} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => void add()}>Add source</Button>
      </Group>
    </Card>
  );
}
