// The background schedule (sequences, the outbox) tells the window when it changed something;
// screens showing what it changes refresh then.
import { events, type ScheduleEvent } from "../bindings";
import { useTauriEvent } from "./events";

export function useScheduleEvent(onEvent: (report: ScheduleEvent) => void): void {
  useTauriEvent(events.scheduleEvent, onEvent);
}
