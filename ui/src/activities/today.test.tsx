import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { localDayBounds } from "../lib/dates";
import { commands, ok, task } from "../test/fixtures";
import { renderApp } from "../test/render";
import { anyCapped, countLabel, openCount, SECTION_LIMIT, todaySections } from "./today";
import { TodayPage } from "./TodayPage";

vi.mock("../bindings", async () => (await import("../test/fixtures")).bindings);

describe("local day", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is local midnight to the next local midnight, sent as UTC", () => {
    vi.stubEnv("TZ", "America/New_York");
    expect(localDayBounds(new Date("2025-03-10T03:30:00Z"))).toEqual({
      day_start: "2025-03-09T05:00:00.000Z", // still the 9th in New York; DST starts that day
      day_end: "2025-03-10T04:00:00.000Z",
    });
    vi.stubEnv("TZ", "Asia/Tokyo");
    expect(localDayBounds(new Date("2025-03-10T20:00:00Z"))).toEqual({
      day_start: "2025-03-10T15:00:00.000Z",
      day_end: "2025-03-11T15:00:00.000Z",
    });
  });
});

describe("Today", () => {
  beforeEach(() => vi.clearAllMocks());

  it("groups tasks into Overdue / Today / Next 7 days and counts open ones", () => {
    const t = {
      overdue: [task("a", "Old", "2025-01-01T10:00:00Z")],
      due_today: [task("b", "Now", "2025-01-05T10:00:00Z"), task("c", "Done", "2025-01-05T09:00:00Z", true)],
      upcoming: [],
    };
    const s = todaySections(t);
    expect(s.map((x) => [x.testId, x.items.map((i) => i.subject)])).toEqual([
      ["today-overdue", ["Old"]],
      ["today-due", ["Now", "Done"]],
      ["today-upcoming", []],
    ]);
    expect(openCount(t)).toBe(2);
    expect(anyCapped(t)).toBe(false);
  });

  it("shows a capped section as a lower bound (200+), not as the exact count", () => {
    const many = Array.from({ length: SECTION_LIMIT }, (_, i) => task(`o${i}`, "Old", "2025-01-01T10:00:00Z"));
    const t = { overdue: many, due_today: [], upcoming: [] };
    expect(anyCapped(t)).toBe(true);
    expect(countLabel(openCount(t), anyCapped(t))).toBe("200+");
    expect(countLabel(3, false)).toBe("3");
  });

  it("asks the back end for the local day and shows each group with a friendly empty state", async () => {
    commands.today.mockImplementation(() =>
      ok({ overdue: [task("a", "Send the invoice", "2020-01-01T10:00:00Z")], due_today: [], upcoming: [] }),
    );
    renderApp(<TodayPage />);
    const overdue = await screen.findByTestId("today-overdue");
    expect(within(overdue).getByText("Send the invoice")).toBeInTheDocument();
    expect(within(overdue).getByRole("link", { name: /Ada Lovelace/ })).toHaveAttribute("href", "/contacts/c1");
    expect(within(screen.getByTestId("today-due")).getByText(/No tasks due today/)).toBeInTheDocument();
    expect(within(screen.getByTestId("today-upcoming")).getByText(/Nothing planned/)).toBeInTheDocument();
    const query = commands.today.mock.calls[0] as unknown as [{ day_start: string; day_end: string }];
    expect(query[0]).toEqual(localDayBounds());
  });
});
