// A virtualised, sortable table: only the visible rows exist in the DOM; rows not yet fetched
// show skeletons. Header and rows share one CSS grid template so columns line up.
import { useEffect, useRef, type ReactNode } from "react";
import { Box, Center, Group, Skeleton, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconSelector } from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { SortDirection } from "../bindings";
import classes from "./VirtualTable.module.css";

export const ROW_HEIGHT = 52;

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
    overscan: 12,
    initialRect: { width: 1000, height: 700 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length > 0 ? items[0].index : 0;
  const last = items.length > 0 ? items[items.length - 1].index : 0;
  const { ensureRange, queryKey } = p;

  useEffect(() => {
    if (p.total !== null && p.total > 0) ensureRange(first, last);
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
            const style = {
              gridTemplateColumns: template,
              height: ROW_HEIGHT,
              transform: `translateY(${item.start}px)`,
            };
            if (!row) {
              return (
                <div key={`s${item.index}`} className={classes.row} style={style} aria-busy="true">
                  {p.columns.map((c) => (
                    <div key={c.key} className={classes.td}>
                      <Skeleton height={10} width="70%" radius="xl" />
                    </div>
                  ))}
                </div>
              );
            }
            return (
              <div
                key={p.rowKey(row)}
                className={classes.row}
                data-clickable
                style={style}
                role="row"
                tabIndex={0}
                data-testid={p.rowTestId}
                onClick={() => p.onRowClick(row)}
                onKeyDown={(e) => e.key === "Enter" && p.onRowClick(row)}
              >
                {p.columns.map((c) => (
                  <div key={c.key} className={classes.td} role="cell">
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Secondary text in a cell that may be empty. */
export function Dim({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === "") {
    return <Text size="sm" c="dimmed">—</Text>;
  }
  return <Text size="sm" truncate="end">{children}</Text>;
}

export function TableBox({ children }: { children: ReactNode }) {
  return <Box className={classes.box}>{children}</Box>;
}
