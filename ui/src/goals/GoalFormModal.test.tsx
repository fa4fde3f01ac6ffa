import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications } from "@mantine/notifications";
import type { Goal, GoalInput } from "../bindings";
import { fail, ok } from "../test/fixtures";
import { choose } from "../test/orders";
import { renderApp } from "../test/render";
import { commands, goal, goals } from "./goalFixtures";
import { GoalFormModal } from "./GoalFormModal";
import { deadlineIso, startIso } from "./goals";

vi.mock("../bindings", async () => (await import("./goalFixtures")).bindings);

const onSaved = vi.fn((_g: Goal) => undefined);
const open = (list: Goal[] = goals(), editing?: Goal) =>
  renderApp(<><Notifications /><GoalFormModal goal={editing} goals={list} onClose={() => undefined} onSaved={onSaved} /></>);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const created = () => commands.goalCreate.mock.calls[0][0] as GoalInput;

describe("the goal form", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    // Only Date is faked: "today" is 1 Dec 2026, timers stay real for the user events.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 11, 1, 10, 0));
  });
  afterEach(() => vi.useRealTimers());

  it("creates a rate goal for a segment from today to six months on, without a currency", async () => {
    open();
    type("goal-name", "Convert more leads");
    await choose(screen.getByTestId("goal-segment"), "Customers gone quiet");
    expect(screen.queryByTestId("goal-currency")).not.toBeInTheDocument();
    type("goal-baseline", "12");
    type("goal-target", "22,5");
    expect(screen.getByTestId("goal-preview")).toHaveTextContent("Lead conversion rate for Customers gone quiet from 12% to 22.5% by 1 Jun 2027");
    await userEvent.click(screen.getByTestId("goal-save"));
    await waitFor(() => expect(commands.goalCreate).toHaveBeenCalledTimes(1));
    expect(created()).toEqual({
      name: "Convert more leads", metric: "conversion_rate", segment_id: "s-1", currency: null, baseline: 12, target: 22.5,
      starts_at: startIso("2026-12-01"), deadline_at: deadlineIso("2027-06-01"),
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: "g-new" })));
  });

  it("creates a money goal in minor units with the usual currency; an empty baseline is left to be measured", async () => {
    const gbp = goal({ id: "g-gbp", metric: "won_revenue", currency: "GBP" });
    open([gbp, { ...gbp, id: "g-gbp2" }, goal({ id: "g-eur", metric: "won_revenue", currency: "EUR" })]);
    type("goal-name", "Q2 revenue");
    await choose(screen.getByTestId("goal-metric"), "Won deal value (money)");
    expect(screen.getByTestId("goal-currency")).toHaveValue("GBP");
    expect(screen.getByText("Target (GBP)")).toBeInTheDocument();
    type("goal-target", "15,000.50");
    await userEvent.click(screen.getByTestId("goal-save"));
    await waitFor(() => expect(commands.goalCreate).toHaveBeenCalledTimes(1));
    expect(created()).toMatchObject({ metric: "won_revenue", currency: "GBP", baseline: null, target: 1500050, segment_id: null });
  });

  it("takes a typed ISO currency", async () => {
    open([]);
    type("goal-name", "Bigger orders");
    await choose(screen.getByTestId("goal-metric"), "Average order value (money)");
    expect(screen.getByTestId("goal-currency")).toHaveValue("EUR");
    type("goal-currency", "chf");
    type("goal-baseline", "80");
    type("goal-target", "95.5");
    await userEvent.click(screen.getByTestId("goal-save"));
    await waitFor(() => expect(commands.goalCreate).toHaveBeenCalledTimes(1));
    expect(created()).toMatchObject({ metric: "average_order_value", currency: "CHF", baseline: 8000, target: 9550 });
  });

  it("measures the baseline over the period before the start and fills it in", async () => {
    open();
    await userEvent.click(screen.getByTestId("goal-measure"));
    await waitFor(() => expect(screen.getByTestId("goal-baseline")).toHaveValue("12.5"));
    expect(commands.goalBaseline).toHaveBeenCalledWith("conversion_rate", null, null, startIso("2026-12-01"), deadlineIso("2027-06-01"));
    // Six months before the start (a day's difference far east of UTC, where the start is later in the local day).
    expect(screen.getByTestId("goal-baseline-note")).toHaveTextContent(/^Measured from [12] Jun 2026 to 1 Dec 2026/);

    // Money: the minor units come back as an amount to edit.
    commands.goalBaseline.mockImplementation(() => ok(1250050));
    await choose(screen.getByTestId("goal-metric"), "Won deal value (money)");
    await userEvent.click(screen.getByTestId("goal-measure"));
    await waitFor(() => expect(screen.getByTestId("goal-baseline")).toHaveValue("12500.50"));
    expect(commands.goalBaseline).toHaveBeenLastCalledWith("won_revenue", null, "EUR", startIso("2026-12-01"), deadlineIso("2027-06-01"));
  });

  it("says when there is nothing to measure a baseline from", async () => {
    commands.goalBaseline.mockImplementation(() => ok(null));
    open();
    type("goal-baseline", "");
    await userEvent.click(screen.getByTestId("goal-measure"));
    expect(await screen.findByText("No data before the start; type a baseline.")).toBeInTheDocument();
    expect(screen.getByTestId("goal-baseline")).toHaveValue("");
  });

  it("shows what is wrong before saving and the back end's errors next to their fields", async () => {
    open();
    type("goal-target", "120");
    await userEvent.click(screen.getByTestId("goal-save"));
    expect(await screen.findByText("Give the goal a name.")).toBeInTheDocument();
    expect(screen.getByText("Lead conversion rate goes from 0 to 100.")).toBeInTheDocument();
    expect(commands.goalCreate).not.toHaveBeenCalled();

    const same = "The target is the baseline: set a target to move towards.";
    commands.goalCreate.mockImplementationOnce(() => fail({ kind: "validation", errors: [{ field: "target", code: "same_as_baseline", message: same }] }));
    type("goal-name", "Convert more leads");
    type("goal-target", "12");
    await userEvent.click(screen.getByTestId("goal-save"));
    expect(await screen.findByText(same)).toBeInTheDocument();
    expect(screen.getByTestId("goal-target")).toHaveAttribute("aria-invalid", "true");
    expect(onSaved).not.toHaveBeenCalled();
    // Typing again clears it.
    type("goal-target", "20");
    expect(screen.queryByText(same)).not.toBeInTheDocument();
  });

  it("edits a goal, keeping a segment that no longer exists", async () => {
    const g = goal({ segment: { id: "s-gone", name: "(deleted segment)" } });
    open(goals(), g);
    const form = within(screen.getByTestId("goal-form"));
    expect(form.getByTestId("goal-name")).toHaveValue("Convert more leads");
    expect(form.getByTestId("goal-segment")).toHaveValue("(deleted segment)");
    type("goal-target", "25");
    await userEvent.click(form.getByTestId("goal-save"));
    await waitFor(() => expect(commands.goalUpdate).toHaveBeenCalledTimes(1));
    expect(commands.goalUpdate.mock.calls[0][0]).toBe("g-conv");
    expect(commands.goalUpdate.mock.calls[0][1]).toMatchObject({ target: 25, baseline: 12, segment_id: "s-gone", starts_at: g.starts_at, deadline_at: g.deadline_at });
  });
});
