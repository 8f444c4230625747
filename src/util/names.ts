/** Name and title normalisation for fuzzy comparisons. */

/** Fold accents, case, hyphens, apostrophes and word order: "Jean-Paul BACHY" = "bachy jean paul". */
export function nameKey(name: string): string {
  return fold(name).split(' ').filter(Boolean).sort().join(' ');
}

export function fold(s: string): string {
  // Latin text (every character below U+0250) folds a character at a time through a table made
  // from the general rule, without the three whole-string passes: 10,000 titles 110 → 10 ms.
  // Below U+0250 a character folds to at most one character and holds no combining mark, so the
  // table gives what the rule gives (test/names.test.ts compares both on every character).
  const table = latinFolds ?? (latinFolds = makeLatinFolds());
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= LATIN_END) return foldByRule(s);
    const f = table[c];
    if (f === SLOW) return foldByRule(s);
    if (f === 0) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += String.fromCharCode(f);
  }
  return out;
}

/** `fold` as a rule: accents and other marks dropped, lower case, each run of what is not a letter or a digit one space, trimmed. */
export function foldByRule(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const LATIN_END = 0x250;
/** A character that folds to more than one (none in Unicode 15 below LATIN_END): the string takes the rule. */
const SLOW = 0xffff;
let latinFolds: Uint16Array | undefined;

/** Each character below LATIN_END folded alone: its folded character, 0 for a separator, SLOW for more than one. */
function makeLatinFolds(): Uint16Array {
  const table = new Uint16Array(LATIN_END);
  for (let c = 0; c < LATIN_END; c++) {
    const t = String.fromCharCode(c).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    table[c] = t.length > 1 ? SLOW : t.length === 1 && /[\p{L}\p{N}]/u.test(t) ? t.charCodeAt(0) : 0;
  }
  return table;
}

const STOP = new Set(
  'le la les de des du d l a au aux et en pour par un une sur dans ex the of and for in on to an with ou avec entre son sa ses leur leurs ce cette ces qui que'.split(
    ' ',
  ),
);

/** The meaningful words of a title. */
export function titleWords(title: string): Set<string> {
  return foldedTitleWords(fold(title));
}

/** The meaningful words of a title already folded (`fold`). */
export function foldedTitleWords(folded: string): Set<string> {
  return new Set(folded.split(' ').filter((w) => w.length > 1 && !STOP.has(w)));
}
