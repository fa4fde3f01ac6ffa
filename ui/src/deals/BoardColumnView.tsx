// One stage's column: header with count, value and weighted value, then its cards in a
// virtualised list (10,000 cards scroll like 10), fetched further as the list scrolls.
import { memo, useEffect, useRef, useState } from "react";
import { Group, Text, Tooltip } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { dropTargetForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { autoScrollForElements } from "@atlaskit/pragmatic-drag-and-drop-auto-scroll/element";
import type { BoardColumn, Stage } from "../bindings";
import { formatMoney } from "../lib/money";
import { DealCardView, type CardActions } from "./DealCardView";
import classes from "./Board.module.css";
import { formatNumber } from "../lib/numbers";

const SLOT = 112;

interface Props {
  column: BoardColumn;
  stages: Stage[];
  actions: CardActions;
  /** Asks for cards up to `index` to be loaded. */
  need: (stageId: string, index: number) => void;
}

function Totals({ column }: { column: BoardColumn }) {
  if (column.totals.length === 0) return <Text size="xs" c="dimmed">No value</Text>;
  const [main, ...others] = column.totals;
  const weighted = column.stage.kind === "open";
  return (
    <Tooltip withinPortal label={column.totals.map((t) => `${formatMoney(t.total_minor, t.currency)} (weighted ${formatMoney(t.weighted_minor, t.currency)})`).join(" · ")}>
      <Text size="xs" c="dimmed" data-testid="column-total">
        {formatMoney(main.total_minor, main.currency, true)}
        {weighted && ` · ${formatMoney(main.weighted_minor, main.currency, true)} weighted`}
        {others.length > 0 && ` +${others.length}`}
      </Text>
    </Tooltip>
  );
}

export const BoardColumnView = memo(function BoardColumnView({ column, stages, actions, need }: Props) {
  const headRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  const virtual = useVirtualizer({
    count: column.count,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => SLOT,
    overscan: 6,
  });
  const items = virtual.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : 0;

  useEffect(() => {
    if (last >= column.cards.length - 10 && column.cards.length < column.count) need(column.stage.id, last + 40);
  }, [last, column.cards.length, column.count, column.stage.id, need]);

  useEffect(() => {
    const el = bodyRef.current;
    const head = headRef.current;
    if (!el || !head) return;
    const data = { type: "column", stageId: column.stage.id };
    const target = (element: HTMLElement) =>
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === "deal",
        getData: () => data,
        onDragEnter: () => setOver(true),
        onDragLeave: () => setOver(false),
        onDrop: () => setOver(false),
      });
    return combine(target(el), target(head), autoScrollForElements({ element: el }));
  }, [column.stage.id]);

  const kind = column.stage.kind;
  return (
    <section className={classes.column} data-over={over || undefined} data-testid="board-column" data-stage-name={column.stage.name} data-stage-id={column.stage.id}
      aria-label={`${column.stage.name}: ${column.count} deals`}>
      <div className={classes.columnHead} ref={headRef}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <span className={classes.columnName} title={column.stage.name}>{column.stage.name}</span>
          <Text size="xs" fw={600} c={kind === "won" ? "green" : kind === "lost" ? "red" : "dimmed"} data-testid="column-count">
            {formatNumber(column.count)}
          </Text>
        </Group>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Totals column={column} />
          {column.attention_count > 0 && (
            <Text size="xs" c="orange" title="Deals that need attention">{formatNumber(column.attention_count)} ⚠</Text>
          )}
        </Group>
        {kind === "open" && <Text size="xs" c="dimmed">{column.stage.probability}% likely</Text>}
      </div>
      <div className={classes.columnBody} ref={bodyRef} data-testid="column-body">
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {items.map((it) => {
            const card = column.cards[it.index];
            return (
              <div key={card?.id ?? `p${it.index}`} className={classes.slot} style={{ top: it.start, height: SLOT }}>
                {card ? <DealCardView card={card} stages={stages} actions={actions} /> : <div className={classes.placeholder} />}
              </div>
            );
          })}
        </div>
        {column.count === 0 && <Text size="xs" c="dimmed" ta="center" mt="md">Drop deals here</Text>}
      </div>
    </section>
  );
});
