// The pipeline board: loads columns, moves cards optimistically through one command
// (`deal_move`), rolls back with a clear message when the save fails, and asks why on Lost.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Center, Loader, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { monitorForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { extractClosestEdge } from "@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge";
import { commands, type Board, type DealCard, type DealFilter } from "../bindings";
import { call, notifyError } from "../lib/api";
import { errorMessage } from "../lib/errors";
import { formatMoney } from "../lib/money";
import { BoardColumnView } from "./BoardColumnView";
import type { CardActions } from "./DealCardView";
import { LostDialog, type LostAnswer } from "./LostDialog";
import {
  afterForColumnDrop, afterForDrop, afterForStep, appendCards, findCard, moveCard, neighbourStage, replaceCard,
} from "./board";
import classes from "./Board.module.css";

interface Props {
  pipelineId: string;
  filter: DealFilter;
  reloadKey: number;
  onOpen: (card: DealCard) => void;
}

export function BoardView({ pipelineId, filter, reloadKey, onOpen }: Props) {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lostAsk, setLostAsk] = useState<{ card: DealCard; resolve: (a: LostAnswer | null) => void } | null>(null);
  const [announce, setAnnounce] = useState("");
  const boardRef = useRef<Board | null>(null);
  boardRef.current = board;
  const queue = useRef<Promise<void>>(Promise.resolve());
  const loading = useRef(new Set<string>());
  const filterKey = JSON.stringify(filter);

  const load = useCallback(() => {
    call(commands.dealsBoard({ pipeline_id: pipelineId, filter, cards_per_column: null })).then(
      (b) => {
        setBoard(b);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pipelineId, filterKey]);
  useEffect(load, [load, reloadKey]);

  const need = useCallback(
    (stageId: string, index: number) => {
      const b = boardRef.current;
      const col = b?.columns.find((c) => c.stage.id === stageId);
      if (!col || loading.current.has(stageId) || col.cards.length >= col.count) return;
      loading.current.add(stageId);
      const limit = Math.min(500, Math.max(100, index + 1 - col.cards.length));
      call(commands.dealsColumn({ stage_id: stageId, filter, offset: col.cards.length, limit })).then(
        (page) => setBoard((cur) => (cur ? appendCards(cur, stageId, page.cards, page.total) : cur)),
        notifyError,
      ).finally(() => loading.current.delete(stageId));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey],
  );

  /** Optimistic move, saved by one command; on failure the board returns to the truth. */
  const move = useCallback((cardId: string, toStageId: string, afterId: string | null) => {
    queue.current = queue.current.then(async () => {
      const before = boardRef.current;
      const at = before && findCard(before, cardId);
      const target = before?.columns.find((c) => c.stage.id === toStageId);
      if (!before || !at || !target) return;
      const card = before.columns[at.column].cards[at.index];
      const changesStage = card.stage_id !== toStageId;
      let lost: LostAnswer | null = null;
      if (changesStage && target.stage.kind === "lost") {
        lost = await new Promise<LostAnswer | null>((resolve) => setLostAsk({ card, resolve }));
        setLostAsk(null);
        if (!lost) return;
      }
      const optimistic = moveCard(before, cardId, toStageId, afterId);
      boardRef.current = optimistic;
      setBoard(optimistic);
      try {
        const saved = await call(commands.dealMove({
          deal_id: cardId, stage_id: toStageId, after_id: afterId, expected_version: card.version,
          lost_reason_id: lost?.reasonId ?? null, lost_note: lost?.note ?? null,
        }));
        const now = boardRef.current;
        const placed = now && findCard(now, cardId);
        if (now && placed) {
          const c = now.columns[placed.column].cards[placed.index];
          const next = replaceCard(now, {
            ...c, version: saved.version, status: saved.status, probability: saved.probability,
            days_in_stage: saved.days_in_stage, attention: saved.attention, updated_at: saved.updated_at,
          });
          boardRef.current = next;
          setBoard(next);
        }
        if (changesStage) {
          setAnnounce(`Moved ${card.title} to ${target.stage.name}.`);
          if (saved.status === "won") {
            notifications.show({
              color: "green",
              title: `Won: ${card.title}`,
              message: `${formatMoney(saved.value_minor, saved.currency)}. ${saved.contacts.length ? "Its contacts are now customers." : ""}`,
            });
          }
        }
      } catch (e) {
        boardRef.current = before;
        setBoard(before);
        notifications.show({ color: "red", title: `“${card.title}” was not moved`, message: errorMessage(e), autoClose: 8000 });
        setAnnounce(`Could not move ${card.title}.`);
        load();
      }
    });
  }, [load]);

  /** Keeps the keyboard on a card that moved (its element is re-created in the new column). */
  const refocus = (cardId: string, stageId: string) => window.setTimeout(() => {
    const sel = `[data-deal-id="${cardId}"]`;
    let el = document.querySelector<HTMLElement>(sel);
    if (!el) {
      const body = document.querySelector<HTMLElement>(`[data-stage-id="${stageId}"] [data-testid="column-body"]`);
      if (body) body.scrollTop = 0;
      el = document.querySelector<HTMLElement>(sel);
    }
    el?.focus();
  }, 60);

  const actions: CardActions = useMemo(() => ({
    open: onOpen,
    moveTo: (card, stageId) => move(card.id, stageId, null),
    step: (card, delta) => {
      const col = boardRef.current?.columns.find((c) => c.stage.id === card.stage_id);
      const after = col && afterForStep(col, card.id, delta);
      if (after !== undefined) {
        move(card.id, card.stage_id, after);
        refocus(card.id, card.stage_id);
      }
    },
    shift: (card, delta) => {
      const b = boardRef.current;
      const next = b && neighbourStage(b, card.stage_id, delta);
      if (next) {
        move(card.id, next.stage.id, null);
        refocus(card.id, next.stage.id);
      }
    },
  }), [move, onOpen]);

  useEffect(() => monitorForElements({
    canMonitor: ({ source }) => source.data.type === "deal",
    onDrop: ({ source, location }) => {
      const b = boardRef.current;
      const dropTarget = location.current.dropTargets[0];
      if (!b || !dropTarget) return;
      const cardId = String(source.data.cardId);
      const data = dropTarget.data;
      const stageId = String(data.stageId);
      const col = b.columns.find((c) => c.stage.id === stageId);
      if (!col) return;
      let after: string | null | undefined;
      if (data.type === "card") {
        const edge = extractClosestEdge(data);
        after = afterForDrop(col.cards, cardId, String(data.cardId), edge === "top" ? "top" : "bottom");
      } else {
        after = afterForColumnDrop(col, cardId);
      }
      if (after !== undefined) move(cardId, stageId, after);
    },
  }), [move]);

  if (error && !board) return <Center h="100%"><Text c="red">{errorMessage(error)}</Text></Center>;
  if (!board) return <Center h="100%"><Loader /></Center>;
  const stages = board.columns.map((c) => c.stage);
  return (
    <>
      <div className={classes.board} data-testid="deals-board">
        {board.columns.map((c) => (
          <BoardColumnView key={c.stage.id} column={c} stages={stages} actions={actions} need={need} />
        ))}
      </div>
      <div aria-live="polite" style={{ position: "absolute", left: -10000 }} data-testid="board-announce">{announce}</div>
      {lostAsk && <LostDialog card={lostAsk.card} onAnswer={lostAsk.resolve} />}
    </>
  );
}
