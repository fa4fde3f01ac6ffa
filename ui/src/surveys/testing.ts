// Test data for surveys, and their mocked commands.
import type { ContactScores, SurveyResponse, SurveyRules, SurveySendReport } from "../bindings";
import { template } from "../test/sequences";
import { cmd } from "../tickets/testing";

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

export const surveyCommands = {
  surveyScores: cmd((): ContactScores => ({ nps: 9, csat: null, responses: [response()] })),
  surveyRecord: cmd(() => response()),
  surveysList: cmd((): SurveyResponse[] => []),
  surveySend: cmd((): SurveySendReport => ({ queued: 1, do_not_contact: 0, no_address: 0, already_asked: 0 })),
  surveyRulesGet: cmd((): SurveyRules => ({ on_low: "ticket", on_high: "review_request" })),
  surveyRulesSet: cmd((): SurveyRules => ({ on_low: "task", on_high: "review_request" })),
  templatesList: cmd(() => [template(), template({ id: "t-2", name: "NPS survey" })]),
};
