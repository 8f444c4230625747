/**
 * Cutting text for messages by code point, never inside a character: a title cut in the middle
 * of an emoji would leave half a surrogate pair, which `--format json` writes as a lone
 * `\ud83d` that jq and most JSON parsers refuse.
 */

/** `s` cut to at most `max` code points, ending with `ellipsis` when cut (the ellipsis counts as one). */
export function truncate(s: string, max: number, ellipsis = '…'): string {
  if (s.length <= max) return s; // at most `max` code units: at most `max` code points
  let count = 0;
  let i = 0;
  while (i < s.length && count < max - 1) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    count++;
  }
  if (i >= s.length) return s;
  return `${s.slice(0, i)}${ellipsis}`;
}

/** Lone surrogates replaced by U+FFFD: the string can then be written as UTF-8 or JSON any parser reads. */
export function wellFormed(s: string): string {
  return /[\uD800-\uDFFF]/.test(s) ? s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : s;
}

/** A JSON.stringify replacer that writes every string well formed (no lone surrogate escape for jq to refuse). */
export function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? wellFormed(value) : value;
}
