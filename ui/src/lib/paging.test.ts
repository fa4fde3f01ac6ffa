import { describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { missingPages, pagesForRange, pagesToEvict, usePagedRows } from "./paging";

describe("pagesForRange", () => {
  it("asks for the pages of 100 that cover the visible rows", () => {
    expect(pagesForRange(0, 20)).toEqual([0]);
    expect(pagesForRange(95, 130)).toEqual([0, 100]);
    expect(pagesForRange(250, 260)).toEqual([200]);
    expect(pagesForRange(99_950, 100_020)).toEqual([99_900, 100_000]);
  });
  it("never asks past the end", () => {
    expect(pagesForRange(280, 340, 100, 320)).toEqual([200, 300]);
    expect(pagesForRange(0, 40, 100, 0)).toEqual([]);
    expect(pagesForRange(10, 5)).toEqual([]);
  });
  it("skips cached and in-flight pages", () => {
    expect(missingPages([0, 100, 200], new Set([0]), new Set([200]))).toEqual([100]);
  });
});

describe("pagesToEvict", () => {
  it("keeps everything under the limit", () => {
    expect(pagesToEvict([0, 100, 200], 0, 40, 3)).toEqual([]);
  });
  it("drops the pages farthest from the visible rows, on both sides", () => {
    const cached = [0, 100, 200, 300, 400, 500, 600];
    // Rows 310–350 visible: pages 300 (visible), 200 and 400 (next) stay; 0, 600 and 100/500 go first.
    expect(new Set(pagesToEvict(cached, 310, 350, 3))).toEqual(new Set([0, 100, 500, 600]));
  });
  it("never drops a visible page", () => {
    const cached = Array.from({ length: 30 }, (_, i) => i * 100);
    const dropped = pagesToEvict(cached, 1450, 1520, 24);
    expect(dropped).toHaveLength(6);
    expect(dropped).not.toContain(1400);
    expect(dropped).not.toContain(1500);
  });
});

describe("usePagedRows", () => {
  const rows = (offset: number, n: number) => Array.from({ length: n }, (_, i) => `row ${offset + i}`);

  it("fetches page 0 first, then only the missing pages for a visible range", async () => {
    const fetch = vi.fn((offset: number, limit: number) => Promise.resolve({ rows: rows(offset, limit), total: 100_000 }));
    const { result } = renderHook(() => usePagedRows<string>("k", fetch));
    await waitFor(() => expect(result.current.total).toBe(100_000));
    expect(fetch.mock.calls).toEqual([[0, 100]]);
    expect(result.current.rowAt(42)).toBe("row 42");
    expect(result.current.rowAt(150)).toBeUndefined();

    act(() => result.current.ensureRange(180, 230));
    act(() => result.current.ensureRange(185, 235)); // already in flight: no new request
    await waitFor(() => expect(result.current.rowAt(230)).toBe("row 230"));
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([0, 100, 200]);

    act(() => result.current.ensureRange(50_020, 50_060));
    await waitFor(() => expect(result.current.rowAt(50_050)).toBe("row 50050"));
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([0, 100, 200, 50_000]);
  });

  it("drops the cache when the query changes and ignores late answers for the old query", async () => {
    let release: (() => void) | null = null;
    let held = false;
    const fetch = vi.fn((offset: number, limit: number) => {
      if (offset === 300 && !held) {
        held = true;
        return new Promise<{ rows: string[]; total: number }>((resolve) => {
          release = () => resolve({ rows: rows(offset, limit).map((r) => `old ${r}`), total: 1000 });
        });
      }
      return Promise.resolve({ rows: rows(offset, limit), total: 1000 });
    });
    const { result, rerender } = renderHook(({ k }) => usePagedRows<string>(k, fetch), { initialProps: { k: "a" } });
    await waitFor(() => expect(result.current.total).toBe(1000));
    act(() => result.current.ensureRange(300, 310));
    rerender({ k: "b" });
    await waitFor(() => expect(fetch.mock.calls.length).toBe(3));
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([0, 300, 0]);
    await act(async () => release?.());
    expect(result.current.rowAt(305)).toBeUndefined(); // the stale page was not stored
    act(() => result.current.ensureRange(300, 310));
    await waitFor(() => expect(result.current.rowAt(305)).toBe("row 305"));
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([0, 300, 0, 300]);
  });
});
