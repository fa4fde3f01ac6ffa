import { describe, expect, it } from "vitest";
import type { Board, BoardColumn, DealCard, StageKind } from "../bindings";
import { afterForColumnDrop, afterForDrop, afterForStep, appendCards, moveCard, neighbourStage } from "./board";

function card(id: string, stage: string, value = 1000, extra: Partial<DealCard> = {}): DealCard {
  return {
    id, title: `Deal ${id}`, stage_id: stage, stage_name: stage, status: "open", company: null, contact: null, contact_score: null, contact_temperature: null, owner: null,
    value_minor: value, currency: "EUR", expected_close: null, probability: 10, probability_overridden: false,
    days_in_stage: 3, attention: { rotting: false, no_next_activity: true }, rank: 0, version: 1, updated_at: "2026-11-01T00:00:00Z",
    ...extra,
  };
}

function column(id: string, probability: number, cards: DealCard[], kind: StageKind = "open", count = cards.length): BoardColumn {
  const total = cards.reduce((s, c) => s + c.value_minor, 0);
  return {
    stage: { id, pipeline_id: "p", name: id, position: 0, kind, probability, rotting_days: null, deal_count: count },
    count,
    totals: [{ currency: "EUR", total_minor: total, weighted_minor: Math.round((total * probability) / 100) }],
    attention_count: cards.filter((c) => c.attention.no_next_activity).length,
    cards,
  };
}

const board = (): Board => ({
  pipeline_id: "p",
  pipeline_name: "Sales",
  columns: [
    column("a", 10, [card("1", "a"), card("2", "a", 3000), card("3", "a")]),
    column("b", 60, [card("4", "b", 500, { probability: 60, attention: { rotting: false, no_next_activity: false } })]),
    column("won", 100, [], "won"),
  ],
});

describe("moving a card", () => {
  it("moves between columns and keeps headers true", () => {
    const b = moveCard(board(), "2", "b", "4");
    expect(b.columns[0].cards.map((c) => c.id)).toEqual(["1", "3"]);
    expect(b.columns[1].cards.map((c) => c.id)).toEqual(["4", "2"]);
    expect(b.columns[0].count).toBe(2);
    expect(b.columns[1].count).toBe(2);
    expect(b.columns[0].totals[0].total_minor).toBe(2000);
    expect(b.columns[1].totals[0].total_minor).toBe(3500);
    expect(b.columns[1].totals[0].weighted_minor).toBe(300 + 1800);
    const moved = b.columns[1].cards[1];
    expect([moved.stage_id, moved.probability, moved.days_in_stage]).toEqual(["b", 60, 0]);
    expect(b.columns[0].attention_count).toBe(2);
    expect(b.columns[1].attention_count).toBe(1);
  });
  it("keeps an overridden probability and clears attention when won", () => {
    let b = board();
    b.columns[0].cards[0] = card("1", "a", 1000, { probability: 35, probability_overridden: true });
    b = moveCard(b, "1", "b", null);
    expect(b.columns[1].cards[0].probability).toBe(35);
    b = moveCard(b, "1", "won", null);
    const won = b.columns[2].cards[0];
    expect([won.status, won.probability, won.attention.no_next_activity]).toEqual(["won", 100, false]);
  });
  it("reorders within a column without touching the headers", () => {
    const before = board();
    const b = moveCard(before, "1", "a", "3");
    expect(b.columns[0].cards.map((c) => c.id)).toEqual(["2", "3", "1"]);
    expect(b.columns[0].count).toBe(3);
    expect(b.columns[0].totals).toEqual(before.columns[0].totals);
  });
  it("leaves the original board untouched (so a failed save rolls back to it)", () => {
    const before = board();
    const snapshot = JSON.stringify(before);
    moveCard(before, "2", "b", null);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});

describe("where a drop lands", () => {
  const cards = board().columns[0].cards;
  it("below the card for its bottom half, below its predecessor for its top half", () => {
    expect(afterForDrop(cards, "9", "2", "bottom")).toBe("2");
    expect(afterForDrop(cards, "9", "2", "top")).toBe("1");
    expect(afterForDrop(cards, "9", "1", "top")).toBeNull();
    expect(afterForDrop(cards, "1", "1", "top")).toBeUndefined();
    expect(afterForDrop(cards, "1", "3", "top")).toBe("2");
  });
  it("on empty column space: last card when all are loaded, else on top", () => {
    expect(afterForColumnDrop(board().columns[0], "9")).toBe("3");
    expect(afterForColumnDrop(column("x", 10, [card("7", "x")], "open", 500), "9")).toBeNull();
  });
  it("keyboard: neighbour columns and one step up or down", () => {
    const b = board();
    expect(neighbourStage(b, "a", 1)?.stage.id).toBe("b");
    expect(neighbourStage(b, "a", -1)).toBeNull();
    expect(afterForStep(b.columns[0], "2", -1)).toBeNull();
    expect(afterForStep(b.columns[0], "2", 1)).toBe("3");
    expect(afterForStep(b.columns[0], "1", -1)).toBeUndefined();
    expect(afterForStep(b.columns[0], "3", 1)).toBeUndefined();
  });
  it("appends further pages without duplicates", () => {
    const b = appendCards(board(), "a", [card("3", "a"), card("8", "a")], 4);
    expect(b.columns[0].cards.map((c) => c.id)).toEqual(["1", "2", "3", "8"]);
    expect(b.columns[0].count).toBe(4);
  });
});
