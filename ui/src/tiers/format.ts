// Priority tiers in words and colours (A first).
import type { TierId } from "../bindings";

export const TIER_IDS: TierId[] = ["a", "b", "c"];
export const TIER_COLORS: Record<TierId, string> = { a: "grape", b: "cyan", c: "gray" };
export const tierLetter = (t: TierId) => t.toUpperCase();
