import type { CompanyRow, CompanySort } from "../bindings";
import { CellText, Dim, Pill, TwoLines } from "../lib/cells";
import { formatDate, relative } from "../lib/dates";
import { SIZE_LABELS } from "../lib/stages";
import type { Column } from "../lib/VirtualTable";
import { TagList } from "../contacts/contactColumns";

export const companyColumns: Column<CompanyRow, CompanySort>[] = [
  {
    key: "name",
    title: "Company",
    width: "minmax(200px, 2fr)",
    sort: "name",
    render: (r) => <TwoLines main={r.name} sub={r.domain} />,
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
    render: (r) => <Pill color="gray">{r.contact_count}</Pill>,
  },
  { key: "tags", title: "Tags", width: "minmax(110px, 1.1fr)", render: (r) => <TagList tags={r.tags} /> },
  { key: "updated", title: "Updated", width: "120px", sort: "updated", render: (r) => <CellText title={formatDate(r.updated_at)}>{relative(r.updated_at)}</CellText> },
];
