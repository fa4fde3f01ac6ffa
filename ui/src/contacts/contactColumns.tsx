import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { ContactRow, ContactSort } from "../bindings";
import { formatDate, isPast, relative } from "../lib/dates";
import { Dim, type Column } from "../lib/VirtualTable";
import { StageBadge } from "./StageBadge";

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      {tags.slice(0, 2).map((t) => (
        <Badge key={t} size="sm" variant="default" radius="sm" tt="none" fw={500}>
          {t}
        </Badge>
      ))}
      {tags.length > 2 && <Text size="xs" c="dimmed">+{tags.length - 2}</Text>}
    </Group>
  );
}

export const contactColumns: Column<ContactRow, ContactSort>[] = [
  {
    key: "name",
    title: "Name",
    width: "minmax(190px, 2fr)",
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
  { key: "company", title: "Company", width: "minmax(130px, 1.4fr)", sort: "company", render: (r) => <Dim>{r.company?.name}</Dim> },
  { key: "email", title: "E-mail", width: "minmax(160px, 1.6fr)", render: (r) => <Dim>{r.primary_email}</Dim> },
  { key: "phone", title: "Phone", width: "130px", render: (r) => <Dim>{r.primary_phone}</Dim> },
  { key: "stage", title: "Stage", width: "130px", sort: "stage", render: (r) => <StageBadge stage={r.lifecycle_stage} /> },
  { key: "source", title: "Source", width: "minmax(90px, 1fr)", render: (r) => <Dim>{r.lead_source}</Dim> },
  { key: "owner", title: "Owner", width: "minmax(80px, 0.8fr)", render: (r) => <Dim>{r.owner}</Dim> },
  { key: "tags", title: "Tags", width: "minmax(110px, 1.1fr)", render: (r) => <TagList tags={r.tags} /> },
  {
    key: "last",
    title: "Last contact",
    width: "120px",
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
    width: "110px",
    sort: "next_follow_up",
    render: (r) => (
      <Text size="sm" c={isPast(r.next_follow_up_at) ? "red" : r.next_follow_up_at ? undefined : "dimmed"}>
        {formatDate(r.next_follow_up_at)}
      </Text>
    ),
  },
];
