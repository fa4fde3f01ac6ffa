// A contact's lead score: the number, hot/warm/cold, the lines that make it up, and a score
// set by hand (with its reason; the computed score stays beside it).
import { useState } from "react";
import { Badge, Button, Card, Group, Modal, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { commands, type ScoreCard as Card_ } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { useData } from "../lib/data";
import { fieldErrors } from "../lib/errors";
import { useLoad } from "../lib/useLoad";
import { TEMPERATURE_COLORS, TEMPERATURE_LABELS, signed } from "./format";

function OverrideDialog({ card, onClose, onSaved }: { card: Card_; onClose: () => void; onSaved: (c: Card_) => void }) {
  const [score, setScore] = useState<number | string>(card.override_score ?? card.computed);
  const [reason, setReason] = useState(card.override_reason ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      onSaved(await call(commands.scoreOverrideSet(card.contact_id, Number(score), reason)));
    } catch (e) {
      const f = fieldErrors(coreOf(e));
      if (Object.keys(f).length) setErrors(f);
      else notifyError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Set the score by hand">
      <Stack>
        <Text size="sm" c="dimmed">The rules give {card.computed}. Your score is shown instead, marked as set by hand, until you go back.</Text>
        <NumberInput label="Score" min={0} max={100} value={score} onChange={setScore} error={errors.score} data-testid="override-score" />
        <TextInput label="Why" placeholder="e.g. Asked for a quote at the fair" value={reason} onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason} data-testid="override-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} data-testid="override-save">Save</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ScoreCard({ contactId }: { contactId: string }) {
  const { version, changed } = useData();
  const { data: card, setData } = useLoad(() => call(commands.scoreCard(contactId)), [contactId, version]);
  const [editing, setEditing] = useState(false);
  if (!card) return null;
  const back = async () => {
    try {
      setData(await call(commands.scoreOverrideSet(contactId, null, null)));
      changed();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="score-card">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>Lead score</Text>
          <Group gap="xs" align="baseline">
            <Text fz={28} fw={700} lh={1} data-testid="score-value">{card.score}</Text>
            <Badge color={TEMPERATURE_COLORS[card.temperature]} data-testid="score-temperature">{TEMPERATURE_LABELS[card.temperature]}</Badge>
            {card.override_score !== null && <Badge variant="outline" color="gray">Set by hand</Badge>}
          </Group>
          <Text size="xs" c="dimmed">
            Fit {signed(card.fit)} · engagement {signed(card.engagement)}
            {card.override_score !== null ? ` · the rules give ${card.computed}` : ""}
          </Text>
          {card.override_reason && <Text size="xs" fs="italic">“{card.override_reason}”</Text>}
        </Stack>
        {card.override_score === null ? (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)} data-testid="override-open">Set by hand</Button>
        ) : (
          <Button size="compact-sm" variant="subtle" onClick={back} data-testid="override-clear">Use the rules</Button>
        )}
      </Group>
      <Stack gap={2} mt="sm" data-testid="score-lines">
        {card.lines.length === 0 && <Text size="xs" c="dimmed">No rule applies yet.</Text>}
        {card.lines.map((l) => (
          <Group key={l.rule_id} gap="xs" wrap="nowrap">
            <Text size="xs" fw={600} w={36} ta="right" c={l.points < 0 ? "red" : "teal"}>{signed(l.points)}</Text>
            <Text size="xs">{l.rule}{l.detail ? <Text span size="xs" c="dimmed"> · {l.detail}</Text> : null}</Text>
          </Group>
        ))}
      </Stack>
      {editing && (
        <OverrideDialog
          card={card}
          onClose={() => setEditing(false)}
          onSaved={(c) => {
            setData(c);
            setEditing(false);
            changed();
          }}
        />
      )}
    </Card>
  );
}
