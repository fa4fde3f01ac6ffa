// Typed data builders for surveys: shared by the Vitest fixtures (src/surveys/testing.ts) and the mock back
// end (scripts/mock/); no test-runner imports.
import type { SurveyResponse } from "../../bindings";

export const response = (over: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id: "s-1",
  contact: { id: "c1", name: "Ada Lovelace" },
  kind: "nps",
  score: 9,
  comment: "Quick and friendly.",
  source: "manual",
  answered_at: "2026-11-20T10:00:00Z",
  ticket_id: null,
  activity_id: null,
  follow_up: null,
  ...over,
});
