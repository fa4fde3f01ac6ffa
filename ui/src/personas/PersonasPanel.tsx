// The personas: each profile with its members (by rule and by hand) and its conversion; the
// order decides which rule wins when a contact matches several.
import { useState } from "react";
import { ActionIcon, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash, IconUserCircle } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type Persona } from "../bindings";
import { call, notifyError } from "../lib/api";
import { confirmDanger } from "../lib/confirm";
import { useData } from "../lib/data";
import { useLoad } from "../lib/useLoad";
import { FilterSummary } from "../criteria/FilterSummary";
import { PeriodPicker, Rate, periodOf } from "../conversion/period";
import { CHANNELS, PersonaModal } from "./PersonaModal";
import { formatNumber } from "../lib/numbers";

function Block({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">{label}</Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{text}</Text>
    </div>
  );
}

export function PersonasPanel() {
  const { version, changed } = useData();
  const [days, setDays] = useState("365");
  const [editing, setEditing] = useState<Persona | "new" | null>(null);
  const list = useLoad(() => call(commands.personasList()), [version]);
  const rates = useLoad(() => call(commands.personasConversion(periodOf(days))), [version, days]);
  const personas = list.data ?? [];
  const move = async (i: number, by: number) => {
    const ids = personas.map((p) => p.id);
    [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
    try {
      await call(commands.personasReorder(ids));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };
  const remove = (p: Persona) =>
    confirmDanger({
      title: `Delete “${p.name}”?`,
      body: `${p.by_hand} ${p.by_hand === 1 ? "contact was" : "contacts were"} given it by hand and will go back to the rules. You can undo it.`,
      confirmLabel: "Delete",
      onConfirm: async () => {
        try {
          await call(commands.personaDelete(p.id));
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });
  return (
    <Stack>
      <Group justify="space-between">
        <PeriodPicker value={days} onChange={setDays} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")} data-testid="persona-new">New persona</Button>
      </Group>
      {list.data && personas.length === 0 && (
        <Stack align="center" gap={6} py="xl">
          <IconUserCircle size={40} stroke={1.2} color="var(--mantine-color-dimmed)" />
          <Text fw={500}>No personas yet</Text>
          <Text size="sm" c="dimmed" ta="center" maw={460}>
            A persona describes a kind of customer you serve: who they are, what they want, what gets in their way and how they like
            to hear from you. Give it to contacts by hand or by a rule, and see which kinds convert best.
          </Text>
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {personas.map((p, i) => (
          <Card key={p.id} withBorder padding="md" data-testid="persona-card">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{p.name}</Text>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${p.name} up`}><IconArrowUp size={16} /></ActionIcon>
                  <ActionIcon variant="subtle" disabled={i === personas.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${p.name} down`}><IconArrowDown size={16} /></ActionIcon>
                  <ActionIcon variant="subtle" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}><IconPencil size={16} /></ActionIcon>
                  <ActionIcon variant="subtle" color="red" onClick={() => remove(p)} aria-label={`Delete ${p.name}`}><IconTrash size={16} /></ActionIcon>
                </Group>
              </Group>
              <Block label="Who they are" text={p.description} />
              <Block label="Goals" text={p.goals} />
              <Block label="Pain points" text={p.pain_points} />
              {p.channels.length > 0 && (
                <Group gap={4}>{p.channels.map((c) => <Badge key={c} variant="light" size="sm">{CHANNELS.find((x) => x.value === c)?.label ?? c}</Badge>)}</Group>
              )}
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">Given by</Text>
                {p.filter ? <FilterSummary filter={p.filter} /> : <Text size="sm" c="dimmed">Hand only</Text>}
              </div>
              <Group justify="space-between">
                <Anchor component={Link} to={`/contacts?persona=${p.id}`} size="sm" data-testid="persona-members">
                  {formatNumber(p.members)} {p.members === 1 ? "contact" : "contacts"}{p.by_hand ? ` (${p.by_hand} by hand)` : ""}
                </Anchor>
                <Rate c={rates.data?.find((r) => r.persona_id === p.id)?.conversion} />
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {editing && <PersonaModal persona={editing === "new" ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); changed(); }} />}
    </Stack>
  );
}
