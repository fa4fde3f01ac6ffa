import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { ok } from "../test/fixtures";
import { historyAction } from "../test/fixtures";
import { renderApp } from "../test/render";
import { formatMoney } from "../lib/money";
import { commands, goals } from "./goalFixtures";
import { GoalsPanel } from "./GoalsPanel";

vi.mock("../bindings", async () => (await import("./goalFixtures")).bindings);

const show = () => renderApp(<ModalsProvider><Notifications /><GoalsPanel /></ModalsProvider>);

describe("the goals panel", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.goalsList.mockImplementation(() => ok(goals()));
  });

  it("lists each goal with its sentence, status, progress against the time gone and where it is heading", async () => {
    show();
    const conv = within(await screen.findByTestId("goal-g-conv"));
    expect(conv.getByText("Convert more leads")).toBeInTheDocument();
    expect(conv.getByText(goals()[0].summary)).toBeInTheDocument();
    expect(conv.getByTestId("goal-status-g-conv")).toHaveTextContent("On track");
    expect(conv.getByTestId("goal-standing-g-conv")).toHaveTextContent("At 18.2% · from 12% · target 22% · projected 21.4% by 1 Jun");
    const bar = conv.getByTestId("goal-progress-g-conv");
    expect(bar).toHaveAttribute("data-progress", "62");
    expect(bar).toHaveAttribute("aria-label", "62% of the way to the target; 45% of the time gone");
    expect(within(bar).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "62");
    expect(conv.getByTestId("goal-elapsed-g-conv").getAttribute("style")).toContain("45%");
    expect(conv.getByRole("button", { name: "How Lead conversion rate is measured" })).toBeInTheDocument();

    const rev = within(screen.getByTestId("goal-g-rev"));
    expect(rev.getByTestId("goal-status-g-rev")).toHaveTextContent("Behind");
    expect(rev.getByText("Customers gone quiet")).toBeInTheDocument();
    expect(rev.getByTestId("goal-standing-g-rev")).toHaveTextContent(
      `${formatMoney(400000, "EUR")} of ${formatMoney(1500000, "EUR")} · projected ${formatMoney(800000, "EUR")} by 1 Jun`,
    );
    // Past the target: the bar is full, the words say how far.
    const nps = within(screen.getByTestId("goal-g-nps"));
    expect(nps.getByTestId("goal-status-g-nps")).toHaveTextContent("Achieved");
    expect(within(nps.getByTestId("goal-progress-g-nps")).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    expect(nps.getByTestId("goal-standing-g-nps")).toHaveTextContent("At +45 · from +20 · target +40");
    expect(nps.getByTestId("goal-standing-g-nps")).not.toHaveTextContent("projected");

    const churn = within(screen.getByTestId("goal-g-churn"));
    expect(churn.getByTestId("goal-status-g-churn")).toHaveTextContent("Not started");
    expect(churn.getByTestId("goal-standing-g-churn")).toHaveTextContent("Starts 1 Jan 2027 · target 4%");
    expect(churn.getByTestId("goal-progress-g-churn")).toHaveAttribute("aria-label", "No progress measured; 0% of the time gone");
  });

  it("colours the status badges by status", async () => {
    commands.goalsList.mockImplementation(() =>
      ok([...goals(), { ...goals()[0], id: "g-missed", status: "missed" as const }, { ...goals()[0], id: "g-nodata", status: "no_data" as const }]),
    );
    show();
    const colour = async (id: string) => (await screen.findByTestId(`goal-status-${id}`)).getAttribute("style") ?? "";
    expect(await colour("g-conv")).toContain("green");
    expect(await colour("g-rev")).toContain("orange");
    expect(await colour("g-nps")).toContain("teal");
    expect(await colour("g-churn")).toContain("gray");
    expect(await colour("g-missed")).toContain("red");
    expect(await colour("g-nodata")).toContain("gray");
    expect(screen.getByTestId("goal-status-g-nodata")).toHaveTextContent("No data yet");
  });

  it("explains goals when there are none and opens the form from there", async () => {
    commands.goalsList.mockImplementation(() => ok([]));
    show();
    const empty = await screen.findByTestId("goals-empty");
    expect(empty).toHaveTextContent("Raise lead conversion from 12% to 22% by June");
    const first = within(empty).getByTestId("goal-new");
    expect(first).toHaveTextContent("Set your first goal");
    await userEvent.click(first);
    expect(await screen.findByTestId("goal-form")).toBeInTheDocument();
    expect(screen.getByTestId("goal-metric")).toHaveValue("Lead conversion rate (%)");
  });

  it("deletes a goal after asking, and undoes the delete from the notification", async () => {
    commands.historyList.mockImplementation(() =>
      ok({ actions: [historyAction({ id: 41, kind: "delete", entity: "goals", record_id: "g-conv", can_undo: true })], has_more: false }),
    );
    show();
    await userEvent.click(await screen.findByTestId("goal-delete-g-conv"));
    expect(await screen.findByText("Delete the goal “Convert more leads”?")).toBeInTheDocument();
    expect(commands.goalDelete).not.toHaveBeenCalled();
    const listed = commands.goalsList.mock.calls.length;
    await userEvent.click(screen.getByTestId("confirm-delete"));
    await waitFor(() => expect(commands.goalDelete).toHaveBeenCalledWith("g-conv"));
    await waitFor(() => expect(commands.goalsList.mock.calls.length).toBeGreaterThan(listed));
    expect(await screen.findByText("“Convert more leads” was deleted.")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("undo-delete"));
    await waitFor(() => expect(commands.historyUndo).toHaveBeenCalledWith(41));
    expect(commands.historyList).toHaveBeenCalledWith({ entity: "goals", record_id: "g-conv", before: null, limit: 1 });
  });

  it("edits a goal and reloads the list after saving", async () => {
    show();
    await userEvent.click(await screen.findByTestId("goal-edit-g-rev"));
    expect(await screen.findByTestId("goal-target")).toHaveValue("15000.00");
    expect(screen.getByTestId("goal-baseline")).toHaveValue("10000.00");
    const listed = commands.goalsList.mock.calls.length;
    await userEvent.click(screen.getByTestId("goal-save"));
    await waitFor(() => expect(commands.goalUpdate).toHaveBeenCalledTimes(1));
    const [id, input] = commands.goalUpdate.mock.calls[0];
    expect(id).toBe("g-rev");
    expect(input).toMatchObject({ metric: "won_revenue", currency: "EUR", segment_id: "s-1", baseline: 1000000, target: 1500000 });
    await waitFor(() => expect(screen.queryByTestId("goal-form")).not.toBeInTheDocument());
    await waitFor(() => expect(commands.goalsList.mock.calls.length).toBeGreaterThan(listed));
  });
});
