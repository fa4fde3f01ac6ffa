// The e-mail and phone rows of the contact form: several per contact, one marked primary.
import { ActionIcon, Button, Group, Radio, Select, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";

export interface ChannelRow {
  value: string;
  label: string | null;
  is_primary: boolean;
}

interface Props {
  kind: "email" | "phone";
  rows: ChannelRow[];
  onChange: (rows: ChannelRow[]) => void;
  errors: Record<string, string>;
}

const LABELS = {
  email: ["work", "personal", "other"],
  phone: ["mobile", "work", "home", "other"],
};

export function ChannelRows({ kind, rows, onChange, errors }: Props) {
  const list = kind === "email" ? "emails" : "phones";
  const update = (i: number, patch: Partial<ChannelRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : patch.is_primary ? { ...r, is_primary: false } : r)));
  const remove = (i: number) => {
    const next = rows.filter((_, j) => j !== i);
    if (next.length > 0 && !next.some((r) => r.is_primary)) next[0] = { ...next[0], is_primary: true };
    onChange(next);
  };
  const add = () => onChange([...rows, { value: "", label: LABELS[kind][0], is_primary: rows.length === 0 }]);

  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {kind === "email" ? "E-mail addresses" : "Phone numbers"}
        </Text>
        <Button variant="subtle" size="compact-xs" leftSection={<IconPlus size={14} />} onClick={add}>
          Add {kind === "email" ? "e-mail" : "phone"}
        </Button>
      </Group>
      {errors[list] && (
        <Text size="xs" c="red">
          {errors[list]}
        </Text>
      )}
      {rows.map((r, i) => {
        const field = `${list}.${i}.${kind}`;
        const testId = `contact-${kind}-${i}`;
        return (
          <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              placeholder={kind === "email" ? "name@example.com" : "+44 20 7946 0958"}
              aria-label={kind === "email" ? `E-mail ${i + 1}` : `Phone ${i + 1}`}
              value={r.value}
              onChange={(e) => update(i, { value: e.currentTarget.value })}
              error={errors[field]}
              errorProps={{ "data-testid": `${testId}-error` }}
              data-testid={testId}
              type={kind === "email" ? "email" : "tel"}
            />
            <Select
              w={120}
              aria-label="Label"
              data={LABELS[kind]}
              value={r.label}
              onChange={(v) => update(i, { label: v })}
              allowDeselect={false}
              error={errors[`${list}.${i}.label`]}
            />
            <Tooltip label="Primary">
              <Radio
                mt={8}
                aria-label="Primary"
                checked={r.is_primary}
                onChange={() => update(i, { is_primary: true })}
              />
            </Tooltip>
            <ActionIcon variant="subtle" color="gray" mt={4} aria-label="Remove" onClick={() => remove(i)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
    </Stack>
  );
}
