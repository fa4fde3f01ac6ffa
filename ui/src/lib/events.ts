// Listening to one of the back end's typed events for as long as a component is mounted.
import { useEffect, useRef } from "react";

interface Listenable<T> {
  listen: (cb: (e: { payload: T }) => void) => Promise<() => void>;
}

/** Calls `onEvent` with each payload of `event` (the latest `onEvent`, without re-subscribing). */
export function useTauriEvent<T>(event: Listenable<T>, onEvent: (payload: T) => void): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    event
      .listen((e) => ref.current(e.payload))
      .then((u) => (live ? (unlisten = u) : u()))
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, [event]);
}
