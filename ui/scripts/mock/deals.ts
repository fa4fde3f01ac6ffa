// Fake deals for the mock back end: one pipeline, a board, and moves recorded on `window`
// so the headless-Chromium drag test can check what the board saved.
import type { Board, BoardColumn, CoreError, DealCard, DealDetail, DealMove, Pipeline, Stage } from "../../src/bindings";

type Args = Record<string, unknown>;
declare global {
  interface Window {
    __dealMoves: DealMove[];
    __failNextMove: boolean;
  }
}
window.__dealMoves = [];
window.__failNextMove = false;

const STAGES: [string, number, Stage["kind"]][] = [
  ["Prospecting", 10, "open"], ["Needs & qualification", 20, "open"], ["Demo / presentation", 40, "open"],
  ["Proposal", 60, "open"], ["Negotiation", 80, "open"], ["Won", 100, "won"], ["Lost", 0, "lost"],
];
const stages: Stage[] = STAGES.map(([name, probability, kind], i) => ({
  id: `st-${i}`, pipeline_id: "pl-1", name, position: i, kind, probability, rotting_days: kind === "open" ? 14 : null, deal_count: 0,
}));
const TITLES = ["Spring menu photography", "Website refresh", "Office fit-out", "Catering contract", "Brand workshop", "Yearly maintenance", "Shop signage", "Wedding flowers"];
const now = Date.now();
const deals: DealCard[] = Array.from({ length: 36 }, (_, i) => {
  const s = stages[i % 5];
  return {
    id: `dl-${i}`, title: `${TITLES[i % TITLES.length]} ${i + 1}`, stage_id: s.id, stage_name: s.name, status: "open",
    company: { id: `co-${String(i).padStart(5, "0")}`, name: ["Juniper Bakery", "Copper Studio", "Harbour Dental", "Meadow Bistro"][i % 4] },
    contact: null, contact_score: null, contact_temperature: null, owner: ["Hannah", "Marco", "Aisha"][i % 3], value_minor: 50_000 + i * 12_500, currency: "EUR",
    expected_close: new Date(now + (i - 10) * 86_400_000).toISOString().slice(0, 10), probability: s.probability,
    probability_overridden: false, days_in_stage: i % 20, attention: { rotting: i % 20 > 14, no_next_activity: i % 3 === 0 },
    rank: i, version: 1, updated_at: new Date(now - i * 3_600_000).toISOString(),
  };
});

function columnOf(s: Stage): BoardColumn {
  const cards = deals.filter((d) => d.stage_id === s.id).sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0));
  const total = cards.reduce((n, c) => n + c.value_minor, 0);
  const weighted = cards.reduce((n, c) => n + Math.round((c.value_minor * c.probability) / 100), 0);
  return {
    stage: { ...s, deal_count: cards.length }, count: cards.length,
    totals: cards.length ? [{ currency: "EUR", total_minor: total, weighted_minor: weighted }] : [],
    attention_count: cards.filter((c) => c.attention.rotting || c.attention.no_next_activity).length, cards,
  };
}

function detail(c: DealCard): DealDetail {
  const stage = stages.find((s) => s.id === c.stage_id)!;
  return {
    id: c.id, title: c.title, pipeline: { id: "pl-1", name: "Sales" }, stage, status: c.status, contacts: [], company: c.company,
    owner: c.owner, value_minor: c.value_minor, currency: c.currency, expected_close: c.expected_close, probability: c.probability,
    probability_overridden: false, source: null, next_step: null, lost_reason: null, lost_note: null, notes: null, tags: [], lines: [],
    stage_entered_at: c.updated_at, days_in_stage: c.days_in_stage, closed_at: null, attention: c.attention, next_activity_at: null,
    history: [], version: c.version, created_at: c.updated_at, updated_at: c.updated_at,
  };
}

const fail = (e: CoreError) => e;
const r = (d: DealCard) => d.rank ?? 0;

export function handleDeals(cmd: string, a: Args): unknown {
  switch (cmd) {
    case "pipelines_list": {
      const p: Pipeline = { id: "pl-1", name: "Sales", position: 0, stages: stages.map((s) => ({ ...s, deal_count: deals.filter((d) => d.stage_id === s.id).length })) };
      return [p];
    }
    case "deals_board": {
      const b: Board = { pipeline_id: "pl-1", pipeline_name: "Sales", columns: stages.map(columnOf) };
      return b;
    }
    case "deals_column":
      return { cards: [], total: 0, offset: 0 };
    case "deals_list":
      return { cards: deals, total: deals.length, offset: 0 };
    case "deal_get": {
      const c = deals.find((d) => d.id === a.id);
      if (!c) throw fail({ kind: "not_found", entity: "deal", id: String(a.id) });
      return detail(c);
    }
    case "lost_reasons_list":
      return [{ id: "lr-1", name: "Price too high", archived: false, position: 0, deal_count: 0 }];
    case "deal_move": {
      const m = a.input as DealMove;
      window.__dealMoves.push(m);
      if (window.__failNextMove) {
        window.__failNextMove = false;
        throw fail({ kind: "conflict", message: "“x” was changed elsewhere since you opened it; nothing was saved." });
      }
      const c = deals.find((d) => d.id === m.deal_id)!;
      const to = stages.find((s) => s.id === m.stage_id)!;
      const after = m.after_id ? deals.find((d) => d.id === m.after_id) : null;
      const column = deals.filter((d) => d.stage_id === to.id && d.id !== c.id).sort((x, y) => r(x) - r(y));
      const next = after ? column.find((d) => r(d) > r(after)) : column[0];
      c.rank = after ? (next ? (r(after) + r(next)) / 2 : r(after) + 1) : (next ? r(next) - 1 : 0);
      Object.assign(c, { stage_id: to.id, stage_name: to.name, status: to.kind, probability: to.probability, version: c.version + 1 });
      return detail(c);
    }
    default:
      return undefined;
  }
}
