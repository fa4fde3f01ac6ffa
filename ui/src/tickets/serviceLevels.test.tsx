import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fail } from "../test/fixtures";
import { renderApp } from "../test/render";
import { minutesOf, targetOf } from "./serviceLevels";
import { ServiceLevelsSettings } from "./ServiceLevelsSettings";
import { ticketCommands as commands } from "./testing";

vi.mock("../bindings", async () => {
  const t = await import("./testing");
  return t.withCommands(t.ticketCommands);
});

describe("service levels", () => {
  beforeEach(() => vi.clearAllMocks());

  it("shows stored minutes in hours or days and saves what is typed back in minutes", async () => {
    renderApp(<ServiceLevelsSettings />);
    const a = await screen.findByTestId("service-level-a");
    expect(within(a).getByTestId("service-level-a-first-value")).toHaveValue("2");
    expect(within(a).getByTestId("service-level-a-resolve-value")).toHaveValue("8");
    expect(screen.getByTestId("service-level-c-resolve-value")).toHaveValue("7");
    expect(screen.getByTestId("service-level-c-resolve-unit")).toHaveValue("days");

    const first = within(a).getByTestId("service-level-a-first-value");
    await userEvent.clear(first);
    await userEvent.type(first, "1.5");
    const unit = screen.getByTestId("service-level-b-resolve-unit");
    await userEvent.click(unit);
    const list = await waitFor(() => document.getElementById(unit.getAttribute("aria-controls") ?? "")!);
    await userEvent.click(within(list).getByRole("option", { name: "hours", hidden: true }));
    await userEvent.click(screen.getByTestId("service-levels-save"));
    await waitFor(() => expect(commands.serviceLevelSet).toHaveBeenCalledTimes(2));
    expect(commands.serviceLevelSet).toHaveBeenCalledWith({ tier: "a", label: "Dedicated, same day", first_response_minutes: 90, resolution_minutes: 480 });
    // 3 days read as 3 hours: 180 minutes.
    expect(commands.serviceLevelSet).toHaveBeenCalledWith({ tier: "b", label: "Standard, next business day", first_response_minutes: 1440, resolution_minutes: 180 });
  });

  it("shows the back end's refusal at its field", async () => {
    commands.serviceLevelSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "resolution_minutes", code: "before_response", message: "A ticket cannot be resolved sooner than it is first answered: make the resolution target longer." }] }),
    );
    renderApp(<ServiceLevelsSettings />);
    const value = await screen.findByTestId("service-level-a-resolve-value");
    await userEvent.clear(value);
    await userEvent.type(value, "1");
    await userEvent.click(screen.getByTestId("service-levels-save"));
    expect(await within(screen.getByTestId("service-level-a")).findByText(/cannot be resolved sooner than it is first answered/)).toBeInTheDocument();
    expect(value).toHaveValue("1");
  });

  it("refuses an empty or zero target before asking the back end", async () => {
    renderApp(<ServiceLevelsSettings />);
    const value = await screen.findByTestId("service-level-c-first-value");
    await userEvent.clear(value);
    await userEvent.click(screen.getByTestId("service-levels-save"));
    expect(await screen.findByText("Enter a time above zero.")).toBeInTheDocument();
    expect(commands.serviceLevelSet).not.toHaveBeenCalled();
  });
});

describe("targets in hours and days", () => {
  it("converts both ways", () => {
    expect(targetOf(120)).toEqual({ value: 2, unit: "hours" });
    expect(targetOf(90)).toEqual({ value: 1.5, unit: "hours" });
    expect(targetOf(4320)).toEqual({ value: 3, unit: "days" });
    expect(minutesOf({ value: 8, unit: "hours" })).toBe(480);
    expect(minutesOf({ value: "2,5", unit: "hours" })).toBe(150);
    expect(minutesOf({ value: 2, unit: "days" })).toBe(2880);
    expect(minutesOf({ value: "", unit: "days" })).toBeNull();
    expect(minutesOf({ value: 0, unit: "hours" })).toBeNull();
  });
});
