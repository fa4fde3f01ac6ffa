import { ActionIcon, Anchor, Avatar, Badge, Button, Group, Select, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconArrowLeft, IconBuilding, IconPencil, IconTrash } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { ContactDetail, LifecycleStage } from "../bindings";
import { STAGE_COLORS, STAGE_OPTIONS, isStage } from "../lib/stages";

interface Props {
  contact: ContactDetail;
  onStage: (s: LifecycleStage) => void;
  onEdit: () => void;
  onDelete: () => void;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");
}

export function ContactHeader({ contact, onStage, onEdit, onDelete }: Props) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Group gap="md" wrap="nowrap" align="center">
        <Tooltip label="Back to contacts">
          <ActionIcon component={Link} to="/contacts" variant="subtle" color="gray" aria-label="Back to contacts">
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <Avatar size={56} radius="xl" color={STAGE_COLORS[contact.lifecycle_stage]}>
          {initials(contact.display_name)}
        </Avatar>
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} data-testid="contact-name">
              {contact.display_name}
            </Title>
            {contact.do_not_contact && (
              <Badge color="red" variant="filled" data-testid="do-not-contact">
                Do not contact
              </Badge>
            )}
          </Group>
          <Group gap={6}>
            {contact.title && <Text c="dimmed">{contact.title}</Text>}
            {contact.title && contact.company && <Text c="dimmed">at</Text>}
            {contact.company && (
              <Anchor component={Link} to={`/companies/${contact.company.id}`} fw={500}>
                <Group gap={4} wrap="nowrap">
                  <IconBuilding size={15} />
                  {contact.company.name}
                </Group>
              </Anchor>
            )}
          </Group>
        </Stack>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Select
          aria-label="Lifecycle stage"
          data={STAGE_OPTIONS}
          value={contact.lifecycle_stage}
          allowDeselect={false}
          onChange={(v) => isStage(v) && v !== contact.lifecycle_stage && onStage(v)}
          w={180}
          data-testid="contact-stage"
          leftSection={<span style={{ width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${STAGE_COLORS[contact.lifecycle_stage]}-6)` }} />}
        />
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="edit-contact">
          Edit
        </Button>
        <Tooltip label="Delete contact">
          <ActionIcon variant="light" color="red" size="lg" onClick={onDelete} aria-label="Delete contact" data-testid="delete-contact">
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
