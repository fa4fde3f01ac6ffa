// Undo and redo from anywhere (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, the History screen), with a
// notification that says what was undone and offers to redo it.
import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { commands, type HistoryAction } from "../bindings";
import { call, notifyError } from "../lib/api";
import { sentence } from "./format";

/** Undoes `id` (or the newest action), refreshes the screens and says what happened. */
export async function undoAction(id: number | null, changed: () => void): Promise<HistoryAction | null> {
  try {
    const done = await call(id === null ? commands.historyUndoLast() : commands.historyUndo(id));
    changed();
    // The "moved to the trash — Undo" notice of a delete just undone has nothing left to offer.
    if (done.kind === "delete" && done.record_id) {
      notifications.hide(done.entity === "activities" ? `activity-deleted-${done.record_id}` : `deleted-${done.record_id}`);
    }
    notifyUndone(done, changed);
    return done;
  } catch (e) {
    notifyError(e);
    return null;
  }
}

/** Redoes the newest undo, when the newest thing done was an undo. */
export async function redoLast(changed: () => void): Promise<void> {
  try {
    const page = await call(commands.historyList({ entity: null, record_id: null, before: null, limit: 1 }));
    const last = page.actions[0];
    if (!last || last.kind !== "undo" || last.undone_at !== null) {
      notifications.show({ color: "gray", title: "Nothing to redo", message: "Redo brings back what you just undid." });
      return;
    }
    await undoAction(last.id, changed);
  } catch (e) {
    notifyError(e);
  }
}

function notifyUndone(a: HistoryAction, changed: () => void) {
  const id = `undone-${a.id}`;
  const redo = a.undone_by;
  notifications.show({
    id,
    title: a.kind === "undo" ? "Redone" : "Undone",
    autoClose: 8000,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" truncate="end" data-testid="undone-text">{sentence(a)}</Text>
        {redo !== null && a.kind !== "undo" && (
          <Button
            size="compact-sm"
            variant="light"
            data-testid="redo"
            onClick={() => {
              notifications.hide(id);
              void undoAction(redo, changed);
            }}
          >
            Redo
          </Button>
        )}
      </Group>
    ),
  });
}
