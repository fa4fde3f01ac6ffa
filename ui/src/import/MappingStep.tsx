// Step 2: where each column goes, how rows match existing records, tags for everything.
import { useState } from "react";
import {
  Alert, Button, Checkbox, Group, Radio, Select, Stack, Table, TagsInput, Text, TextInput,
} from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { commands, type FileInfo, type ImportOptions, type SavedMapping } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLookups } from "../lib/lookups";
import { applySaved, assignField, matchOptions, missingRequired, takesTags, targetOf, targetOptions, targetValue } from "./mapping";

interface Props {
  file: FileInfo;
  options: ImportOptions;
  onChange: (o: ImportOptions) => void;
  onSavedMapping: (m: SavedMapping) => void;
}

export function MappingStep({ file, options, onChange, onSavedMapping }: Props) {
  const { tags } = useLookups();
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);
  const missing = missingRequired(options.mapping, file.fields);
  const choices = matchOptions(options.kind);
  const fieldOptions = targetOptions(file.fields);

  const save = async () => {
    setSaving(true);
    try {
      const saved = await call(commands.importMappingSave(options.kind, name.trim(), options.mapping));
      onSavedMapping(saved);
      setName("");
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        {file.saved_mappings.length > 0 && (
          <Select label="Use a saved mapping" placeholder="Choose…" w={240} data={file.saved_mappings.map((m) => ({ value: m.id, label: m.name }))}
            onChange={(id) => {
              const m = file.saved_mappings.find((s) => s.id === id);
              if (m) onChange({ ...options, mapping: applySaved(options.mapping, m) });
            }} />
        )}
        <TextInput label="Save this mapping as" placeholder="e.g. HubSpot export" w={240} value={name}
          onChange={(e) => setName(e.currentTarget.value)} />
        <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} disabled={!name.trim()} loading={saving} onClick={save}>
          Save mapping
        </Button>
      </Group>
      <Table striped withTableBorder data-testid="mapping-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Column in the file</Table.Th>
            <Table.Th>Examples</Table.Th>
            <Table.Th w={260}>Goes to</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {options.mapping.columns.map((c) => {
            const examples = file.sample.map((r) => r[c.column] ?? "").filter((v) => v.trim()).slice(0, 3);
            return (
              <Table.Tr key={c.column}>
                <Table.Td fw={500}>{c.header || `Column ${c.column + 1}`}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={2}>{examples.join(" · ") || "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Select aria-label={`Where “${c.header}” goes`} data={fieldOptions} value={targetValue(c.target)} allowDeselect={false}
                    searchable size="xs"
                    onChange={(v) => onChange({ ...options, mapping: assignField(options.mapping, c.column, targetOf(v)) })} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {missing.length > 0 && (
        <Alert color="orange" title="A required field has no column">
          Choose a column for {missing.map((f) => f.label).join(", ")}.
        </Alert>
      )}
      {choices.length > 0 && (
        <Group align="flex-start" gap="xl">
          <Checkbox.Group label="A row is the same record when it has the same" value={options.match_by}
            onChange={(v) => onChange({ ...options, match_by: choices.filter((c) => v.includes(c.value)).map((c) => c.value) })}>
            <Group mt={6}>
              {choices.map((c) => <Checkbox key={c.value} value={c.value} label={c.label} />)}
            </Group>
          </Checkbox.Group>
          <Radio.Group label="When a row matches a record you already have" value={options.on_match}
            onChange={(v) => onChange({ ...options, on_match: v === "skip" ? "skip" : "update" })}>
            <Group mt={6}>
              <Radio value="update" label="Update it with the row's values" data-testid="on-match-update" />
              <Radio value="skip" label="Skip the row as a duplicate" data-testid="on-match-skip" />
            </Group>
          </Radio.Group>
        </Group>
      )}
      {takesTags(options.kind) && (
        <TagsInput label="Tag everything imported" placeholder="e.g. Trade show 2026" data={tags.map((t) => t.name)} maw={480}
          value={options.tags} onChange={(v) => onChange({ ...options, tags: v })} clearable />
      )}
    </Stack>
  );
}
