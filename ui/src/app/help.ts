// Whether the "?" keyboard-shortcuts sheet is open, shared so the command palette can open it too.
import { useSyncExternalStore } from "react";

let open = false;
const listeners = new Set<() => void>();

export function setHelpOpen(value: boolean): void {
  open = value;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open);
}
