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
export function openCount(t: Today): number {
  return t.overdue.length + t.due_today.filter((a) => a.completed_at === null).length + t.upcoming.length;
}
