import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications, notifications } from "@mantine/notifications";
import { commands as app, contactDetail, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { answeredAt } from "./RecordScoreModal";
import { SatisfactionCard } from "./SatisfactionCard";
import { response, surveyCommands as commands } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("../tickets/testing");
  return t.withCommands((await import("./testing")).surveyCommands);
});

const show = () => renderApp(<><Notifications /><SatisfactionCard contactId="c1" /></>);

describe("a contact's satisfaction", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    notifications.clean();
    app.contactGet.mockImplementation(() => ok(contactDetail()));
    commands.surveyScores.mockImplementation(() =>
      ok({
        nps: 3, csat: 5,
        responses: [
          response({ id: "s-2", score: 3, comment: "Took too long.", ticket_id: "tk-12", follow_up: "Opened ticket 12", answered_at: "2026-11-22T10:00:00Z", source: "email" }),
          response({ id: "s-3", kind: "csat", score: 5, comment: null, activity_id: "a-1", follow_up: "Asked for a review (task)" }),
        ],
      }),
    );
  });

  it("shows the latest NPS and CSAT and each answer with what it set off", async () => {
    show();
    expect(await screen.findByTestId("latest-nps")).toHaveTextContent("3of 10Detractor");
    expect(screen.getByTestId("latest-csat")).toHaveTextContent("5of 5Delighted");
    const [first, second] = screen.getAllByTestId("survey-response");
    expect(within(first).getByText("NPS 3 · Detractor")).toBeInTheDocument();
    expect(within(first).getByText("“Took too long.”")).toBeInTheDocument();
    expect(within(first).getByText(/E-mail reply/)).toBeInTheDocument();
    expect(within(first).getByRole("link", { name: "Opened ticket 12" })).toHaveAttribute("href", "/tickets/tk-12");
    expect(within(second).getByText("Asked for a review (task)")).toBeInTheDocument();
    expect(commands.surveyScores).toHaveBeenCalledWith("c1");
  });

  it("records a score with the right input, says beforehand what it sets off, and notifies what it did", async () => {
    commands.surveyRecord.mockImplementationOnce(() => ok(response({ score: 3, comment: "Slow", ticket_id: "tk-12", follow_up: "Opened ticket 12" })));
    show();
    await userEvent.click(await screen.findByTestId("survey-record"));
    await userEvent.click(await screen.findByRole("radio", { name: "3" }));
    expect(await screen.findByTestId("score-effect")).toHaveTextContent("Detractor. This opens a support ticket.");
    await userEvent.type(screen.getByTestId("score-comment"), "Slow");
    await userEvent.click(screen.getByTestId("score-save"));
    await waitFor(() =>
      expect(commands.surveyRecord).toHaveBeenCalledWith({ contact_id: "c1", kind: "nps", score: 3, comment: "Slow", answered_at: null, source: "manual" }),
    );
    const notice = (await screen.findByText("NPS 3 recorded")).closest("[role=alert]");
    expect(notice).toHaveTextContent("Opened ticket 12");
  });

  it("records a CSAT told by e-mail", async () => {
    show();
    await userEvent.click(await screen.findByTestId("survey-record"));
    await userEvent.click(await screen.findByRole("radio", { name: "CSAT (1–5)" }));
    expect(screen.queryByRole("radio", { name: "0" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "4" }));
    await userEvent.click(screen.getByTestId("score-source"));
    await userEvent.click(await screen.findByRole("option", { name: "They replied to the e-mail", hidden: true }));
    await userEvent.click(screen.getByTestId("score-save"));
    await waitFor(() =>
      expect(commands.surveyRecord).toHaveBeenCalledWith({ contact_id: "c1", kind: "csat", score: 4, comment: null, answered_at: null, source: "email" }),
    );
  });

  it("shows a score out of range at the score field", async () => {
    commands.surveyRecord.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "score", code: "out_of_range", message: "A NPS score is from 0 to 10 (11 given)." }] }),
    );
    show();
    await userEvent.click(await screen.findByTestId("survey-record"));
    await userEvent.click(screen.getByTestId("score-save"));
    expect(within(screen.getByTestId("score-field")).getByText("Choose a score from 0 to 10.")).toBeInTheDocument();
    expect(commands.surveyRecord).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("radio", { name: "10" }));
    await userEvent.click(screen.getByTestId("score-save"));
    expect(await within(screen.getByTestId("score-field")).findByText("A NPS score is from 0 to 10 (11 given).")).toBeInTheDocument();
  });

  it("asks by e-mail with a survey template and shows the report", async () => {
    show();
    await userEvent.click(await screen.findByTestId("survey-ask"));
    await waitFor(() => expect(screen.getByTestId("survey-send-template")).toHaveValue("NPS survey"));
    await userEvent.click(screen.getByTestId("survey-send"));
    await waitFor(() => expect(commands.surveySend).toHaveBeenCalledWith(["c1"], "nps", "t-2"));
    expect(await screen.findByTestId("report-queued")).toHaveTextContent("1 e-mail queued in the outbox");
  });

  it("says why no one was asked", async () => {
    commands.surveySend.mockImplementationOnce(() => ok({ queued: 0, do_not_contact: 1, no_address: 0, already_asked: 0 }));
    app.contactGet.mockImplementation(() => ok(contactDetail({ do_not_contact: true })));
    show();
    await userEvent.click(await screen.findByTestId("survey-ask"));
    expect(await screen.findByTestId("survey-send-dnc")).toHaveTextContent("Ada Lovelace asked not to be contacted");
    await waitFor(() => expect(screen.getByTestId("survey-send-template")).toHaveValue("NPS survey"));
    await userEvent.click(screen.getByTestId("survey-send"));
    expect(await screen.findByTestId("report-dnc")).toHaveTextContent("1 person not asked: they asked not to be contacted");
    expect(screen.queryByTestId("report-queued")).not.toBeInTheDocument();
  });
});

describe("the day they answered", () => {
  it("is now for today and noon for an earlier day", () => {
    const now = new Date(2026, 10, 23, 15, 0);
    expect(answeredAt(null, now)).toBeNull();
    expect(answeredAt("2026-11-23", now)).toBeNull();
    expect(answeredAt("2026-11-20", now)).toBe(new Date(2026, 10, 20, 12, 0).toISOString());
  });
});
