import { useState } from "react";
import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, TagsInput, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { CompanyDetail } from "../bindings";
import { formatDate } from "../lib/dates";
import { AddressCard } from "../lib/AddressCard";
import { InlineField } from "../lib/InlineField";
import { useLookups } from "../lib/lookups";
import { SIZE_OPTIONS, isSizeBand } from "../lib/stages";
import { StageBadge } from "../contacts/StageBadge";
import { useCreate } from "../app/create";
import type { SaveCompanyField } from "./CompanyDetailPage";

export function CompanyFields({ company, saveField }: { company: CompanyDetail; saveField: SaveCompanyField }) {
  const { industries, tags, owners } = useLookups();
  const { newContact } = useCreate();
  const [tagError, setTagError] = useState<string | null>(null);
  const [sizeError, setSizeError] = useState<string | null>(null);
  const more = company.contact_count - company.contacts.length;

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <InlineField label="Name" value={company.name} onSave={(v) => saveField((i) => ({ ...i, name: v ?? "" }), "name")} />
          <InlineField label="Website domain" value={company.domain} placeholder="Add a domain (example.com)"
            onSave={(v) => saveField((i) => ({ ...i, domain: v }), "domain")} />
          <InlineField label="Industry" value={company.industry} suggestions={industries}
            onSave={(v) => saveField((i) => ({ ...i, industry: v }), "industry")} />
          <Select label="Size" size="sm" placeholder="Unknown" data={SIZE_OPTIONS} value={company.size_band} clearable error={sizeError}
            onChange={async (v) => setSizeError(await saveField((i) => ({ ...i, size_band: isSizeBand(v) ? v : null }), "size_band"))} />
          <InlineField label="Phone" value={company.phone} display={company.phone ? <Text size="sm">{company.phone_formatted ?? company.phone}</Text> : undefined}
            onSave={(v) => saveField((i) => ({ ...i, phone: v }), "phone")} />
          <InlineField label="Owner" value={company.owner} suggestions={owners} onSave={(v) => saveField((i) => ({ ...i, owner: v }), "owner")} />
        </SimpleGrid>
        <TagsInput mt="sm" label="Tags" size="sm" data={tags.map((t) => t.name)} value={company.tags} error={tagError} clearable
          placeholder="Add a tag" onChange={async (v) => setTagError(await saveField((i) => ({ ...i, tags: v }), "tags"))} />
      </Card>
      <Card withBorder padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>People ({company.contact_count})</Title>
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />}
            onClick={() => newContact({ id: company.id, name: company.name })}>
            Add person
          </Button>
        </Group>
        {company.contacts.length === 0 ? (
          <Text size="sm" c="dimmed">No one from {company.name} is in Hearth yet.</Text>
        ) : (
          <Stack gap={6}>
            {company.contacts.map((c) => (
              <Group key={c.id} justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" fw={500}>{c.display_name}</Anchor>
                  <Text size="xs" c="dimmed" truncate="end">{[c.title, c.primary_email].filter(Boolean).join(" · ")}</Text>
                </div>
                <StageBadge stage={c.lifecycle_stage} size="xs" />
              </Group>
            ))}
            {more > 0 && (
              <Anchor component={Link} size="sm" to={`/contacts?company=${company.id}&companyName=${encodeURIComponent(company.name)}`}>
                Show all {company.contact_count} people
              </Anchor>
            )}
          </Stack>
        )}
      </Card>
      <AddressCard address={company.address}
        onSave={(key, v) => saveField((i) => ({ ...i, address: { ...i.address, [key]: v } }), `address.${key}`)} />
      <Card withBorder padding="md">
        <InlineField label="Notes" value={company.notes} multiline placeholder="Add notes about this company"
          onSave={(v) => saveField((i) => ({ ...i, notes: v }), "notes")} />
        <Text size="xs" c="dimmed" mt="sm">Added {formatDate(company.created_at)} · updated {formatDate(company.updated_at)}</Text>
      </Card>
    </Stack>
  );
}
