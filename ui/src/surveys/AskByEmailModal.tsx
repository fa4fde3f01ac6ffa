// "Ask by e-mail": sends a survey template through the outbox, then says what happened
// (queued, or why not: do not contact, no address, asked today already).
import { useEffect, useState } from "react";
import { Anchor, Button, Group, List, Modal, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconX } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { commands, type SurveyKind, type SurveySendReport } from "../bindings";
import { call, notifyError } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { formErrors } from "../tickets/formErrors";
import { KIND_LABELS } from "./format";

/** The report in lines, the reasons for not asking after what was queued. */
export function reportLines(r: SurveySendReport): { ok: boolean; text: string; testId: string }[] {
  const lines: { ok: boolean; text: string; testId: string }[] = [];
  const n = (k: number) => (k === 1 ? "1 person" : `${k} people`);
  if (r.queued) lines.push({ ok: true, text: `${r.queued === 1 ? "1 e-mail" : `${r.queued} e-mails`} queued in the outbox`, testId: "report-queued" });
  if (r.do_not_contact) lines.push({ ok: false, text: `${n(r.do_not_contact)} not asked: they asked not to be contacted`, testId: "report-dnc" });
  if (r.no_address) lines.push({ ok: false, text: `${n(r.no_address)} not asked: no e-mail address`, testId: "report-no-address" });
  if (r.already_asked) lines.push({ ok: false, text: `${n(r.already_asked)} not asked again: asked for this survey today already`, testId: "report-already" });
  if (lines.length === 0) lines.push({ ok: false, text: "No one was asked.", testId: "report-none" });
  return lines;
}

const SURVEY_NAME = /nps|csat|survey|satisf|feedback|recommend/i;

export function AskByEmailModal({ contactId, onClose, onSent }: { contactId: string; onClose: () => void; onSent: () => void }) {
  const templates = useLoad(() => call(commands.templatesList()), []);
  const contact = useLoad(() => call(commands.contactGet(contactId)), [contactId]);
  const name = contact.data?.display_name ?? "them";
  const [kind, setKind] = useState<SurveyKind>("nps");
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<SurveySendReport | null>(null);

  useEffect(() => {
    const list = templates.data ?? [];
    if (templateId || list.length === 0) return;
    const likely = list.find((t) => t.name.toLowerCase().includes(kind)) ?? list.find((t) => SURVEY_NAME.test(t.name));
    if (likely) setTemplateId(likely.id);
  }, [templates.data, kind, templateId]);

  const send = async () => {
    if (!templateId) {
      setError("Choose the e-mail to send.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await call(commands.surveySend([contactId], kind, templateId));
      setReport(r);
      if (r.queued) notifications.show({ color: "green", title: `${KIND_LABELS[kind]} survey queued`, message: `For ${name}, in the outbox` });
      onSent();
    } catch (e) {
      const f = formErrors(e);
      if (f.template_id || f.contact_ids) setError(f.template_id ?? f.contact_ids);
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const options = (templates.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  return (
    <Modal opened onClose={onClose} title={`Ask ${name} by e-mail`} size="md">
      {contact.data?.do_not_contact && !report && (
        <Text size="sm" c="red" mb="sm" data-testid="survey-send-dnc">{name} asked not to be contacted: no e-mail will be sent.</Text>
      )}
      {report ? (
        <Stack>
          <List spacing={4} size="sm" data-testid="survey-send-report">
            {reportLines(report).map((l) => (
              <List.Item key={l.testId} data-testid={l.testId}
                icon={l.ok ? <IconCheck size={16} color="var(--mantine-color-teal-7)" aria-label="Done" /> : <IconX size={16} color="var(--mantine-color-red-7)" aria-label="Not done" />}>
                {l.text}
              </List.Item>
            ))}
          </List>
          {report.queued > 0 && (
            <Text size="xs" c="dimmed">
              It goes out with the rest of the <Anchor component={Link} to="/outbox" size="xs">outbox</Anchor>. Record the score they reply
              with here (“Record a score”, how they answered: e-mail).
            </Text>
          )}
          <Group justify="flex-end"><Button onClick={onClose} data-testid="survey-send-done">Done</Button></Group>
        </Stack>
      ) : (
        <Stack>
          <SegmentedControl aria-label="Survey" value={kind} onChange={(v) => setKind(v as SurveyKind)} data-testid="survey-send-kind"
            data={[{ value: "nps", label: "NPS (0–10)" }, { value: "csat", label: "CSAT (1–5)" }]} />
          <Select label="E-mail template" placeholder={options.length ? "Choose a template" : "No templates yet"} data={options} value={templateId}
            searchable error={error} onChange={(v) => { setTemplateId(v); setError(null); }} data-testid="survey-send-template"
            description="The template should say how to answer, e.g. “reply with a number from 0 to 10”." />
          {templates.data && options.length === 0 && (
            <Text size="sm">Write one first in <Anchor component={Link} to="/sequences?tab=templates" size="sm">Sequences → Templates</Anchor>.</Text>
          )}
          <Text size="xs" c="dimmed">
            A service e-mail: no marketing consent needed. Never sent to someone who asked not to be contacted, and at most once a day per survey.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={() => void send()} loading={busy} disabled={!templateId} data-testid="survey-send">Send</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
