// "Why was it lost?": a reason from the editable list (required) and an optional note.
import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Textarea } from "@mantine/core";
import { commands, type DealCard } from "../bindings";
import { call } from "../lib/api";
import { useLoad } from "../lib/useLoad";

export interface LostAnswer {
  reasonId: string;
  note: string | null;
}

export function LostDialog({ card, onAnswer }: { card: Pick<DealCard, "title">; onAnswer: (a: LostAnswer | null) => void }) {
  const reasons = useLoad(() => call(commands.lostReasonsList()), []);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options = (reasons.data ?? []).filter((r) => !r.archived).map((r) => ({ value: r.id, label: r.name }));
  const save = () => {
    if (!reason) {
      setError("Pick the reason; it feeds the lost-reasons report.");
      return;
    }
    onAnswer({ reasonId: reason, note: note.trim() || null });
  };
  return (
    <Modal opened onClose={() => onAnswer(null)} title={`Why was “${card.title}” lost?`}>
      <Stack>
        <Select label="Reason" withAsterisk data={options} value={reason} onChange={(v) => { setReason(v); setError(null); }}
          error={error} searchable data-autofocus data-testid="lost-reason" comboboxProps={{ withinPortal: true }} />
        <Textarea label="Note" placeholder="What would have changed their mind?" autosize minRows={2} value={note}
          onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onAnswer(null)}>Keep it open</Button>
          <Button color="red" onClick={save} data-testid="lost-save">Mark as lost</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
