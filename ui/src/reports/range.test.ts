import { describe, expect, it } from "vitest";
import { csvName, filterFromSearch, filterToSearch, paramsOf, presetOf, presetOptions, previousOf, rangeFor, EMPTY_FILTER, type Filter } from "./range";

const now = new Date(2026, 2, 15, 14, 30, 0);
const DAY = 86_400_000;

describe("rangeFor", () => {
  it("counts the last N days back from now (as the CLI does)", () => {
    const r = rangeFor("d90", now);
    expect(r.to).toBe(now.toISOString());
    expect(new Date(r.to).getTime() - new Date(r.from).getTime()).toBe(90 * DAY);
    expect(new Date(now).getTime() - new Date(rangeFor("d30", now).from).getTime()).toBe(30 * DAY);
  });
  it("goes back 12 calendar months", () => {
    expect(rangeFor("m12", now)).toEqual({ from: new Date(2025, 2, 15, 14, 30).toISOString(), to: now.toISOString() });
  });
  it("starts this year on 1 January, local time", () => {
    expect(rangeFor("year", now)).toEqual({ from: new Date(2026, 0, 1).toISOString(), to: now.toISOString() });
  });
  it("takes a custom range's days both included, in either order", () => {
    const want = { from: new Date(2026, 0, 1).toISOString(), to: new Date(2026, 1, 1).toISOString() };
    expect(rangeFor("custom", now, { from: "2026-01-01", to: "2026-01-31" })).toEqual(want);
    expect(rangeFor("custom", now, { from: "2026-01-31", to: "2026-01-01" })).toEqual(want);
  });
  it("falls back to 90 days for an unfinished custom range", () => {
    expect(rangeFor("custom", now, { from: "2026-01-01", to: null })).toEqual(rangeFor("d90", now));
  });
});

describe("presets", () => {
  it("offers the usual periods, and the report's default when it differs", () => {
    expect(presetOptions(90).map((o) => o.label)).toEqual(["Last 30 days", "Last 90 days", "Last 12 months", "This year", "Custom range"]);
    expect(presetOptions(365).map((o) => o.value)).toEqual(["d30", "d90", "d365", "m12", "year", "custom"]);
  });
  it("uses the report's default days when none is chosen", () => {
    expect(presetOf(EMPTY_FILTER, 180)).toBe("d180");
    expect(presetOf({ ...EMPTY_FILTER, preset: "year" }, 180)).toBe("year");
    const p = paramsOf(EMPTY_FILTER, 365, now, false);
    expect(new Date(p.to).getTime() - new Date(p.from).getTime()).toBe(365 * DAY);
    expect(p.segment_id).toBeNull();
  });
  it("asks for the pipeline only where it matters", () => {
    const f: Filter = { ...EMPTY_FILTER, segment: "s-1", pipeline: "p-2" };
    expect(paramsOf(f, 90, now, true)).toMatchObject({ segment_id: "s-1", pipeline_id: "p-2" });
    expect(paramsOf(f, 90, now, false)).toMatchObject({ segment_id: "s-1", pipeline_id: null });
  });
  it("compares with the period of the same length just before", () => {
    expect(previousOf({ from: "2026-02-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" }))
      .toEqual({ from: "2026-01-04T00:00:00.000Z", to: "2026-02-01T00:00:00.000Z" });
  });
});

describe("URL params", () => {
  const round = (f: Filter) => filterFromSearch(new URLSearchParams(filterToSearch(f).toString()));
  it("round-trips every kind of filter", () => {
    const filters: Filter[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, preset: "d30" },
      { ...EMPTY_FILTER, preset: "m12", segment: "s-1" },
      { ...EMPTY_FILTER, preset: "year", pipeline: "p-1" },
      { preset: "custom", from: "2026-01-01", to: "2026-01-31", segment: "s-2", pipeline: null },
    ];
    for (const f of filters) expect(round(f)).toEqual(f);
  });
  it("writes the period as ?range= or ?from=&to=", () => {
    expect(filterToSearch({ ...EMPTY_FILTER, preset: "d30", segment: "s-1" }).toString()).toBe("range=d30&segment=s-1");
    expect(filterToSearch({ ...EMPTY_FILTER, preset: "custom", from: "2026-01-01", to: "2026-01-31" }).toString()).toBe("from=2026-01-01&to=2026-01-31");
    expect(filterToSearch(EMPTY_FILTER).toString()).toBe("");
  });
  it("ignores what it does not understand", () => {
    expect(filterFromSearch(new URLSearchParams("range=forever&from=yesterday&to=2026-01-01&segment="))).toEqual(EMPTY_FILTER);
    expect(filterFromSearch(new URLSearchParams("from=2026-01-01&to=2026-02-01&range=d30")).preset).toBe("custom");
  });
});

describe("csvName", () => {
  it("names the days covered, the last one included", () => {
    expect(csvName("funnel", { from: new Date(2026, 0, 1).toISOString(), to: new Date(2026, 3, 1).toISOString() })).toBe("hearth-funnel-2026-01-01-2026-03-31.csv");
  });
});
