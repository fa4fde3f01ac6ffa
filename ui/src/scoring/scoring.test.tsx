import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { commands, fail } from "../test/fixtures";
import { renderApp } from "../test/render";
import { ScoreCard } from "./ScoreCard";
import { QualificationCard } from "./QualificationCard";
import { ScoringEditor } from "./ScoringEditor";
import { nextQuarters, quarterEnding, signed } from "./format";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("a contact's lead score", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows the score, its temperature and every line that makes it up", async () => {
    renderApp(<ScoreCard contactId="c-1" />);
    expect(await screen.findByTestId("score-value")).toHaveTextContent("48");
    expect(screen.getByTestId("score-temperature")).toHaveTextContent("Warm");
    const lines = within(screen.getByTestId("score-lines"));
    expect(lines.getByText("+20")).toBeInTheDocument();
    expect(lines.getByText("−10")).toBeInTheDocument();
    expect(lines.getByText(/2 times, latest 3 days ago/)).toBeInTheDocument();
    expect(commands.scoreCard).toHaveBeenCalledWith("c-1");
  });

  it("asks why before setting a score by hand, and then shows both scores", async () => {
    commands.scoreOverrideSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "reason", code: "required", message: "Say why this contact's score is set by hand." }] }),
    );
    renderApp(<ScoreCard contactId="c-1" />);
    await userEvent.click(await screen.findByTestId("override-open"));
    await userEvent.click(screen.getByTestId("override-save"));
    expect(await screen.findByText(/required/i)).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("override-reason"), "Ready to buy");
    await userEvent.click(screen.getByTestId("override-save"));
    await waitFor(() => expect(commands.scoreOverrideSet).toHaveBeenLastCalledWith("c-1", 48, "Ready to buy"));
  });

  it("writes points with a real minus sign", () => {
    expect([signed(5), signed(-10), signed(0)]).toEqual(["+5", "−10", "0"]);
  });
});

describe("a lead's qualification", () => {
  beforeEach(() => vi.clearAllMocks());

  it("sends the answers with the budget in minor units and shows a refused field next to it", async () => {
    commands.contactQualify.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "disqualified_reason", code: "required", message: "Say why the lead is disqualified." }] }),
    );
    renderApp(<QualificationCard contactId="c-1" />);
    const status = await screen.findByTestId("qualification-status");
    await userEvent.click(within(status).getByText("Disqualified"));
    await userEvent.click(screen.getByTestId("qualification-save"));
    expect(await screen.findByText(/required/i)).toBeInTheDocument();

    await userEvent.click(within(status).getByText("Qualified"));
    await userEvent.type(screen.getByTestId("qualification-budget"), "2,500");
    await userEvent.click(screen.getByTestId("qualification-save"));
    await waitFor(() =>
      expect(commands.contactQualify).toHaveBeenLastCalledWith("c-1", expect.objectContaining({ status: "qualified", budget_minor: 250000, budget_currency: "EUR" })),
    );
  });
});

describe("a buying timeline by quarter", () => {
  it("offers this quarter and the next seven, each ending on its last day", () => {
    const q = nextQuarters(new Date(2026, 10, 15));
    expect(q).toHaveLength(8);
    expect(q[0]).toEqual({ label: "Q4 2026", last_day: "2026-12-31" });
    expect(q[1]).toEqual({ label: "Q1 2027", last_day: "2027-03-31" });
    expect(q[2]).toEqual({ label: "Q2 2027", last_day: "2027-06-30" });
    expect(q[7]).toEqual({ label: "Q3 2028", last_day: "2028-09-30" });
  });

  it("names a quarter only for a quarter's last day", () => {
    expect(quarterEnding("2027-09-30")).toBe("Q3 2027");
    expect(quarterEnding("2028-03-31")).toBe("Q1 2028");
    expect(quarterEnding("2027-09-29")).toBeNull();
    expect(quarterEnding("2027-08-31")).toBeNull();
    expect(quarterEnding(null)).toBeNull();
  });

  it("sends the quarter's last day as the date they mean to buy by", async () => {
    renderApp(<QualificationCard contactId="c-1" />);
    const quarter = await screen.findByTestId("qualification-quarter");
    await userEvent.click(quarter);
    const next = nextQuarters(new Date())[1];
    await userEvent.click(await screen.findByRole("option", { name: next.label, hidden: true }));
    expect(await screen.findByText(`End of ${next.label}`)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("qualification-save"));
    await waitFor(() => expect(commands.contactQualify).toHaveBeenLastCalledWith("c-1", expect.objectContaining({ timeline_on: next.last_day })));
  });
});

describe("the rules editor", () => {
  beforeEach(() => vi.clearAllMocks());

  it("previews a changed rule before saving, marks a bad one, and saves the whole set", async () => {
    renderApp(<ScoringEditor />);
    const rows = await screen.findAllByTestId("score-rule");
    expect(rows).toHaveLength(2);
    await waitFor(() => expect(screen.getAllByTestId("rule-matches")[0]).toHaveTextContent("12"));
    const points = screen.getAllByTestId("rule-points")[0];
    await userEvent.clear(points);
    await userEvent.type(points, "35");
    await waitFor(() =>
      expect(commands.scoreRulesPreview).toHaveBeenLastCalledWith([
        expect.objectContaining({ name: "Decision maker", points: 35 }),
        expect.objectContaining({ name: "No touch in 30 days", points: -10 }),
      ]),
    );
    expect(await screen.findByText("With these")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("rules-save"));
    await waitFor(() => expect(commands.scoreRulesSave).toHaveBeenCalledTimes(1));
  });

  it("shows the back end's reason next to the rule and does not save", async () => {
    commands.scoreRulesPreview.mockImplementation(() =>
      fail({ kind: "validation", errors: [{ field: "rules.0.points", code: "out_of_range", message: "Points go from −100 to 100, and not 0." }] }),
    );
    renderApp(<ScoringEditor />);
    const points = (await screen.findAllByTestId("rule-points"))[0];
    await userEvent.clear(points);
    await userEvent.type(points, "0");
    expect(await screen.findByText(/Fix the marked rules/)).toBeInTheDocument();
    expect(screen.getByTestId("rules-save")).toBeDisabled();
    expect(commands.scoreRulesSave).not.toHaveBeenCalled();
  });
});
