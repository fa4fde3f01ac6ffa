// The board's state changes, kept pure so they are tested without a browser: an optimistic
// move (card out of one column, into another at a place, headers updated), where a drop lands,
// and the keyboard's "next column".
import type { Board, BoardColumn, DealCard, MoneyTotal } from "../bindings";

export type Edge = "top" | "bottom";

function weighted(card: DealCard): number {
  return Math.round((card.value_minor * card.probability) / 100);
}

function adjustTotals(totals: MoneyTotal[], card: DealCard, sign: 1 | -1): MoneyTotal[] {
  const out = totals.map((t) => ({ ...t }));
  let t = out.find((x) => x.currency === card.currency);
  if (!t) {
    t = { currency: card.currency, total_minor: 0, weighted_minor: 0 };
    out.push(t);
  }
  t.total_minor += sign * card.value_minor;
  t.weighted_minor += sign * weighted(card);
  return out.filter((x) => x.total_minor !== 0 || x.weighted_minor !== 0 || x === out[0]);
}

const needsAttention = (c: DealCard) => c.attention.rotting || c.attention.no_next_activity;

/** Where a card is, or null. */
export function findCard(board: Board, cardId: string): { column: number; index: number } | null {
  for (let column = 0; column < board.columns.length; column++) {
    const index = board.columns[column].cards.findIndex((c) => c.id === cardId);
    if (index >= 0) return { column, index };
  }
  return null;
}

/** The card as it looks in `to` right after the move (before the server answers). */
export function cardInStage(card: DealCard, from: BoardColumn, to: BoardColumn): DealCard {
  if (from.stage.id === to.stage.id) return card;
  const open = to.stage.kind === "open";
  return {
    ...card,
    stage_id: to.stage.id,
    stage_name: to.stage.name,
    status: to.stage.kind,
    probability: card.probability_overridden && open ? card.probability : to.stage.probability,
    days_in_stage: 0,
    attention: { rotting: false, no_next_activity: open && card.attention.no_next_activity },
  };
}

/** The board after moving `cardId` to `toStageId`, below `afterId` (or on top). */
export function moveCard(board: Board, cardId: string, toStageId: string, afterId: string | null): Board {
  const at = findCard(board, cardId);
  const toIndex = board.columns.findIndex((c) => c.stage.id === toStageId);
  if (!at || toIndex < 0) return board;
  const columns = board.columns.map((c) => ({ ...c, cards: [...c.cards] }));
  const from = columns[at.column];
  const to = columns[toIndex];
  const [card] = from.cards.splice(at.index, 1);
  const moved = cardInStage(card, board.columns[at.column], board.columns[toIndex]);
  if (from !== to) {
    from.count -= 1;
    from.stage = { ...from.stage, deal_count: from.count };
    from.totals = adjustTotals(from.totals, card, -1);
    if (needsAttention(card)) from.attention_count -= 1;
    to.count += 1;
    to.stage = { ...to.stage, deal_count: to.count };
    to.totals = adjustTotals(to.totals, moved, 1);
    if (needsAttention(moved)) to.attention_count += 1;
  }
  const after = afterId === null ? -1 : to.cards.findIndex((c) => c.id === afterId);
  to.cards.splice(after + 1, 0, moved);
  return { ...board, columns };
}

/** Puts the server's version of a card in place (after a save). */
export function replaceCard(board: Board, card: DealCard): Board {
  const at = findCard(board, card.id);
  if (!at) return board;
  const columns = board.columns.map((c, i) => (i === at.column ? { ...c, cards: c.cards.map((x) => (x.id === card.id ? card : x)) } : c));
  return { ...board, columns };
}

/** The card a drop lands below: dropping on the top half of X lands below X's predecessor. */
export function afterForDrop(cards: DealCard[], draggedId: string, targetId: string, edge: Edge): string | null | undefined {
  if (draggedId === targetId) return undefined;
  const list = cards.filter((c) => c.id !== draggedId);
  const i = list.findIndex((c) => c.id === targetId);
  if (i < 0) return undefined;
  if (edge === "bottom") return list[i].id;
  return i === 0 ? null : list[i - 1].id;
}

/** Dropping on a column's empty space: below its last card when all are loaded, else on top. */
export function afterForColumnDrop(column: BoardColumn, draggedId: string): string | null {
  const list = column.cards.filter((c) => c.id !== draggedId);
  const allLoaded = column.cards.length >= column.count;
  return allLoaded && list.length > 0 ? list[list.length - 1].id : null;
}

/** The column `delta` steps away, for Alt+←/→ on a card. */
export function neighbourStage(board: Board, stageId: string, delta: number): BoardColumn | null {
  const i = board.columns.findIndex((c) => c.stage.id === stageId);
  const j = i + delta;
  return i >= 0 && j >= 0 && j < board.columns.length ? board.columns[j] : null;
}

/** The `afterId` that moves a card one place up (-1) or down (+1) in its column. */
export function afterForStep(column: BoardColumn, cardId: string, delta: -1 | 1): string | null | undefined {
  const i = column.cards.findIndex((c) => c.id === cardId);
  if (i < 0) return undefined;
  const list = column.cards.filter((c) => c.id !== cardId);
  const j = i + delta;
  if (j < 0 || j > list.length) return undefined;
  return j === 0 ? null : list[j - 1].id;
}

/** Appends a further page of a column (ignoring cards already there). */
export function appendCards(board: Board, stageId: string, cards: DealCard[], total: number): Board {
  const columns = board.columns.map((c) => {
    if (c.stage.id !== stageId) return c;
    const seen = new Set(c.cards.map((x) => x.id));
    return { ...c, count: total, cards: [...c.cards, ...cards.filter((x) => !seen.has(x.id))] };
  });
  return { ...board, columns };
}
