// The lead score in words and colours, shared by the list, the card and (later) the board.
import type { Temperature } from "../bindings";

export const TEMPERATURE_LABELS: Record<Temperature, string> = { hot: "Hot", warm: "Warm", cold: "Cold" };
export const TEMPERATURE_COLORS: Record<Temperature, string> = { hot: "red", warm: "orange", cold: "blue" };

/** "+20", "−10" (a real minus sign). */
export function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : "0";
}

/** A buying timeline given as a quarter: its label ("Q3 2027") and its last day ("2027-09-30"). */
export interface Quarter {
  label: string;
  last_day: string;
}

/** The quarter `today` is in and the `count - 1` after it. */
export function nextQuarters(today: Date, count = 8): Quarter[] {
  const out: Quarter[] = [];
  let year = today.getFullYear();
  let q = Math.floor(today.getMonth() / 3);
  for (let i = 0; i < count; i++) {
    const end = new Date(Date.UTC(year, q * 3 + 3, 0));
    out.push({ label: `Q${q + 1} ${year}`, last_day: end.toISOString().slice(0, 10) });
    q += 1;
    if (q === 4) {
      q = 0;
      year += 1;
    }
  }
  return out;
}

/** "Q3 2027" when `day` (YYYY-MM-DD) is the last day of a quarter, else null. */
export function quarterEnding(day: string | null): string | null {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month % 3 !== 0) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return date === last ? `Q${month / 3} ${year}` : null;
}
