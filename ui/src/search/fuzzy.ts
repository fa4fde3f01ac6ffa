// Fuzzy matching for the command palette: the query's letters must appear in order in the text
// (case and accents ignored, spaces in the query ignored); matches at word starts and runs of
// consecutive letters score higher. A pure function, so the palette can sort by it.

const WORD_START = 8;
const CONSECUTIVE = 5;
const FIRST_LETTER = 4;

/** Lower case without diacritics: "Île" → "ile". */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/** The best score of `query` as a subsequence of `text`, or null when it does not match. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = [...fold(query).replace(/\s+/g, "")];
  const t = [...fold(text)];
  if (q.length === 0) return 0;
  if (q.length > t.length) return null;
  const letterScore = t.map((c, j) => 1 + (isWordChar(c) && !isWordChar(t[j - 1]) ? WORD_START : 0) + (j === 0 ? FIRST_LETTER : 0));

  // best[j]: best score with the current query letter matched at t[j] (dynamic programming over the alignment).
  let best: number[] = t.map((c, j) => (c === q[0] ? letterScore[j] : -Infinity));
  for (let i = 1; i < q.length; i++) {
    const next: number[] = new Array<number>(t.length).fill(-Infinity);
    let bestBefore = -Infinity; // best[k] for k < j - 1
    for (let j = 1; j < t.length; j++) {
      if (j >= 2) bestBefore = Math.max(bestBefore, best[j - 2]);
      if (t[j] !== q[i]) continue;
      const from = Math.max(bestBefore, best[j - 1] + CONSECUTIVE);
      if (from > -Infinity) next[j] = from + letterScore[j];
    }
    best = next;
  }
  const top = Math.max(...best);
  // A shorter text wins a tie.
  return top === -Infinity ? null : top - t.length / 100;
}

/** The items matching `query`, best first (ties keep their order). */
export function fuzzyFilter<T>(query: string, items: T[], text: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((m): m is { item: T; index: number; score: number } => m.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => m.item);
}
