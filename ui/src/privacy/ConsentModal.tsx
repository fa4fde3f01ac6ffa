// Record that a contact gave or withdrew consent for a purpose, with where and what they agreed to.
import { useState } from "react";
import { Button, Group, Modal, SegmentedControl, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { commands, type ConsentState, type Purpose } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { PURPOSES } from "./consent";

export function ConsentModal({ contactId, onClose, onSaved }: { contactId: string; onClose: () => void; onSaved: (s: ConsentState) => void }) {
  const [purpose, setPurpose] = useState<Purpose>("marketing_email");
  const [granted, setGranted] = useState("granted");
  const [source, setSource] = useState("");
  const [wording, setWording] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      onSaved(await call(commands.consentRecord(contactId, {
        purpose, granted: granted === "granted", source: source.trim(), wording: wording.trim() || null, recorded_at: null,
      })));
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => f === "source" || f === "wording");
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Record consent">
      <Stack gap="sm">
        <Select label="For" data={PURPOSES} value={purpose} allowDeselect={false} onChange={(v) => v && setPurpose(v as Purpose)} />
        <SegmentedControl value={granted} onChange={setGranted}
          data={[{ value: "granted", label: "Agreed" }, { value: "withdrawn", label: "Withdrew / refused" }]} />
        <TextInput label="Where" placeholder="e.g. Web form, In person, E-mail reply" withAsterisk value={source}
          onChange={(e) => setSource(e.currentTarget.value)} error={errors.source} data-testid="consent-source" />
        <Textarea label="What they agreed to (wording)" autosize minRows={2} value={wording}
          onChange={(e) => setWording(e.currentTarget.value)} error={errors.wording} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={save} loading={saving} data-testid="consent-save">Record</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
