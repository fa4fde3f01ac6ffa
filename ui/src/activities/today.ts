import type { Activity, Today } from "../bindings";

export interface TodaySection {
  key: "overdue" | "due" | "upcoming";
  testId: string;
  title: string;
  items: Activity[];
  empty: string;
  color: string;
}

/** The three groups of the Today screen, in the order they are shown. */
export function todaySections(t: Today): TodaySection[] {
  return [
    {
      key: "overdue",
      testId: "today-overdue",
      title: "Overdue",
      items: t.overdue,
      empty: "Nothing overdue — you're all caught up.",
      color: "red",
    },
    {
      key: "due",
      testId: "today-due",
      title: "Today",
      items: t.due_today,
      empty: "No tasks due today. A good day to call someone you haven't spoken to in a while.",
      color: "ember",
    },
    {
      key: "upcoming",
      testId: "today-upcoming",
      title: "Next 7 days",
      items: t.upcoming,
      empty: "Nothing planned for the coming week yet.",
      color: "blue",
    },
  ];
}

/** Open tasks across all groups (done ones only appear under Today). */
/** Each Today section shows at most this many tasks (the `today` command's limit). */
export const SECTION_LIMIT = 200;

/** "12", or "200+" when a section was cut at the limit (a big backlog of overdue tasks). */
export function countLabel(n: number, capped: boolean): string {
  return capped ? `${n}+` : String(n);
}

/** Whether any section was cut at the limit, so the open count is a lower bound. */
export function anyCapped(t: Today): boolean {
  return [t.overdue, t.due_today, t.upcoming].some((items) => items.length >= SECTION_LIMIT);
}

export function openCount(t: Today): number {
  return t.overdue.length + t.due_today.filter((a) => a.completed_at === null).length + t.upcoming.length;
}
