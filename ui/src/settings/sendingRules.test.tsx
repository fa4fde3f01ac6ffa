import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Notifications } from "@mantine/notifications";
import type { SendingRules as Rules } from "../bindings";
import { commands, fail, ok } from "../test/fixtures";
import { renderApp } from "../test/render";
import { holidayDate, openDayValues, SendingRules } from "./SendingRules";
import { applyRegional, SYSTEM } from "../lib/regional";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

const rules: Rules = { cap_count: 3, cap_days: 7, quiet_start: 1260, quiet_end: 480, owner_time_zone: "Europe/London", open_days: [true, true, true, true, true, false, false] };

describe("business days and sending rules", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    commands.sendingRulesGet.mockImplementation(() => ok(rules));
  });

  it("saves the open days chosen, Monday first", async () => {
    commands.sendingRulesSet.mockImplementationOnce((r: unknown) => ok(r as Rules));
    renderApp(<><Notifications /><SendingRules /></>);
    await userEvent.click(await screen.findByRole("checkbox", { name: "Mon" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Sat" }));
    await userEvent.click(screen.getByTestId("sending-rules-save"));
    await waitFor(() => expect(commands.sendingRulesSet).toHaveBeenCalledWith(expect.objectContaining({ open_days: [false, true, true, true, true, true, false] })));
  });

  it("shows why no open day is refused", async () => {
    commands.sendingRulesSet.mockImplementationOnce(() =>
      fail({ kind: "validation", errors: [{ field: "open_days", code: "no_open_day", message: "Choose at least one day the business is open." }] }),
    );
    renderApp(<><Notifications /><SendingRules /></>);
    await screen.findByRole("checkbox", { name: "Mon" });
    await userEvent.click(screen.getByTestId("sending-rules-save"));
    expect(await screen.findByText("Choose at least one day the business is open.")).toBeInTheDocument();
  });

  it("reads missing open days as Monday to Friday, and writes holidays in the chosen date order", () => {
    expect(openDayValues(undefined)).toEqual(["0", "1", "2", "3", "4"]);
    expect(openDayValues([false, false, false, false, false, true, true])).toEqual(["5", "6"]);
    applyRegional({ ...SYSTEM, locale: "en-GB", date_order: "year_month_day" });
    expect(holidayDate("2026-12-25")).toBe("Fri 2026-12-25");
    applyRegional(SYSTEM);
  });
});
