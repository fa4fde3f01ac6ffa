// A virtualised, sortable table: only the visible rows exist in the DOM; rows not yet fetched
// show skeletons. Header and rows share one CSS grid template so columns line up.
import { memo, useCallback, useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import { Box, Center, Group, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconSelector } from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { SortDirection } from "../bindings";
import { Placeholder } from "./cells";
import classes from "./VirtualTable.module.css";

export const ROW_HEIGHT = 52;
/** Rows fetched beyond the visible ones, in the usual scroll direction and behind. */
const PREFETCH_AHEAD = 40;
const PREFETCH_BEHIND = 20;
/** How long a jump must rest before its rows are fetched. */
const SETTLE_MS = 80;

export interface Column<T, S extends string> {
  key: string;
  title: string;
  /** A CSS grid track, e.g. "minmax(180px, 2fr)" or "120px". */
  width: string;
  sort?: S;
  render: (row: T) => ReactNode;
}

interface Props<T, S extends string> {
  columns: Column<T, S>[];
  total: number | null;
  rowAt: (index: number) => T | undefined;
  ensureRange: (first: number, last: number) => void;
  queryKey: string;
  rowKey: (row: T) => string;
  onRowClick: (row: T) => void;
  sort: S;
  direction: SortDirection;
  onSort: (sort: S) => void;
  listTestId: string;
  rowTestId: string;
  minWidth: number;
  empty: ReactNode;
}

export function VirtualTable<T, S extends string>(p: Props<T, S>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = p.total ?? 12;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 1000, height: 700 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const last = items.length > 0 ? items[items.length - 1].index : 0;
  const { ensureRange, queryKey } = p;
  // Rows are memoised, so the click handler they get must not change on every render.
  const onRowClickRef = useRef(p.onRowClick);
  onRowClickRef.current = p.onRowClick;
  const onRowClick = useCallback((row: unknown) => onRowClickRef.current(row as T), []);

  // Rows are fetched a little ahead of the scroll. After a jump (the scrollbar dragged, End
  // pressed) the fetch waits until the list settles: a drag passes thousands of rows nobody
  // reads, and fetching them all would compete with drawing the frames.
  const previous = useRef<[number, number]>([first, last]);
  useEffect(() => {
    if (p.total === null || p.total === 0) return;
    const [pFirst, pLast] = previous.current;
    previous.current = [first, last];
    const jumped = Math.abs(first - pFirst) > 2 * (pLast - pFirst + 1);
    const fetch = () => ensureRange(Math.max(0, first - PREFETCH_BEHIND), last + PREFETCH_AHEAD);
    if (!jumped) {
      fetch();
      return;
    }
    const timer = setTimeout(fetch, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, p.total, ensureRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const template = p.columns.map((c) => c.width).join(" ");

  return (
    <div ref={scrollRef} className={classes.scroller} data-testid={p.listTestId} role="table">
      <div className={classes.header} style={{ gridTemplateColumns: template, minWidth: p.minWidth }} role="row">
        {p.columns.map((c) => (
          <div key={c.key} role="columnheader" className={classes.th}>
            {c.sort ? (
              <UnstyledButton onClick={() => c.sort && p.onSort(c.sort)} className={classes.sortButton}>
                <Group gap={4} wrap="nowrap">
                  <span>{c.title}</span>
                  {p.sort === c.sort ? (
                    p.direction === "asc" ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />
                  ) : (
                    <IconSelector size={14} opacity={0.5} />
                  )}
                </Group>
              </UnstyledButton>
            ) : (
              c.title
            )}
          </div>
        ))}
      </div>
      {p.total === 0 ? (
        <Center py={60} style={{ minWidth: p.minWidth }}>{p.empty}</Center>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), minWidth: p.minWidth, position: "relative" }}>
          {items.map((item) => {
            const row = p.total === null ? undefined : p.rowAt(item.index);
            return row ? (
              <Row
                key={p.rowKey(row)}
                row={row}
                start={item.start}
                columns={p.columns as Column<unknown, string>[]}
                template={template}
                testId={p.rowTestId}
                onClick={onRowClick}
              />
            ) : (
              <PlaceholderRow key={`s${item.index}`} start={item.start} columns={p.columns.length} template={template} />
            );
          })}
        </div>
      )}
    </div>
  );
}

function rowStyle(template: string, start: number): CSSProperties {
  return { gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${start}px)` };
}

interface RowProps {
  row: unknown;
  start: number;
  columns: Column<unknown, string>[];
  template: string;
  testId: string;
  onClick: (row: unknown) => void;
}

/** One fetched row. Memoised: while scrolling, only rows that come into view render. */
const Row = memo(function Row({ row, start, columns, template, testId, onClick }: RowProps) {
  return (
    <div
      className={classes.row}
      data-clickable
      style={rowStyle(template, start)}
      role="row"
      tabIndex={0}
      data-testid={testId}
      onClick={() => onClick(row)}
      onKeyDown={(e) => e.key === "Enter" && onClick(row)}
    >
      {columns.map((c) => (
        <div key={c.key} className={classes.td} role="cell">
          {c.render(row)}
        </div>
      ))}
    </div>
  );
});

/** A row still being fetched: static grey bars (no animation, so nothing repaints meanwhile). */
const PlaceholderRow = memo(function PlaceholderRow({ start, columns, template }: { start: number; columns: number; template: string }) {
  return (
    <div className={classes.row} style={rowStyle(template, start)} aria-busy="true">
      {Array.from({ length: columns }, (_, i) => (
        <div key={i} className={classes.td}>
          <Placeholder />
        </div>
      ))}
    </div>
  );
});

export function TableBox({ children }: { children: ReactNode }) {
  return <Box className={classes.box}>{children}</Box>;
}
