import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { OnboardingTemplateInput } from "../bindings";
import { fail, ok } from "../test/fixtures";
import { checklist, choose, commands, onboarding } from "../test/orders";
import { renderApp } from "../test/render";
import { OnboardingCard } from "./OnboardingCard";
import { OnboardingSettings } from "./OnboardingSettings";

vi.mock("../bindings", async () => (await import("../test/orders")).bindings);

describe("onboarding card", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.onboardingsOfContact.mockImplementation(() => ok([onboarding()]));
  });

  it("shows progress, what is overdue in words with an icon, and each step's due date", async () => {
    renderApp(<OnboardingCard contactId="c1" />);
    const o = await screen.findByTestId("onboarding");
    expect(commands.onboardingsOfContact).toHaveBeenCalledWith("c1");
    expect(within(o).getByTestId("onboarding-progress")).toHaveTextContent("3 of 5 done");
    expect(within(o).getByRole("progressbar", { name: "Website launch: 3 of 5 done" })).toHaveAttribute("aria-valuenow", "60");
    const overdue = within(o).getByTestId("onboarding-overdue");
    expect(overdue).toHaveTextContent("1 overdue");
    expect(overdue.querySelector("svg")).not.toBeNull();
    const steps = within(o).getAllByRole("checkbox");
    expect(steps.map((s) => (s as HTMLInputElement).checked)).toEqual([true, true, true, false, false]);
    expect(within(o).getByText(/Overdue: was due/)).toBeInTheDocument();
    expect(within(o).getByText(/^Due /)).toBeInTheDocument();
  });

  it("ticks a step done through its task, and can untick it", async () => {
    renderApp(<OnboardingCard contactId="c1" />);
    await userEvent.click(await screen.findByRole("checkbox", { name: "Training session" }));
    await waitFor(() => expect(commands.activitySetDone).toHaveBeenCalledWith("a-4", true));
    // The card reloads (and so does every card listening for changes).
    await waitFor(() => expect(commands.onboardingsOfContact).toHaveBeenCalledTimes(2));
    await userEvent.click(screen.getByRole("checkbox", { name: "Welcome call" }));
    await waitFor(() => expect(commands.activitySetDone).toHaveBeenCalledWith("a-1", false));
  });

  it("folds a completed checklist and shows nothing without one", async () => {
    const done = onboarding({ done: 5, overdue: 0, steps: onboarding().steps.map((s) => ({ ...s, done_at: s.done_at ?? "2026-11-20T10:00:00Z" })) });
    commands.onboardingsOfContact.mockImplementation(() => ok([done]));
    const { unmount } = renderApp(<OnboardingCard contactId="c1" />);
    expect(await screen.findByText("Complete")).toBeInTheDocument();
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
    await userEvent.click(screen.getByText("Show the steps"));
    expect(screen.getAllByRole("checkbox")).toHaveLength(5);
    unmount();
    commands.onboardingsOfContact.mockImplementation(() => ok([]));
    renderApp(<OnboardingCard contactId="c1" />);
    await waitFor(() => expect(commands.onboardingsOfContact).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("onboarding-card")).not.toBeInTheDocument();
  });
});

describe("onboarding checklists in settings", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.onboardingTemplates.mockImplementation(() => ok([checklist(), checklist({ id: "t-2", name: "Key account welcome", product: null, tier: "a", active: false })]));
  });

  it("lists checklists with what starts them", async () => {
    renderApp(<OnboardingSettings />);
    const rows = await screen.findAllByTestId("checklist-row");
    expect(rows[0]).toHaveTextContent("On buying Website Basic");
    expect(rows[0]).toHaveTextContent("2 items");
    expect(rows[1]).toHaveTextContent("First purchase in tier A (Past and repeat buyers)");
    expect(rows[1]).toHaveTextContent("Inactive");
  });

  it("builds a tier checklist: items with due days, reordered, never a product too", async () => {
    renderApp(<OnboardingSettings />);
    await userEvent.click(await screen.findByTestId("checklist-new"));
    fireEvent.change(await screen.findByTestId("checklist-name"), { target: { value: "Big client welcome" } });
    await choose(screen.getByTestId("checklist-product"), "Website Basic");
    await userEvent.click(within(screen.getByTestId("checklist-trigger")).getByText("A tier"));
    await choose(screen.getByTestId("checklist-tier"), /Subscribed or engaged/);
    fireEvent.change(screen.getByRole("textbox", { name: "Item 1" }), { target: { value: "Send the welcome pack" } });
    await userEvent.click(screen.getByTestId("checklist-add-item"));
    fireEvent.change(screen.getByRole("textbox", { name: "Item 2" }), { target: { value: "Kickoff call" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Item 2: days after the purchase" }), { target: { value: "3" } });
    await userEvent.click(screen.getByRole("button", { name: "Move item 2 up" }));
    await userEvent.click(screen.getByTestId("checklist-save"));
    await waitFor(() => expect(commands.onboardingTemplateCreate).toHaveBeenCalledTimes(1));
    expect(commands.onboardingTemplateCreate.mock.calls[0][0] as OnboardingTemplateInput).toEqual({
      name: "Big client welcome", product_id: null, tier: "b", active: true,
      items: [{ title: "Kickoff call", offset_days: 3 }, { title: "Send the welcome pack", offset_days: 0 }],
    });
  });

  it("shows an item's error on that item", async () => {
    commands.onboardingTemplateUpdate.mockImplementationOnce(() => fail({
      kind: "validation", errors: [{ field: "items.1.offset_days", code: "out_of_range", message: "An item is due 0 to 365 days after the purchase." }],
    }));
    renderApp(<OnboardingSettings />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Website launch" }));
    await userEvent.click(screen.getByTestId("checklist-save"));
    await waitFor(() => expect(commands.onboardingTemplateUpdate).toHaveBeenCalledWith("t-1", expect.objectContaining({ product_id: "p-basic", tier: null })));
    const second = screen.getAllByTestId("checklist-item")[1];
    expect(await within(second).findByText(/outside the allowed range/)).toBeInTheDocument();
    expect(within(screen.getAllByTestId("checklist-item")[0]).queryByText(/outside the allowed range/)).not.toBeInTheDocument();
  });
});
