import type { DealCard, DealSort } from "../bindings";
import { CellText, Dim, Pill, TwoLines } from "../lib/cells";
import { formatDate, relative } from "../lib/dates";
import { formatMoney } from "../lib/money";
import type { Column } from "../lib/VirtualTable";
import { attentionText } from "./DealCardView";
import { TEMPERATURE_COLORS, TEMPERATURE_LABELS } from "../scoring/format";

const STATUS_COLOR = { open: "blue", won: "green", lost: "red" } as const;

export const dealColumns: Column<DealCard, DealSort>[] = [
  {
    key: "title",
    title: "Deal",
    width: "minmax(220px, 2fr)",
    sort: "title",
    render: (r) => <TwoLines main={r.title} sub={r.company?.name ?? r.contact?.name} marks={attentionText(r) ? <Pill color="orange" title={attentionText(r) ?? ""}>!</Pill> : null} />,
  },
  { key: "stage", title: "Stage", width: "minmax(140px, 1.2fr)", sort: "stage", render: (r) => <Pill color={STATUS_COLOR[r.status]}>{r.stage_name}</Pill> },
  { key: "value", title: "Value", width: "130px", sort: "value", render: (r) => <CellText>{formatMoney(r.value_minor, r.currency)}</CellText> },
  { key: "probability", title: "Prob.", width: "70px", render: (r) => <Dim>{`${r.probability}%${r.probability_overridden ? "*" : ""}`}</Dim> },
  { key: "close", title: "Expected close", width: "130px", sort: "expected_close", render: (r) => <Dim>{r.expected_close ? formatDate(r.expected_close) : null}</Dim> },
  {
    key: "lead",
    title: "Lead score",
    width: "96px",
    render: (r) =>
      r.contact_score === null || !r.contact_temperature ? (
        <Dim>{null}</Dim>
      ) : (
        <Pill color={TEMPERATURE_COLORS[r.contact_temperature]} title={`${r.contact?.name ?? "Contact"}: ${TEMPERATURE_LABELS[r.contact_temperature]}`}>
          {`${r.contact_score} ${TEMPERATURE_LABELS[r.contact_temperature]}`}
        </Pill>
      ),
  },
  { key: "owner", title: "Owner", width: "minmax(90px, 0.8fr)", render: (r) => <Dim>{r.owner}</Dim> },
  { key: "days", title: "In stage", width: "90px", render: (r) => <Dim>{`${r.days_in_stage} d`}</Dim> },
  { key: "updated", title: "Updated", width: "120px", sort: "updated", render: (r) => <CellText title={formatDate(r.updated_at)}>{relative(r.updated_at)}</CellText> },
];
