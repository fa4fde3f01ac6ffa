// "New ticket" and "Edit details": what they asked, how urgent, how it came in, and who asked.
import { useState } from "react";
import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Input } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { commands, type EntityRef, type Ticket, type TicketDetail, type TicketInput } from "../bindings";
import { call, notifyError } from "../lib/api";
import { pickerToIso, pickerFormat } from "../lib/dates";
import { EntityPicker } from "../search/EntityPicker";
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, PRIORITIES, PRIORITY_LABELS, options } from "./format";
import { formErrors } from "./formErrors";

const SHOWN = new Set(["subject", "description", "category", "priority", "channel", "contact_id", "company_id", "opened_at"]);

interface Props {
  /** The ticket to edit; a new one otherwise. */
  ticket?: Ticket;
  /** Who asked, when known (a contact's page). */
  contact?: EntityRef | null;
  company?: EntityRef | null;
  onClose: () => void;
  onSaved: (d: TicketDetail) => void;
}

interface Form {
  subject: string;
  description: string;
  category: TicketInput["category"];
  priority: TicketInput["priority"];
  channel: TicketInput["channel"];
  contact: EntityRef | null;
  company: EntityRef | null;
  openedAt: string | null;
}

function formOf(t: Ticket | undefined, contact: EntityRef | null, company: EntityRef | null): Form {
  if (t) {
    return {
      subject: t.subject, description: t.description ?? "", category: t.category, priority: t.priority, channel: t.channel,
      contact: t.contact, company: t.company, openedAt: null,
    };
  }
  return { subject: "", description: "", category: "question", priority: "normal", channel: "email", contact, company, openedAt: null };
}

/** The input the back end takes; an edit keeps the time it was opened. */
export function toTicketInput(f: Form, ticket?: Ticket): TicketInput {
  return {
    subject: f.subject.trim(),
    description: f.description.trim() || null,
    category: f.category,
    priority: f.priority,
    channel: f.channel,
    contact_id: f.contact?.id ?? null,
    company_id: f.company?.id ?? null,
    opened_at: ticket ? ticket.opened_at : pickerToIso(f.openedAt),
  };
}

export function TicketFormModal({ ticket, contact = null, company = null, onClose, onSaved }: Props) {
  const [form, setForm] = useState<Form>(() => formOf(ticket, contact, company));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K], field: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    const local: Record<string, string> = {};
    if (!form.subject.trim()) local.subject = "Say in a few words what they need.";
    if (!form.contact && !form.company) local.contact_id = "Say who asked: a contact or a company.";
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const input = toTicketInput(form, ticket);
      onSaved(await call(ticket ? commands.ticketUpdate(ticket.id, input) : commands.ticketCreate(input)));
    } catch (e) {
      setErrors(formErrors(e));
      notifyError(e, (f) => SHOWN.has(f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={ticket ? `Edit ticket #${ticket.number}` : "New ticket"} size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <Stack>
          <TextInput label="Subject" withAsterisk data-autofocus placeholder="e.g. Invoice shows the wrong VAT number" value={form.subject}
            error={errors.subject} onChange={(e) => set("subject", e.currentTarget.value, "subject")} data-testid="ticket-form-subject" />
          <Textarea label="What they asked" autosize minRows={3} maxRows={10} value={form.description} error={errors.description}
            onChange={(e) => set("description", e.currentTarget.value, "description")} data-testid="ticket-form-description" />
          <SimpleGrid cols={2}>
            <EntityPicker kind="contact" label="Contact" value={form.contact} error={errors.contact_id} testId="ticket-form-contact"
              onChange={(v) => { set("contact", v, "contact_id"); setErrors(({ company_id: _c, ...rest }) => rest); }} />
            <EntityPicker kind="company" label="Company" value={form.company} error={errors.company_id} testId="ticket-form-company"
              onChange={(v) => { set("company", v, "company_id"); setErrors(({ contact_id: _c, ...rest }) => rest); }} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8}>
            A contact, a company or both. The contact's priority tier sets the response and resolution targets (tier C when they have none).
          </Text>
          <Input.Wrapper label="Priority" error={errors.priority}>
            <SegmentedControl fullWidth aria-label="Priority" value={form.priority} data={options(PRIORITIES, PRIORITY_LABELS)}
              onChange={(v) => set("priority", v as Form["priority"], "priority")} data-testid="ticket-form-priority" />
          </Input.Wrapper>
          <SimpleGrid cols={ticket ? 2 : 3}>
            <Select label="Category" data={options(CATEGORIES, CATEGORY_LABELS)} value={form.category} allowDeselect={false} error={errors.category}
              onChange={(v) => v && set("category", v as Form["category"], "category")} data-testid="ticket-form-category" />
            <Select label="Came in by" data={options(CHANNELS, CHANNEL_LABELS)} value={form.channel} allowDeselect={false} error={errors.channel}
              onChange={(v) => v && set("channel", v as Form["channel"], "channel")} data-testid="ticket-form-channel" />
            {!ticket && (
              <DateTimePicker label="When they asked" placeholder="Now" clearable valueFormat={pickerFormat(true)} value={form.openedAt}
                error={errors.opened_at} onChange={(v) => set("openedAt", v, "opened_at")} data-testid="ticket-form-opened" />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="ticket-form-save">{ticket ? "Save changes" : "Open ticket"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
