// Log a call, e-mail, meeting or note, or add a task (which needs a due date).
import { useEffect, useState } from "react";
import { Autocomplete, Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { commands, type Activity, type ActivityKind } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { FIELD_CODE_MESSAGES, fieldErrors } from "../lib/errors";
import { isoToPicker, pickerToIso, pickerFormat } from "../lib/dates";
import { LOG_TITLES } from "./kinds";

interface Props {
  kind: ActivityKind;
  contactId: string | null;
  companyId: string | null;
  dealId?: string | null;
  onClose: () => void;
  onSaved: (a: Activity) => void;
}

const SHOWN = new Set(["subject", "body", "occurred_at", "due_at", "duration_minutes", "outcome"]);
const PLACEHOLDERS: Record<ActivityKind, string> = {
  call: "e.g. Talked about the spring order",
  email: "e.g. Sent the new quote",
  meeting: "e.g. Coffee to review the brand draft",
  note: "e.g. Prefers calls in the morning",
  task: "e.g. Send the proposal",
};

function required(label: string, field: string): string {
  return FIELD_CODE_MESSAGES.required(label, { field, code: "required", message: "" });
}

export function ActivityModal({ kind, contactId, companyId, dealId = null, onClose, onSaved }: Props) {
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [when, setWhen] = useState<string | null>(isoToPicker(new Date().toISOString()));
  const [due, setDue] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | string>("");
  const [outcome, setOutcome] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [tierHint, setTierHint] = useState<string | null>(null);

  // A task for a contact is due, by default, within their priority tier's follow-up time.
  useEffect(() => {
    if (kind !== "task" || !contactId) return;
    let live = true;
    call(commands.contactTier(contactId)).then(
      (tier) => {
        if (!live || !tier) return;
        const at = new Date(Date.now() + tier.follow_up_days * 86_400_000);
        at.setHours(9, 0, 0, 0);
        setDue((d) => d ?? isoToPicker(at.toISOString()));
        setTierHint(`Tier ${tier.id.toUpperCase()}: follow up within ${tier.follow_up_days} ${tier.follow_up_days === 1 ? "day" : "days"}.`);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind, contactId]);

  const save = async () => {
    const local: Record<string, string> = {};
    if (subject.trim() === "") local.subject = required("Subject", "subject");
    if (kind === "task" && !due) local.due_at = required("Due date", "due_at");
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const saved = await call(
        commands.activityCreate({
          kind,
          subject: subject.trim(),
          body: body.trim() || null,
          contact_id: contactId,
          company_id: companyId,
          deal_id: dealId,
          occurred_at: kind === "task" ? null : pickerToIso(when),
          due_at: kind === "task" ? pickerToIso(due) : null,
          duration_minutes: typeof duration === "number" ? duration : null,
          outcome: outcome.trim() || null,
        }),
      );
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrors(coreOf(e)));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };

  const clear = (f: string) => errors[f] && setErrors(({ [f]: _d, ...rest }) => rest);

  return (
    <Modal opened onClose={onClose} title={LOG_TITLES[kind]} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <TextInput label={kind === "task" ? "What needs doing?" : "Subject"} withAsterisk data-autofocus
            placeholder={PLACEHOLDERS[kind]} value={subject} error={errors.subject} data-testid="activity-subject"
            onChange={(e) => {
              setSubject(e.currentTarget.value);
              clear("subject");
            }} />
          <Textarea label={kind === "note" ? "Note" : "Details"} autosize minRows={3} maxRows={10} value={body}
            error={errors.body} data-testid="activity-body" onChange={(e) => setBody(e.currentTarget.value)} />
          {kind === "task" ? (
            <DateTimePicker label="Due" withAsterisk placeholder="Pick a date and time" value={due}
              valueFormat={pickerFormat(true)} error={errors.due_at} clearable data-testid="activity-due"
              description={tierHint}
              onChange={(v) => {
                setDue(v);
                clear("due_at");
              }} />
          ) : (
            <SimpleGrid cols={kind === "call" || kind === "meeting" ? 2 : 1}>
              <DateTimePicker label="When" value={when} valueFormat={pickerFormat(true)} error={errors.occurred_at}
                onChange={setWhen} />
              {(kind === "call" || kind === "meeting") && (
                <NumberInput label="Duration (minutes)" min={0} max={1440} value={duration} onChange={setDuration}
                  error={errors.duration_minutes} />
              )}
            </SimpleGrid>
          )}
          {kind === "call" && (
            <Autocomplete label="Outcome" placeholder="e.g. Connected" value={outcome} onChange={setOutcome}
              data={["Connected", "Left voicemail", "No answer", "Wrong number", "Call back later"]} error={errors.outcome} />
          )}
          {kind === "email" && (
            <Autocomplete label="Outcome" placeholder="e.g. Replied" value={outcome} onChange={setOutcome}
              data={["Replied", "No reply yet", "Bounced"]} error={errors.outcome} data-testid="activity-outcome" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="activity-save">
              {kind === "task" ? "Add task" : "Save"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
