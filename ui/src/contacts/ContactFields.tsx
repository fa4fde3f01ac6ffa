// The left column of a contact: channels, inline-editable fields, source, history, referrals.
import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, TagsInput, Text, Timeline as MTimeline, Title } from "@mantine/core";
import { IconMail, IconPhone } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { ContactDetail } from "../bindings";
import { formatDate, formatDateTime, relative } from "../lib/dates";
import { AddressCard } from "../lib/AddressCard";
import { InlineField } from "../lib/InlineField";
import { timeZones, useLookups } from "../lib/lookups";
import { STAGE_LABELS } from "../lib/stages";
import { EntityPicker } from "../search/EntityPicker";
import type { SaveField } from "./ContactDetailPage";

export function ContactFields({ contact, saveField }: { contact: ContactDetail; saveField: SaveField }) {
  const { leadSources, tags, owners } = useLookups();
  const [tagError, setTagError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="xs">
          {contact.emails.length === 0 && contact.phones.length === 0 && (
            <Text size="sm" c="dimmed">No e-mail or phone yet — use Edit to add them.</Text>
          )}
          {contact.emails.map((e) => (
            <Group key={e.id} gap="xs" wrap="nowrap">
              <IconMail size={16} color="var(--mantine-color-dimmed)" />
              <Anchor href={`mailto:${e.email}`} size="sm" truncate="end">{e.email}</Anchor>
              {e.label && <Text size="xs" c="dimmed">{e.label}</Text>}
              {e.is_primary && contact.emails.length > 1 && <Badge size="xs" variant="light">primary</Badge>}
            </Group>
          ))}
          {contact.phones.map((p) => (
            <Group key={p.id} gap="xs" wrap="nowrap">
              <IconPhone size={16} color="var(--mantine-color-dimmed)" />
              <Anchor href={`tel:${p.phone}`} size="sm">{p.formatted}</Anchor>
              {p.label && <Text size="xs" c="dimmed">{p.label}</Text>}
              {p.is_primary && contact.phones.length > 1 && <Badge size="xs" variant="light">primary</Badge>}
            </Group>
          ))}
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <InlineField label="Job title" value={contact.title} onSave={(v) => saveField((i) => ({ ...i, title: v }), "title")} testId="field-title" />
          <InlineField label="Owner" value={contact.owner} suggestions={owners} onSave={(v) => saveField((i) => ({ ...i, owner: v }), "owner")} />
          <InlineField label="Time zone" value={contact.time_zone} suggestions={timeZones()} onSave={(v) => saveField((i) => ({ ...i, time_zone: v }), "time_zone")} />
          <div>
            <Text size="xs" c="dimmed" fw={500} mb={2}>Follow-up</Text>
            <Text size="sm">{formatDateTime(contact.next_follow_up_at)}</Text>
            <Text size="xs" c="dimmed">Last contacted {relative(contact.last_contacted_at)}</Text>
          </div>
        </SimpleGrid>
        <TagsInput mt="sm" label="Tags" data={tags.map((t) => t.name)} value={contact.tags} size="sm"
          placeholder="Add a tag" error={tagError} clearable
          onChange={async (v) => setTagError(await saveField((i) => ({ ...i, tags: v }), "tags"))} />
        <SimpleGrid cols={2} spacing="sm" mt="sm">
          <Select label="Lead source" placeholder="Unknown" clearable size="sm" error={sourceError}
            data={leadSources.filter((s) => !s.archived || s.id === contact.lead_source?.id).map((s) => ({ value: s.id, label: s.name }))}
            value={contact.lead_source?.id ?? null}
            onChange={async (v) => {
              const referral = leadSources.find((s) => s.id === v)?.is_referral ?? false;
              setSourceError(await saveField((i) => ({ ...i, lead_source_id: v, referred_by_id: referral ? i.referred_by_id : null }), "lead_source_id"));
            }} />
          {contact.lead_source?.is_referral && (
            <EntityPicker kind="contact" label="Referred by" value={contact.referred_by} excludeId={contact.id}
              onChange={async (r) => setSourceError(await saveField((i) => ({ ...i, referred_by_id: r?.id ?? null }), "referred_by_id"))} />
          )}
        </SimpleGrid>
      </Card>
      <AddressCard address={contact.address}
        onSave={(key, v) => saveField((i) => ({ ...i, address: { ...i.address, [key]: v } }), `address.${key}`)} />
      <Card withBorder padding="md">
        <InlineField label="Notes" value={contact.notes} multiline placeholder="Add notes about this person"
          onSave={(v) => saveField((i) => ({ ...i, notes: v }), "notes")} />
      </Card>
      <Card withBorder padding="md">
        <Title order={5} mb="sm">Lifecycle history</Title>
        {contact.lifecycle_history.length === 0 ? (
          <Text size="sm" c="dimmed">No stage changes yet.</Text>
        ) : (
          <MTimeline bulletSize={12} lineWidth={2} active={contact.lifecycle_history.length}>
            {[...contact.lifecycle_history].reverse().map((h, i) => (
              <MTimeline.Item key={i} title={STAGE_LABELS[h.to_stage]}>
                <Text size="xs" c="dimmed">
                  {h.from_stage ? `from ${STAGE_LABELS[h.from_stage]} · ` : "first stage · "}
                  {formatDate(h.changed_at)}
                </Text>
              </MTimeline.Item>
            ))}
          </MTimeline>
        )}
      </Card>
      <Card withBorder padding="md">
        <Title order={5} mb="xs">Referrals made</Title>
        {contact.referrals.length === 0 ? (
          <Text size="sm" c="dimmed">{contact.display_name} hasn't referred anyone yet.</Text>
        ) : (
          <Group gap="xs">
            {contact.referrals.map((r) => (
              <Badge key={r.id} component={Link} to={`/contacts/${r.id}`} variant="light" tt="none" style={{ cursor: "pointer" }}>
                {r.name}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="xs" c="dimmed" mt="sm">Added {formatDate(contact.created_at)} · updated {relative(contact.updated_at)}</Text>
      </Card>
    </Stack>
  );
}
