/** Name and title normalisation for fuzzy comparisons. */

/** Fold accents, case, hyphens, apostrophes and word order: "Jean-Paul BACHY" = "bachy jean paul". */
export function nameKey(name: string): string {
  return fold(name).split(' ').filter(Boolean).sort().join(' ');
}

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOP = new Set(
  'le la les de des du d l a au aux et en pour par un une sur dans ex the of and for in on to an with ou avec entre son sa ses leur leurs ce cette ces qui que'.split(
    ' ',
  ),
);

/** The meaningful words of a title. */
export function titleWords(title: string): Set<string> {
  return new Set(
    fold(title)
      .split(' ')
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}
