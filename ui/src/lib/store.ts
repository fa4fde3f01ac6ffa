// A value shared across the UI (a dialog's target, whether a sheet is open): read, set, and a hook
// that re-renders its caller when it changes.
import { useSyncExternalStore } from "react";

export function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  };
  return {
    get: () => value,
    set: (next: T) => {
      value = next;
      listeners.forEach((l) => l());
    },
    use: (): T => useSyncExternalStore(subscribe, () => value),
  };
}
