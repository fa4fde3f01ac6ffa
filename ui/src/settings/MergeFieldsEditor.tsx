// Settings → Custom merge fields: {{key}} becomes the same value in every e-mail (a booking
// link, your opening hours). Add, edit, remove (refused while a template uses one).
import { useState } from "react";
import { ActionIcon, Button, Card, Code, Group, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { commands, type CustomField, type CustomFieldInput } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";

const SHOWN = new Set(["key", "label", "value"]);

function FieldRow({ field, onSaved, onRemove }: { field: CustomField; onSaved: (list: CustomField[]) => void; onRemove: () => void }) {
  const [draft, setDraft] = useState<CustomFieldInput>({ key: field.key, label: field.label, value: field.value });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    if (draft.key === field.key && draft.label === field.label && draft.value === field.value) return;
    try {
      onSaved(await call(commands.mergeFieldSave(field.id, draft)));
      setErrors({});
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    }
  };
  const input = (k: keyof CustomFieldInput, label: string) => (
    <TextInput size="xs" aria-label={`${label} of {{${field.key}}}`} value={draft[k]} error={errors[k]} styles={k === "key" ? { input: { fontFamily: "var(--mantine-font-family-monospace)" } } : undefined}
      onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })} onBlur={() => void save()}
      onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()} />
  );
  return (
    <Table.Tr data-testid="merge-field-row">
      <Table.Td w={180}>{input("key", "Key")}</Table.Td>
      <Table.Td w={200}>{input("label", "Label")}</Table.Td>
      <Table.Td>{input("value", "Value")}</Table.Td>
      <Table.Td w={40}>
        <Tooltip label="Remove">
          <ActionIcon variant="subtle" color="red" aria-label={`Remove {{${field.key}}}`} onClick={onRemove}><IconTrash size={16} /></ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

export function MergeFieldsEditor() {
  const { changed } = useData();
  const list = useLoad(() => call(commands.mergeFieldsList()), []);
  const [draft, setDraft] = useState<CustomFieldInput>({ key: "", label: "", value: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saved = (fields: CustomField[]) => {
    list.setData(fields);
    changed();
  };
  const add = async () => {
    try {
      saved(await call(commands.mergeFieldSave(null, { key: draft.key.trim(), label: draft.label.trim(), value: draft.value })));
      setDraft({ key: "", label: "", value: "" });
      setErrors({});
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    }
  };
  const remove = (f: CustomField) =>
    confirmDanger({
      title: `Remove {{${f.key}}}?`,
      body: "Templates that still use it must be changed first.",
      confirmLabel: "Remove",
      onConfirm: async () => {
        try {
          saved(await call(commands.mergeFieldDelete(f.id)));
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const rows = list.data ?? [];
  return (
    <Card withBorder padding="lg" data-testid="merge-fields">
      <Title order={4}>Custom merge fields</Title>
      <Text size="sm" c="dimmed" mb="md">
        Your own fields for templates: <Code>{"{{booking_link}}"}</Code> becomes the same value in every e-mail. Change the value here
        and every template follows.
      </Text>
      {rows.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <FieldRow key={`${f.id}-${f.key}-${f.label}-${f.value}`} field={f} onSaved={saved} onRemove={() => remove(f)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group mt="sm" align="flex-start" gap="xs">
        <TextInput placeholder="booking_link" aria-label="New field key" value={draft.key} error={errors.key} w={180} styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          onChange={(e) => setDraft({ ...draft, key: e.currentTarget.value })} data-testid="merge-field-key" />
        <TextInput placeholder="Booking link" aria-label="New field label" value={draft.label} error={errors.label} w={200}
          onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />
        <TextInput placeholder="https://…" aria-label="New field value" value={draft.value} error={errors.value} style={{ flex: 1 }}
          onChange={(e) => setDraft({ ...draft, value: e.currentTarget.value })} onKeyDown={(e) => e.key === "Enter" && void add()} />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => void add()} data-testid="merge-field-add">Add field</Button>
      </Group>
    </Card>
  );
}
