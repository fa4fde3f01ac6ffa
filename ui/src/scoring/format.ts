// The lead score in words and colours, shared by the list, the card and (later) the board.
import type { Temperature } from "../bindings";

export const TEMPERATURE_LABELS: Record<Temperature, string> = { hot: "Hot", warm: "Warm", cold: "Cold" };
export const TEMPERATURE_COLORS: Record<Temperature, string> = { hot: "red", warm: "orange", cold: "blue" };

/** "+20", "−10" (a real minus sign). */
export function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : "0";
}
