// The deal form's state and its conversion to the command's input.
import type { DealDetail, DealInput, DealMove, EntityRef } from "../bindings";
import { minorToInput, parseMoney } from "../lib/money";

export interface LineRow {
  name: string;
  quantity: number | string;
  price: string;
  discount: number | string;
}

export interface DealFormState {
  title: string;
  value: string;
  currency: string;
  expectedClose: string | null;
  ownProbability: boolean;
  probability: number | string;
  contacts: (EntityRef | null)[];
  company: EntityRef | null;
  owner: string;
  sourceId: string | null;
  nextStep: string;
  notes: string;
  tags: string[];
  lines: LineRow[];
}

export function emptyDealForm(currency: string, contact?: EntityRef, company?: EntityRef): DealFormState {
  return {
    title: "", value: "", currency, expectedClose: null, ownProbability: false, probability: "",
    contacts: [contact ?? null], company: company ?? null, owner: "", sourceId: null, nextStep: "", notes: "", tags: [], lines: [],
  };
}

export function dealFormFrom(d: DealDetail): DealFormState {
  return {
    title: d.title, value: minorToInput(d.value_minor, d.currency), currency: d.currency, expectedClose: d.expected_close,
    ownProbability: d.probability_overridden, probability: d.probability, contacts: d.contacts.length ? d.contacts : [null],
    company: d.company, owner: d.owner ?? "", sourceId: d.source?.id ?? null, nextStep: d.next_step ?? "", notes: d.notes ?? "",
    tags: d.tags,
    lines: d.lines.map((l) => ({ name: l.name, quantity: l.quantity, price: minorToInput(l.unit_price_minor, d.currency), discount: l.discount_percent })),
  };
}

export function linesTotal(f: DealFormState): number | null {
  let total = 0;
  for (const l of f.lines) {
    const price = parseMoney(l.price, f.currency);
    if (price === null) return null;
    const q = Number(l.quantity) || 0;
    total += Math.round((q * price * (100 - (Number(l.discount) || 0))) / 100);
  }
  return total;
}

/** The command input, or the problems the form can see before asking the back end. */
export function toDealInput(f: DealFormState): { input: DealInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!f.title.trim()) errors.title = "Give the deal a name, e.g. “Spring catering order”.";
  const value = f.lines.length ? 0 : f.value.trim() === "" ? 0 : parseMoney(f.value, f.currency);
  if (value === null) errors.value_minor = `“${f.value}” is not an amount.`;
  f.lines.forEach((l, i) => {
    if (parseMoney(l.price, f.currency) === null) errors[`lines.${i}.unit_price_minor`] = "Enter a price.";
  });
  if (Object.keys(errors).length) return { input: null, errors };
  const input: DealInput = {
    title: f.title.trim(),
    contact_ids: f.contacts.filter((c): c is EntityRef => !!c).map((c) => c.id),
    company_id: f.company?.id ?? null,
    owner: f.owner.trim() || null,
    value_minor: value ?? 0,
    currency: f.currency,
    expected_close: f.expectedClose ? f.expectedClose.slice(0, 10) : null,
    probability: f.ownProbability && f.probability !== "" ? Number(f.probability) : null,
    source_id: f.sourceId,
    next_step: f.nextStep.trim() || null,
    notes: f.notes.trim() || null,
    tags: f.tags,
    lines: f.lines.map((l) => ({
      name: l.name, quantity: Number(l.quantity) || 0, unit_price_minor: parseMoney(l.price, f.currency) ?? 0, discount_percent: Number(l.discount) || 0,
    })),
  };
  return { input, errors };
}

/** Moving `deal` (as last read: its version guards against a change elsewhere) to the end of
 * `stageId`, with the reason when that stage is lost. Used by the deal's page and the palette. */
export function moveInput(deal: Pick<DealDetail, "id" | "version">, stageId: string, lost?: { reasonId: string; note: string | null }): DealMove {
  return {
    deal_id: deal.id, stage_id: stageId, after_id: null, expected_version: deal.version,
    lost_reason_id: lost?.reasonId ?? null, lost_note: lost?.note ?? null,
  };
}
