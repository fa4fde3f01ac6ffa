import { IconCalendarEvent, IconChecklist, IconMail, IconNote, IconPhone, type Icon } from "@tabler/icons-react";
import type { ActivityKind } from "../bindings";

export const KIND_ICONS: Record<ActivityKind, Icon> = {
  call: IconPhone,
  email: IconMail,
  meeting: IconCalendarEvent,
  note: IconNote,
  task: IconChecklist,
};

export const KIND_COLORS: Record<ActivityKind, string> = {
  call: "teal",
  email: "blue",
  meeting: "violet",
  note: "yellow",
  task: "ember",
};

export const LOG_TITLES: Record<ActivityKind, string> = {
  call: "Log a call",
  email: "Log an e-mail",
  meeting: "Log a meeting",
  note: "Add a note",
  task: "Add a task",
};
