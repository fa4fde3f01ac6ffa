// Surveys in words and figures: the scales, what a score means, and the NPS / CSAT summary.
import type { HighScoreAction, LowScoreAction, SurveyKind, SurveyResponse, SurveyRules } from "../bindings";

export const KIND_LABELS: Record<SurveyKind, string> = { nps: "NPS", csat: "CSAT" };
export const KIND_NAMES: Record<SurveyKind, string> = {
  nps: "How likely are they to recommend you? (NPS, 0–10)",
  csat: "How satisfied are they? (CSAT, 1–5)",
};
export const RANGES: Record<SurveyKind, [number, number]> = { nps: [0, 10], csat: [1, 5] };

export const SOURCE_LABELS: Record<string, string> = { manual: "Recorded by hand", email: "E-mail reply", import: "Imported" };
export const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? s;

export type Band = "low" | "middle" | "high";

/** Low: NPS 0–6 (detractor), CSAT 1–2; high: NPS 9–10 (promoter), CSAT 5. */
export function bandOf(kind: SurveyKind, score: number): Band {
  if (kind === "nps") return score <= 6 ? "low" : score >= 9 ? "high" : "middle";
  return score <= 2 ? "low" : score >= 5 ? "high" : "middle";
}

export const BAND_WORDS: Record<SurveyKind, Record<Band, string>> = {
  nps: { low: "Detractor", middle: "Passive", high: "Promoter" },
  csat: { low: "Unhappy", middle: "Neutral", high: "Delighted" },
};
export const BAND_COLORS: Record<Band, string> = { low: "red", middle: "gray", high: "teal" };

export const LOW_ACTIONS: { value: LowScoreAction; label: string }[] = [
  { value: "ticket", label: "A support ticket (high priority)" },
  { value: "task", label: "A follow-up task for the next day" },
  { value: "nothing", label: "Nothing" },
];
export const HIGH_ACTIONS: { value: HighScoreAction; label: string }[] = [
  { value: "review_request", label: "A task to ask for a review" },
  { value: "referral_request", label: "A task to ask for a referral" },
  { value: "nothing", label: "Nothing" },
];

/** What recording this score will set off, in words; null when nothing. */
export function consequence(kind: SurveyKind, score: number, rules: SurveyRules | null): string | null {
  if (!rules) return null;
  const band = bandOf(kind, score);
  if (band === "low") {
    return { ticket: "This opens a support ticket.", task: "This creates a follow-up task for tomorrow.", nothing: null }[rules.on_low];
  }
  if (band === "high") {
    return { review_request: "This creates a task to ask them for a review.", referral_request: "This creates a task to ask them for a referral.", nothing: null }[rules.on_high];
  }
  return null;
}

export interface Summary {
  /** Percent promoters − percent detractors, −100 to 100; null without NPS answers. */
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  npsCount: number;
  /** The mean CSAT (1–5); null without CSAT answers. */
  csat: number | null;
  /** Share of CSAT answers of 4 or 5. */
  satisfied: number | null;
  csatCount: number;
}

export function summarize(responses: SurveyResponse[]): Summary {
  const nps = responses.filter((r) => r.kind === "nps");
  const csat = responses.filter((r) => r.kind === "csat");
  const promoters = nps.filter((r) => r.score >= 9).length;
  const detractors = nps.filter((r) => r.score <= 6).length;
  const n = nps.length;
  return {
    nps: n ? Math.round((promoters / n) * 100 - (detractors / n) * 100) : null,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    npsCount: n,
    csat: csat.length ? csat.reduce((s, r) => s + r.score, 0) / csat.length : null,
    satisfied: csat.length ? csat.filter((r) => r.score >= 4).length / csat.length : null,
    csatCount: csat.length,
  };
}

/** "40%" of a count. */
export const share = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");
