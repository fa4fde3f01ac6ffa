import { beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { localDayBounds } from "../lib/dates";
import { TodayPage } from "../activities/TodayPage";
import { commands, events, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { dueStep, runReport } from "../test/sequences";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("Today: sequence steps", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.sequenceStepsDue.mockImplementation(() =>
      ok([
        dueStep(),
        dueStep({ id: "es-2", kind: "task", title: "Send a card", instructions: null, phone: null, position: 3 }),
        dueStep({ id: "es-3", kind: "email", title: "E-mail: Welcome, Ada", instructions: null, mailto: "mailto:ada@example.com?subject=Welcome", position: 1 }),
      ]),
    );
  });

  it("lists the steps due by the end of the local day, with contact, sequence and place", async () => {
    renderApp(<TodayPage />);
    const section = await screen.findByTestId("today-sequence-steps");
    const rows = await within(section).findAllByTestId("seq-step");
    expect(rows.map((r) => r.getAttribute("data-step-id"))).toEqual(["es-1", "es-2", "es-3"]);
    expect(commands.sequenceStepsDue).toHaveBeenCalledWith(localDayBounds().day_end, null);
    expect(within(rows[0]).getByRole("link", { name: /Ada Lovelace/ })).toHaveAttribute("href", "/contacts/c1");
    expect(within(rows[0]).getByText(/step 2 of 5/)).toBeInTheDocument();
    expect(within(rows[2]).getByTestId("seq-step-mailto")).toHaveAttribute("href", "mailto:ada@example.com?subject=Welcome");
    expect(within(rows[1]).queryByTestId("seq-step-mailto")).not.toBeInTheDocument();
    await userEvent.click(within(rows[0]).getByRole("button", { name: "Show script" }));
    expect(within(rows[0]).getByTestId("seq-step-instructions")).toHaveTextContent("Ask how the first order went");
  });

  it("completes a call with its outcome and note, and reloads", async () => {
    renderApp(<TodayPage />);
    const rows = await screen.findAllByTestId("seq-step");
    await userEvent.click(within(rows[0]).getByTestId("seq-step-done"));
    expect(commands.sequenceStepComplete).not.toHaveBeenCalled();
    await userEvent.click(await screen.findByTestId("seq-step-outcome"));
    await userEvent.click(await screen.findByRole("option", { name: "Left a voicemail", hidden: true }));
    await userEvent.type(screen.getByTestId("seq-step-note"), "Call back Friday");
    await userEvent.click(screen.getByTestId("seq-step-save"));
    await waitFor(() =>
      expect(commands.sequenceStepComplete).toHaveBeenCalledWith("es-1", { outcome: "Left voicemail", note: "Call back Friday" }),
    );
    await waitFor(() => expect(commands.sequenceStepsDue).toHaveBeenCalledTimes(2));
  });

  it("marks a task done without asking, and skips a step", async () => {
    renderApp(<TodayPage />);
    const rows = await screen.findAllByTestId("seq-step");
    await userEvent.click(within(rows[1]).getByTestId("seq-step-done"));
    await waitFor(() => expect(commands.sequenceStepComplete).toHaveBeenCalledWith("es-2", { outcome: null, note: null }));
    await userEvent.click(within(rows[2]).getByTestId("seq-step-skip"));
    await waitFor(() => expect(commands.sequenceStepSkip).toHaveBeenCalledWith("es-3"));
    expect(commands.sequenceStepComplete).toHaveBeenCalledTimes(1);
  });

  it("refreshes when the schedule says something changed", async () => {
    renderApp(<TodayPage />);
    await screen.findAllByTestId("seq-step");
    expect(commands.sequenceStepsDue).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(events.scheduleEvent.listen).toHaveBeenCalled());
    act(() => events.scheduleEvent.emit(runReport()));
    await waitFor(() => expect(commands.sequenceStepsDue).toHaveBeenCalledTimes(2));
  });
});
