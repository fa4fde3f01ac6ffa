// Mocked commands for surveys (the data builders live in ../test/data/surveys.ts).
import type { ContactScores, SurveyResponse, SurveyRules, SurveySendReport } from "../bindings";
import { template } from "../test/sequences";
import { cmd } from "../tickets/testing";
import { response } from "../test/data/surveys";

export * from "../test/data/surveys";

export const surveyCommands = {
  surveyScores: cmd((): ContactScores => ({ nps: 9, csat: null, responses: [response()] })),
  surveyRecord: cmd(() => response()),
  surveysList: cmd((): SurveyResponse[] => []),
  surveySend: cmd((): SurveySendReport => ({ queued: 1, do_not_contact: 0, no_address: 0, already_asked: 0 })),
  surveyRulesGet: cmd((): SurveyRules => ({ on_low: "ticket", on_high: "review_request" })),
  surveyRulesSet: cmd((): SurveyRules => ({ on_low: "task", on_high: "review_request" })),
  templatesList: cmd(() => [template(), template({ id: "t-2", name: "NPS survey" })]),
};
