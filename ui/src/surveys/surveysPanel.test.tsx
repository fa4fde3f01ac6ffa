import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { summarize } from "./format";
import { SurveyRulesSettings } from "./SurveyRulesSettings";
import { SurveysPanel } from "./SurveysPanel";
import { response, surveyCommands as commands } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("../tickets/testing");
  return t.withCommands((await import("./testing")).surveyCommands);
});

const nps = [10, 9, 8, 6, 3].map((score, i) => response({ id: `n-${i}`, score }));
const csat = [5, 4, 2].map((score, i) => response({ id: `c-${i}`, kind: "csat", score }));

describe("the surveys panel", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.surveysList.mockImplementation(() => ok([...nps, ...csat]));
  });

  it("adds up the NPS (promoters − detractors) and the average CSAT of the listed answers", async () => {
    renderApp(<SurveysPanel />);
    const npsCard = await screen.findByTestId("survey-nps");
    expect(commands.surveysList).toHaveBeenCalledWith(null);
    expect(npsCard).toHaveTextContent("0");
    expect(npsCard).toHaveTextContent("40% promoters (9–10) − 40% detractors (0–6); 1 passive");
    expect(screen.getByTestId("survey-csat")).toHaveTextContent("3.7 of 5");
    expect(screen.getByTestId("survey-csat")).toHaveTextContent("67% satisfied");
    expect(screen.getByTestId("survey-counts")).toHaveTextContent("5 NPS · 3 CSAT");
    expect(screen.getAllByTestId("survey-row")).toHaveLength(8);
    expect(within(screen.getAllByTestId("survey-row")[0]).getByRole("link", { name: "Ada Lovelace" })).toHaveAttribute("href", "/contacts/c1");
  });

  it("filters by survey", async () => {
    renderApp(<SurveysPanel />);
    await screen.findByTestId("survey-nps");
    commands.surveysList.mockImplementation(() => ok(csat));
    await userEvent.click(screen.getByRole("radio", { name: "CSAT" }));
    await waitFor(() => expect(commands.surveysList).toHaveBeenLastCalledWith("csat"));
    expect(await screen.findByTestId("survey-csat")).toBeInTheDocument();
    expect(screen.queryByTestId("survey-nps")).not.toBeInTheDocument();
  });

  it("says how to get answers when there are none", async () => {
    commands.surveysList.mockImplementation(() => ok([]));
    renderApp(<SurveysPanel />);
    expect(await screen.findByText("No answers yet")).toBeInTheDocument();
  });
});

describe("the NPS", () => {
  it("is the share of promoters minus the share of detractors", () => {
    expect(summarize(nps).nps).toBe(0);
    expect(summarize([10, 10, 9, 7].map((score) => response({ score }))).nps).toBe(75);
    expect(summarize([0, 5].map((score) => response({ score }))).nps).toBe(-100);
    expect(summarize(csat).nps).toBeNull();
  });
});

describe("survey rules", () => {
  beforeEach(() => vi.clearAllMocks());

  it("saves what a low and a high score set off", async () => {
    renderApp(<SurveyRulesSettings />);
    expect(await screen.findByRole("radio", { name: "A support ticket (high priority)" })).toBeChecked();
    expect(screen.getByTestId("survey-rules-save")).toBeDisabled();
    await userEvent.click(screen.getByRole("radio", { name: "A follow-up task for the next day" }));
    await userEvent.click(screen.getByRole("radio", { name: "A task to ask for a referral" }));
    await userEvent.click(screen.getByTestId("survey-rules-save"));
    await waitFor(() => expect(commands.surveyRulesSet).toHaveBeenCalledWith({ on_low: "task", on_high: "referral_request" }));
  });
});
