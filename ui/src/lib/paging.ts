// Page cache for the virtualised lists: pages of PAGE_SIZE rows fetched by offset on demand.
import { useCallback, useEffect, useRef, useState } from "react";

export const PAGE_SIZE = 100;

/** Offsets of the pages that cover rows [first, last] (inclusive), clamped to `total` when known. */
export function pagesForRange(first: number, last: number, pageSize = PAGE_SIZE, total?: number): number[] {
  if (last < first || first < 0) return [];
  const max = total === undefined ? last : Math.min(last, total - 1);
  if (max < first) return [];
  const out: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(max / pageSize); p++) out.push(p * pageSize);
  return out;
}

/** Offsets from `wanted` that are neither cached nor already being fetched. */
export function missingPages(wanted: number[], cached: ReadonlySet<number>, inFlight: ReadonlySet<number>): number[] {
  return wanted.filter((o) => !cached.has(o) && !inFlight.has(o));
}

/** Pages kept in memory: a few screens around the visible rows, so a long scroll stays small. */
export const MAX_CACHED_PAGES = 24;

/** Which cached pages to drop so at most `max` remain: those farthest from the visible rows. */
export function pagesToEvict(cached: Iterable<number>, first: number, last: number, max = MAX_CACHED_PAGES, pageSize = PAGE_SIZE): number[] {
  const all = [...cached];
  if (all.length <= max) return [];
  const distance = (o: number) => (o + pageSize <= first ? first - (o + pageSize) : o > last ? o - last : 0);
  return all.sort((a, b) => distance(b) - distance(a)).slice(0, all.length - max);
}

export type PageFetcher<T> = (offset: number, limit: number) => Promise<{ rows: T[]; total: number }>;

export interface PagedRows<T> {
  /** Rows matching the query in all; null until the first page arrived. */
  total: number | null;
  /** The row at an index, or undefined while its page is loading. */
  rowAt: (index: number) => T | undefined;
  /** Tell the cache which rows are (about to be) visible. */
  ensureRange: (first: number, last: number) => void;
  error: unknown;
}

/**
 * Caches pages for one query. `key` identifies the query (filters + sort + a data version):
 * when it changes the cache is dropped and answers for the old query are ignored.
 */
export function usePagedRows<T>(key: string, fetchPage: PageFetcher<T>, pageSize = PAGE_SIZE): PagedRows<T> {
  const pages = useRef(new Map<number, T[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, pageSize - 1]);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [, setTick] = useState(0);
  const totalRef = useRef<number | null>(null);

  const load = useCallback(
    (offsets: number[]) => {
      const gen = generation.current;
      for (const offset of offsets) {
        inFlight.current.add(offset);
        fetchRef.current(offset, pageSize).then(
          (page) => {
            if (gen !== generation.current) return; // an answer for an old query
            inFlight.current.delete(offset);
            pages.current.set(offset, page.rows);
            const [first, last] = lastRange.current;
            for (const o of pagesToEvict(pages.current.keys(), first, last, MAX_CACHED_PAGES, pageSize)) pages.current.delete(o);
            totalRef.current = page.total;
            setTotal(page.total);
            setTick((t) => t + 1);
          },
          (e: unknown) => {
            if (gen !== generation.current) return;
            inFlight.current.delete(offset);
            setError(e);
          },
        );
      }
    },
    [pageSize],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      lastRange.current = [first, last];
      const wanted = pagesForRange(first, last, pageSize, totalRef.current ?? undefined);
      const cached = new Set(pages.current.keys());
      const todo = missingPages(wanted, cached, inFlight.current);
      if (todo.length > 0) load(todo);
    },
    [load, pageSize],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inFlight.current = new Set();
    totalRef.current = null;
    setError(null);
    // The list scrolls back to the top for a new query; the old total stays until the answer.
    lastRange.current = [0, pageSize - 1];
    load([0]);
  }, [key, load, pageSize]);

  const rowAt = useCallback(
    (index: number) => {
      const offset = Math.floor(index / pageSize) * pageSize;
      return pages.current.get(offset)?.[index - offset];
    },
    [pageSize],
  );

  return { total, rowAt, ensureRange, error };
}
