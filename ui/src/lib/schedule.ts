// The background schedule (sequences, the outbox) tells the window when it changed something;
// screens showing what it changes refresh then.
import { useEffect, useRef } from "react";
import { events, type ScheduleEvent } from "../bindings";

export function useScheduleEvent(onEvent: (report: ScheduleEvent) => void): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    events.scheduleEvent
      .listen((e) => ref.current(e.payload))
      .then((u) => (live ? (unlisten = u) : u()))
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);
}
