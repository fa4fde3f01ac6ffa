import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { ContactRow, ContactSort } from "../bindings";
import { formatDate, formatShortDate, isPast, relative } from "../lib/dates";
import { Dim, type Column } from "../lib/VirtualTable";
import { StageBadge } from "./StageBadge";

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="sm" variant="default" radius="sm" tt="none" fw={500} style={{ flexShrink: 1, minWidth: 0 }}>
        {tags[0]}
      </Badge>
      {tags.length > 1 && <Text size="xs" c="dimmed">+{tags.length - 1}</Text>}
    </Group>
  );
}

export const contactColumns: Column<ContactRow, ContactSort>[] = [
  {
    key: "name",
    title: "Name",
    width: "minmax(150px, 1.6fr)",
    sort: "name",
    render: (r) => (
      <div style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} truncate="end">
            {r.display_name}
          </Text>
          {r.do_not_contact && (
            <Tooltip label="Do not contact">
              <Badge size="xs" color="red" variant="light">DNC</Badge>
            </Tooltip>
          )}
        </Group>
        {r.title && <Text size="xs" c="dimmed" truncate="end">{r.title}</Text>}
      </div>
    ),
  },
  { key: "company", title: "Company", width: "minmax(100px, 1.1fr)", sort: "company", render: (r) => <Dim>{r.company?.name}</Dim> },
  { key: "email", title: "E-mail", width: "minmax(140px, 1.5fr)", render: (r) => <Dim>{r.primary_email}</Dim> },
  { key: "phone", title: "Phone", width: "minmax(96px, 0.9fr)", render: (r) => <Dim>{r.primary_phone}</Dim> },
  { key: "stage", title: "Stage", width: "124px", sort: "stage", render: (r) => <StageBadge stage={r.lifecycle_stage} /> },
  { key: "source", title: "Source", width: "minmax(70px, 0.8fr)", render: (r) => <Dim>{r.lead_source}</Dim> },
  { key: "owner", title: "Owner", width: "minmax(60px, 0.6fr)", render: (r) => <Dim>{r.owner}</Dim> },
  { key: "tags", title: "Tags", width: "minmax(70px, 0.9fr)", render: (r) => <TagList tags={r.tags} /> },
  {
    key: "last",
    title: "Contacted",
    width: "96px",
    sort: "last_contacted",
    render: (r) => (
      <Tooltip label={formatDate(r.last_contacted_at)} disabled={!r.last_contacted_at}>
        <Text size="sm" c={r.last_contacted_at ? undefined : "dimmed"}>{relative(r.last_contacted_at)}</Text>
      </Tooltip>
    ),
  },
  {
    key: "next",
    title: "Follow-up",
    width: "92px",
    sort: "next_follow_up",
    render: (r) => (
      <Text size="sm" c={isPast(r.next_follow_up_at) ? "red" : r.next_follow_up_at ? undefined : "dimmed"}>
        {formatShortDate(r.next_follow_up_at)}
      </Text>
    ),
  },
];
