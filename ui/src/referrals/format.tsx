// Reviews and referrals in words: stars with their number, money per currency, platforms.
import { Group, Text } from "@mantine/core";
import { IconStar, IconStarFilled } from "@tabler/icons-react";
import type { Amount } from "../bindings";
import { formatMoney } from "../lib/money";

export const PLATFORMS = ["Google", "Trustpilot", "Yelp", "Facebook"];

/** Five stars and "4 of 5" (the number is what is read out; the stars are decoration). */
export function Stars({ rating, size = 14 }: { rating: number; size?: number }) {
  return (
    <Group gap={2} wrap="nowrap" data-testid="review-stars">
      {[1, 2, 3, 4, 5].map((i) =>
        i <= rating ? (
          <IconStarFilled key={i} size={size} aria-hidden color="var(--mantine-color-yellow-6)" />
        ) : (
          <IconStar key={i} size={size} aria-hidden color="var(--mantine-color-gray-5)" />
        ),
      )}
      <Text size="xs" c="dimmed" ml={4}>{rating} of 5</Text>
    </Group>
  );
}

/** "€1,200.00 + $300.00"; "—" when nothing. */
export function amounts(list: Amount[]): string {
  const shown = list.filter((a) => a.amount_minor !== 0);
  return shown.length ? shown.map((a) => formatMoney(a.amount_minor, a.currency)).join(" + ") : "—";
}

/** Adds amounts per currency. */
export function addAmounts(lists: Amount[][]): Amount[] {
  const by = new Map<string, number>();
  for (const l of lists) for (const a of l) by.set(a.currency, (by.get(a.currency) ?? 0) + a.amount_minor);
  return [...by].map(([currency, amount_minor]) => ({ currency, amount_minor }));
}

/** Only https links open from Hearth (in the system's browser). */
export const opens = (link: string) => link.startsWith("https://");
