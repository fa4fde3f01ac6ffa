// Service-level targets as people enter them (hours or days) and as they are stored (minutes).

export type Unit = "hours" | "days";
export interface Target {
  value: number | string;
  unit: Unit;
}

/** 480 → 8 hours; 4320 → 3 days; 90 → 1.5 hours. */
export function targetOf(minutes: number): Target {
  if (minutes >= 24 * 60 && minutes % (24 * 60) === 0) return { value: minutes / (24 * 60), unit: "days" };
  return { value: Math.round((minutes / 60) * 100) / 100, unit: "hours" };
}

/** 1.5 hours → 90; 2 days → 2880; null when it is not a positive amount. */
export function minutesOf(t: Target): number | null {
  const n = typeof t.value === "number" ? t.value : Number(String(t.value).replace(",", "."));
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * (t.unit === "days" ? 24 * 60 : 60));
}
