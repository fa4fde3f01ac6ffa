// Create or edit a contact: the full form. Server field errors appear next to their fields.
import { useState } from "react";
import {
  Autocomplete, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput, Textarea,
} from "@mantine/core";
import { commands, type ContactDetail, type ContactInput, type EntityRef } from "../bindings";
import { call, coreOf, notifyError } from "../lib/api";
import { fieldErrors } from "../lib/errors";
import { timeZones, useLookups } from "../lib/lookups";
import { STAGE_OPTIONS, isStage } from "../lib/stages";
import { EntityPicker } from "../search/EntityPicker";
import { LikelyDuplicates } from "../duplicates/LikelyDuplicates";
import { ChannelRows, type ChannelRow } from "./ChannelRows";
import { emptyContactInput, inputFromDetail, prepareContactInput, remapFieldErrors, validateContact } from "./contactForm";

interface Props {
  detail?: ContactDetail;
  initialCompany?: EntityRef;
  onClose: () => void;
  onSaved: (c: ContactDetail) => void;
}

/** Fields this form shows; errors for any other field go to a notification. */
const SHOWN = /^(first_name|last_name|title|company_id|emails(\..*)?|phones(\..*)?|address\..+|time_zone|owner|notes|tags|lifecycle_stage|lead_source_id|referred_by_id)$/;

export function ContactFormModal({ detail, initialCompany, onClose, onSaved }: Props) {
  const [input, setInput] = useState<ContactInput>(() => (detail ? inputFromDetail(detail) : emptyContactInput()));
  const [company, setCompany] = useState<EntityRef | null>(detail?.company ?? initialCompany ?? null);
  const [referredBy, setReferredBy] = useState<EntityRef | null>(detail?.referred_by ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const { leadSources, tags, owners } = useLookups();
  const source = leadSources.find((s) => s.id === input.lead_source_id);
  const isReferral = source?.is_referral ?? (detail?.lead_source?.is_referral === true && detail.lead_source.id === input.lead_source_id);

  const set = <K extends keyof ContactInput>(key: K, value: ContactInput[K], field: string = key) => {
    setInput((i) => ({ ...i, [key]: value }));
    if (errors[field]) setErrors(({ [field]: _drop, ...rest }) => rest);
  };
  const setAddress = (key: keyof ContactInput["address"], value: string) => {
    setInput((i) => ({ ...i, address: { ...i.address, [key]: value } }));
    if (errors[`address.${key}`]) setErrors(({ [`address.${key}`]: _drop, ...rest }) => rest);
  };
  const clearPrefix = (prefix: string) =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));

  const save = async () => {
    const local = validateContact(input);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const prepared = prepareContactInput({
      ...input,
      company_id: company?.id ?? null,
      referred_by_id: isReferral ? (referredBy?.id ?? null) : null,
    });
    setSaving(true);
    try {
      const saved = await call(
        detail ? commands.contactUpdate(detail.id, prepared.input) : commands.contactCreate(prepared.input),
      );
      onSaved(saved);
    } catch (e) {
      setErrors(remapFieldErrors(fieldErrors(coreOf(e)), prepared.emailMap, prepared.phoneMap));
      notifyError(e, (f) => SHOWN.test(f));
    } finally {
      setSaving(false);
    }
  };

  const emailRows: ChannelRow[] = input.emails.map((e) => ({ value: e.email, label: e.label, is_primary: e.is_primary }));
  const phoneRows: ChannelRow[] = input.phones.map((p) => ({ value: p.phone, label: p.label, is_primary: p.is_primary }));

  return (
    <Modal opened onClose={onClose} title={detail ? `Edit ${detail.display_name}` : "New contact"} size="xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <TextInput label="First name" withAsterisk data-autofocus value={input.first_name}
              onChange={(e) => set("first_name", e.currentTarget.value)} error={errors.first_name} data-testid="contact-first-name" />
            <TextInput label="Last name" value={input.last_name}
              onChange={(e) => set("last_name", e.currentTarget.value)} error={errors.last_name} data-testid="contact-last-name" />
            <TextInput label="Job title" value={input.title ?? ""} onChange={(e) => set("title", e.currentTarget.value)} error={errors.title} />
            <EntityPicker kind="company" label="Company" value={company} error={errors.company_id}
              onChange={(c) => {
                setCompany(c);
                clearPrefix("company_id");
              }} />
          </SimpleGrid>
          <SimpleGrid cols={1} spacing="md">
            <ChannelRows kind="email" rows={emailRows} errors={errors}
              onChange={(rows) => {
                set("emails", rows.map((r) => ({ email: r.value, label: r.label, is_primary: r.is_primary })));
                clearPrefix("emails");
              }} />
            <ChannelRows kind="phone" rows={phoneRows} errors={errors}
              onChange={(rows) => {
                set("phones", rows.map((r) => ({ phone: r.value, label: r.label, is_primary: r.is_primary })));
                clearPrefix("phones");
              }} />
          </SimpleGrid>
          <Divider label="Relationship" labelPosition="left" />
          <SimpleGrid cols={3}>
            <Select label="Lifecycle stage" data={STAGE_OPTIONS} value={input.lifecycle_stage} allowDeselect={false}
              onChange={(v) => isStage(v) && set("lifecycle_stage", v)} error={errors.lifecycle_stage} />
            <Select label="Lead source" placeholder="How did they find you?" clearable
              data={leadSources.filter((s) => !s.archived || s.id === input.lead_source_id).map((s) => ({ value: s.id, label: s.name }))}
              value={input.lead_source_id} onChange={(v) => set("lead_source_id", v)} error={errors.lead_source_id} />
            <Autocomplete label="Owner" placeholder="Who looks after them" data={owners} value={input.owner ?? ""}
              onChange={(v) => set("owner", v)} error={errors.owner} />
            {isReferral && (
              <EntityPicker kind="contact" label="Referred by" value={referredBy} excludeId={detail?.id}
                error={errors.referred_by_id} onChange={(c) => {
                  setReferredBy(c);
                  clearPrefix("referred_by_id");
                }} />
            )}
            <Autocomplete label="Time zone" placeholder="e.g. Europe/London" data={timeZones()} limit={30}
              value={input.time_zone ?? ""} onChange={(v) => set("time_zone", v)} error={errors.time_zone} />
            <TagsInput label="Tags" placeholder="Add a tag and press Enter" data={tags.map((t) => t.name)}
              value={input.tags} onChange={(v) => set("tags", v)} error={errors.tags} clearable />
          </SimpleGrid>
          <Switch label="Do not contact (they asked not to be contacted)" checked={input.do_not_contact}
            onChange={(e) => set("do_not_contact", e.currentTarget.checked)} />
          <Divider label="Address" labelPosition="left" />
          <SimpleGrid cols={3}>
            <TextInput label="Street" value={input.address.street ?? ""} onChange={(e) => setAddress("street", e.currentTarget.value)} error={errors["address.street"]} />
            <TextInput label="City" value={input.address.city ?? ""} onChange={(e) => setAddress("city", e.currentTarget.value)} error={errors["address.city"]} />
            <TextInput label="Region" value={input.address.region ?? ""} onChange={(e) => setAddress("region", e.currentTarget.value)} error={errors["address.region"]} />
            <TextInput label="Postal code" value={input.address.postal_code ?? ""} onChange={(e) => setAddress("postal_code", e.currentTarget.value)} error={errors["address.postal_code"]} />
            <TextInput label="Country" value={input.address.country ?? ""} onChange={(e) => setAddress("country", e.currentTarget.value)} error={errors["address.country"]} />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} maxRows={6} value={input.notes ?? ""}
            onChange={(e) => set("notes", e.currentTarget.value)} error={errors.notes} />
          <LikelyDuplicates kind="contact" input={{ ...input, company_id: company?.id ?? null }} excludeId={detail?.id} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={saving} data-testid="contact-save">
              {detail ? "Save changes" : "Create contact"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
