import type { ContactRow, ContactSort } from "../bindings";
import { CellText, Dim, Pill, TwoLines } from "../lib/cells";
import { formatDate, formatShortDate, isPast, relative } from "../lib/dates";
import { STAGE_COLORS, STAGE_LABELS } from "../lib/stages";
import type { Column } from "../lib/VirtualTable";
import { TEMPERATURE_COLORS, TEMPERATURE_LABELS } from "../scoring/format";
import { TIER_COLORS } from "../tiers/format";

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Dim>{null}</Dim>;
  return (
    <div style={{ display: "flex", gap: 4, alignItems: "center", minWidth: 0 }} title={tags.join(", ")}>
      <Pill color="gray">{tags[0]}</Pill>
      {tags.length > 1 && (
        <span style={{ flexShrink: 0 }}>
          <CellText tone="sub">+{tags.length - 1}</CellText>
        </span>
      )}
    </div>
  );
}

export const contactColumns: Column<ContactRow, ContactSort>[] = [
  {
    key: "name",
    title: "Name",
    width: "minmax(150px, 1.6fr)",
    sort: "name",
    render: (r) => (
      <TwoLines
        main={r.display_name}
        sub={r.title}
        marks={r.do_not_contact && <Pill color="red" title="Do not contact">DNC</Pill>}
      />
    ),
  },
  { key: "company", title: "Company", width: "minmax(100px, 1.1fr)", sort: "company", render: (r) => <Dim>{r.company?.name}</Dim> },
  { key: "email", title: "E-mail", width: "minmax(140px, 1.5fr)", render: (r) => <Dim>{r.primary_email}</Dim> },
  { key: "phone", title: "Phone", width: "minmax(96px, 0.9fr)", render: (r) => <Dim>{r.primary_phone}</Dim> },
  { key: "stage", title: "Stage", width: "124px", sort: "stage", render: (r) => <Pill color={STAGE_COLORS[r.lifecycle_stage]}>{STAGE_LABELS[r.lifecycle_stage]}</Pill> },
  {
    key: "score",
    title: "Score",
    width: "84px",
    sort: "score",
    render: (r) =>
      r.score === null || r.temperature === null ? (
        <Dim>{null}</Dim>
      ) : (
        <Pill color={TEMPERATURE_COLORS[r.temperature]} title={TEMPERATURE_LABELS[r.temperature]}>{r.score}</Pill>
      ),
  },
  {
    key: "tier",
    title: "Tier",
    width: "52px",
    render: (r) => (r.tier ? <Pill color={TIER_COLORS[r.tier]} title={`Priority tier ${r.tier.toUpperCase()}`}>{r.tier.toUpperCase()}</Pill> : <Dim>{null}</Dim>),
  },
  { key: "source", title: "Source", width: "minmax(70px, 0.8fr)", render: (r) => <Dim>{r.lead_source}</Dim> },
  { key: "owner", title: "Owner", width: "minmax(60px, 0.6fr)", render: (r) => <Dim>{r.owner}</Dim> },
  { key: "tags", title: "Tags", width: "minmax(70px, 0.9fr)", render: (r) => <TagList tags={r.tags} /> },
  {
    key: "last",
    title: "Contacted",
    width: "96px",
    sort: "last_contacted",
    render: (r) => (
      <CellText tone={r.last_contacted_at ? "text" : "dim"} title={r.last_contacted_at ? formatDate(r.last_contacted_at) : undefined}>
        {relative(r.last_contacted_at)}
      </CellText>
    ),
  },
  {
    key: "next",
    title: "Follow-up",
    width: "92px",
    sort: "next_follow_up",
    render: (r) => (
      <CellText tone={isPast(r.next_follow_up_at) ? "danger" : r.next_follow_up_at ? "text" : "dim"}>
        {formatShortDate(r.next_follow_up_at)}
      </CellText>
    ),
  },
];
