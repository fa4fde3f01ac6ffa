import { Badge, Text } from "@mantine/core";
import type { CompanyRow, CompanySort } from "../bindings";
import { relative } from "../lib/dates";
import { SIZE_LABELS } from "../lib/stages";
import { Dim, type Column } from "../lib/VirtualTable";
import { TagList } from "../contacts/contactColumns";

export const companyColumns: Column<CompanyRow, CompanySort>[] = [
  {
    key: "name",
    title: "Company",
    width: "minmax(200px, 2fr)",
    sort: "name",
    render: (r) => (
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate="end">{r.name}</Text>
        {r.domain && <Text size="xs" c="dimmed" truncate="end">{r.domain}</Text>}
      </div>
    ),
  },
  { key: "industry", title: "Industry", width: "minmax(120px, 1.2fr)", render: (r) => <Dim>{r.industry}</Dim> },
  { key: "size", title: "Size", width: "130px", render: (r) => <Dim>{r.size_band ? SIZE_LABELS[r.size_band] : null}</Dim> },
  {
    key: "place",
    title: "Location",
    width: "minmax(120px, 1.2fr)",
    render: (r) => <Dim>{[r.city, r.country].filter(Boolean).join(", ")}</Dim>,
  },
  { key: "owner", title: "Owner", width: "minmax(90px, 0.8fr)", render: (r) => <Dim>{r.owner}</Dim> },
  {
    key: "contacts",
    title: "Contacts",
    width: "100px",
    sort: "contacts",
    render: (r) => (
      <Badge variant={r.contact_count > 0 ? "light" : "default"} color="gray" tt="none">
        {r.contact_count}
      </Badge>
    ),
  },
  { key: "tags", title: "Tags", width: "minmax(110px, 1.1fr)", render: (r) => <TagList tags={r.tags} /> },
  { key: "updated", title: "Updated", width: "120px", sort: "updated", render: (r) => <Text size="sm">{relative(r.updated_at)}</Text> },
];
