// New or edited persona: who they are, what they want, what hurts, how they like to be reached,
// and (optionally) a rule that gives the persona to matching contacts.
import { useState } from "react";
import { Button, Chip, Group, Modal, Stack, Switch, Text, TextInput, Textarea } from "@mantine/core";
import { commands, type ContactChannel, type Filter, type Persona } from "../bindings";
import { call, notifyError } from "../lib/api";
import { FilterEditor } from "../criteria/FilterEditor";
import { emptyFilter, formErrors } from "../criteria/criteria";

export const CHANNELS: { value: ContactChannel; label: string }[] = [
  { value: "email", label: "E-mail" },
  { value: "phone", label: "Phone" },
  { value: "text_message", label: "Text message" },
  { value: "meeting", label: "Meeting" },
  { value: "in_person", label: "In person" },
  { value: "social", label: "Social media" },
];

export function PersonaModal({ persona, onClose, onSaved }: { persona: Persona | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(persona?.name ?? "");
  const [description, setDescription] = useState(persona?.description ?? "");
  const [goals, setGoals] = useState(persona?.goals ?? "");
  const [pains, setPains] = useState(persona?.pain_points ?? "");
  const [channels, setChannels] = useState<string[]>(persona?.channels ?? []);
  const [byRule, setByRule] = useState(!!persona?.filter);
  const [filter, setFilter] = useState<Filter>(persona?.filter ?? emptyFilter());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    const input = {
      name,
      description: description.trim() || null,
      goals: goals.trim() || null,
      pain_points: pains.trim() || null,
      channels: channels as ContactChannel[],
      filter: byRule ? filter : null,
    };
    try {
      await call(persona ? commands.personaUpdate(persona.id, input) : commands.personaCreate(input));
      onSaved();
    } catch (e) {
      const f = formErrors(e);
      if (Object.keys(f).length) setErrors(f);
      else notifyError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={persona ? `Edit “${persona.name}”` : "New persona"} size="xl">
      <Stack>
        <TextInput label="Name" placeholder="e.g. Busy café owner" value={name} onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name} data-autofocus data-testid="persona-name" />
        <Textarea label="Who they are" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <Group grow align="flex-start">
          <Textarea label="Goals" autosize minRows={2} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} error={errors.goals} />
          <Textarea label="Pain points" autosize minRows={2} value={pains} onChange={(e) => setPains(e.currentTarget.value)} error={errors.pain_points} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>Preferred channels</Text>
          <Chip.Group multiple value={channels} onChange={setChannels}>
            <Group gap="xs">{CHANNELS.map((c) => <Chip key={c.value} value={c.value} size="xs">{c.label}</Chip>)}</Group>
          </Chip.Group>
        </Stack>
        <Switch label="Give this persona to contacts who match a rule (a persona chosen by hand always wins)" checked={byRule}
          onChange={(e) => setByRule(e.currentTarget.checked)} data-testid="persona-by-rule" />
        {byRule && <FilterEditor value={filter} onChange={setFilter} errors={errors} exclude={["persona", "tier"]} />}
        {errors.filter && !byRule && <Text size="xs" c="red">{errors.filter}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} data-testid="persona-save">Save persona</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
