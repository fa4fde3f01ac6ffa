// One-shot requests from the command palette (or the menu) to the screen that owns the form:
// "new deal" opens the Pipeline's deal form, "log a call" the open record's call form. The
// request waits until that screen is there and ready, then is used once.
import { useEffect, useSyncExternalStore } from "react";

export type Intent = "new-deal" | "log-call";

let pending: Intent | null = null;
const listeners = new Set<() => void>();

export function requestIntent(intent: Intent): void {
  pending = intent;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Runs `run` once when `intent` is requested and the screen is `ready`. */
export function useIntent(intent: Intent, ready: boolean, run: () => void): void {
  const wanted = useSyncExternalStore(subscribe, () => pending === intent);
  useEffect(() => {
    if (wanted && ready) {
      pending = null;
      listeners.forEach((l) => l());
      run();
    }
  }, [wanted, ready, run]);
}
