// The native menu bar (src-tauri/src/menu.rs) sends each chosen item here as a `menuCommand`
// event with its id; this does what the same keys or the command palette do. A shortcut both
// the menu and the page's own key handling see runs once (`once`).
import { events } from "../bindings";
import { useTauriEvent } from "../lib/events";

export type MenuActions = {
  navigate: (path: string) => void;
  newContact: () => void;
  newCompany: () => void;
  undo: () => void;
  redo: () => void;
  palette: () => void;
  shortcuts: () => void;
};

type Source = "menu" | "keys";
const lastRun = new Map<string, { at: number; from: Source }>();

/** Runs `fn`, unless the other source (menu or page keys) ran the same action in the last
 * 400 ms: one key press both saw. Presses from the same source always run (undo twice). */
export function once(id: string, fn: () => void, from: Source = "keys"): void {
  const now = Date.now();
  const last = lastRun.get(id);
  if (last && last.from !== from && now - last.at < 400) {
    // That press is now accounted for: the next one runs, whichever source sees it first.
    lastRun.delete(id);
    return;
  }
  lastRun.set(id, { at: now, from });
  fn();
}

/** Forgets what ran (tests). */
export function forgetRuns(): void {
  lastRun.clear();
}

/** A text field, text area or editable element has the focus (it keeps its own undo). */
export function typing(el: Element | null = document.activeElement): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(el.type);
  return (el as HTMLElement).isContentEditable === true;
}

/** What the menu item `id` does. Returns false for an id it does not know. */
export function runMenuCommand(id: string, a: MenuActions): boolean {
  if (id.startsWith("go:/")) {
    a.navigate(id.slice(3));
    return true;
  }
  switch (id) {
    case "new_contact":
      once(id, a.newContact, "menu");
      return true;
    case "new_company":
      once(id, a.newCompany, "menu");
      return true;
    case "undo":
    case "redo":
      // The menu's shortcut reaches the menu before the page: inside a text field it is the
      // field's own undo.
      if (typing()) document.execCommand(id);
      else once(id, id === "undo" ? a.undo : a.redo, "menu");
      return true;
    case "palette":
      once(id, a.palette, "menu");
      return true;
    case "shortcuts":
      a.shortcuts();
      return true;
    default:
      return false;
  }
}

export function useMenuCommands(actions: MenuActions): void {
  useTauriEvent(events.menuCommand, (e) => void runMenuCommand(e.id, actions));
}
