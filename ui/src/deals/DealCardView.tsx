// One card on the board: draggable (pragmatic-drag-and-drop), a drop target with an edge
// indicator, keyboard moves (Alt+arrows) and a menu with every move, for mouse-free use.
import { memo, useEffect, useRef, useState } from "react";
import { ActionIcon, Menu, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconDots, IconExternalLink } from "@tabler/icons-react";
import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { draggable, dropTargetForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { attachClosestEdge, extractClosestEdge, type Edge } from "@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge";
import type { DealCard, Stage } from "../bindings";
import { formatShortDate } from "../lib/dates";
import { formatMoney } from "../lib/money";
import classes from "./Board.module.css";
import { TEMPERATURE_LABELS } from "../scoring/format";

export interface CardActions {
  open: (card: DealCard) => void;
  moveTo: (card: DealCard, stageId: string) => void;
  step: (card: DealCard, delta: -1 | 1) => void;
  shift: (card: DealCard, delta: -1 | 1) => void;
}

export function attentionText(card: DealCard): string | null {
  const why = [];
  if (card.attention.rotting) why.push(`in this stage for ${card.days_in_stage} days`);
  if (card.attention.no_next_activity) why.push("nothing planned next");
  return why.length ? `Needs attention: ${why.join(", ")}` : null;
}

interface Props {
  card: DealCard;
  stages: Stage[];
  actions: CardActions;
}

export const DealCardView = memo(function DealCardView({ card, stages, actions }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const [edge, setEdge] = useState<Edge | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return combine(
      draggable({
        element: el,
        getInitialData: () => ({ type: "deal", cardId: card.id, stageId: card.stage_id }),
        onDragStart: () => setDragging(true),
        onDrop: () => setDragging(false),
      }),
      dropTargetForElements({
        element: el,
        canDrop: ({ source }) => source.data.type === "deal" && source.data.cardId !== card.id,
        getData: ({ input, element }) =>
          attachClosestEdge({ type: "card", cardId: card.id, stageId: card.stage_id }, { input, element, allowedEdges: ["top", "bottom"] }),
        onDrag: ({ self }) => setEdge(extractClosestEdge(self.data)),
        onDragLeave: () => setEdge(null),
        onDrop: () => setEdge(null),
      }),
    );
  }, [card.id, card.stage_id]);

  const attention = attentionText(card);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "Enter") actions.open(card);
    else if (e.altKey && e.key === "ArrowRight") actions.shift(card, 1);
    else if (e.altKey && e.key === "ArrowLeft") actions.shift(card, -1);
    else if (e.altKey && e.key === "ArrowUp") actions.step(card, -1);
    else if (e.altKey && e.key === "ArrowDown") actions.step(card, 1);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={ref}
      className={classes.card}
      data-dragging={dragging || undefined}
      data-edge={edge ?? undefined}
      data-attention={attention ? true : undefined}
      data-testid="deal-card"
      data-deal-id={card.id}
      tabIndex={0}
      // A group, not a button: it holds its own menu button (a button may not contain controls).
      role="group"
      aria-roledescription="deal card"
      aria-label={`${card.title}, ${formatMoney(card.value_minor, card.currency)}, ${card.stage_name}`}
      aria-description="Enter opens; Alt+Left or Right moves to the previous or next stage; Alt+Up or Down changes its place."
      onClick={() => actions.open(card)}
      onKeyDown={onKeyDown}
    >
      <div className={classes.cardTop}>
        <span className={classes.cardTitle} title={card.title} data-testid="deal-card-title">{card.title}</span>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="xs" aria-label={`Move or open ${card.title}`}
              onClick={(e) => e.stopPropagation()} data-testid="deal-card-menu">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
            <Menu.Item leftSection={<IconExternalLink size={14} />} onClick={() => actions.open(card)}>Open</Menu.Item>
            <Menu.Item leftSection={<IconArrowUp size={14} />} onClick={() => actions.step(card, -1)}>Move up</Menu.Item>
            <Menu.Item leftSection={<IconArrowDown size={14} />} onClick={() => actions.step(card, 1)}>Move down</Menu.Item>
            <Menu.Label>Move to stage</Menu.Label>
            {stages.map((s) => (
              <Menu.Item key={s.id} disabled={s.id === card.stage_id} onClick={() => actions.moveTo(card, s.id)}
                data-testid="move-to-stage" data-stage-name={s.name} color={s.kind === "won" ? "green" : s.kind === "lost" ? "red" : undefined}>
                {s.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </div>
      <div className={classes.cardRow}>
        <span className={classes.cardSub}>{card.company?.name ?? card.contact?.name ?? "\u00a0"}</span>
        {card.contact_score !== null && card.contact_temperature && (
          <span className={classes.score} data-temperature={card.contact_temperature} data-testid="deal-score"
            title={`${card.contact?.name ?? "Contact"}: lead score ${card.contact_score}, ${TEMPERATURE_LABELS[card.contact_temperature].toLowerCase()}`}>
            {card.contact_score} {TEMPERATURE_LABELS[card.contact_temperature]}
          </span>
        )}
      </div>
      <div className={classes.cardRow}>
        <span className={classes.cardValue}>{formatMoney(card.value_minor, card.currency)}</span>
        <span className={classes.cardDim} title="Expected close">{card.expected_close ? formatShortDate(card.expected_close) : ""}</span>
      </div>
      <div className={classes.cardRow}>
        <span className={classes.cardDim}>{card.owner ?? "No owner"}</span>
        <span className={classes.cardDim}>
          {attention && (
            <Tooltip label={attention} withinPortal>
              <IconAlertTriangle size={14} className={classes.attention} aria-label={attention} data-testid="deal-attention" />
            </Tooltip>
          )}
          <span title="Days in this stage">{card.days_in_stage}d</span>
        </span>
      </div>
    </div>
  );
});
