/**
 * `@id` mentions and owner words in minutes, read a character at a time. An id is letters,
 * digits, `_` and `-`, in dot-separated parts (`@arf`, `@cuf.dupont`); a mention follows the
 * start of the text, a space, an opening parenthesis or a list separator ("@arf/@cuf").
 *
 * These were regular expressions with `[\p{L}\p{N}_-]` (three of them, eight such classes): V8
 * compiles each class for every string width it meets, twice (bytecode, then machine code), and
 * French text is two-byte as soon as it holds a ’ or a €: ~20–30 ms of CPU at the first
 * minutes of a process for ten lines of text. Here an ASCII id needs no regular expression at
 * all, and any other character one small one. test/minutes-mentions.test.ts compares both
 * ways on the examples, the seeds and random strings.
 */

/** A letter or a digit, any script (for the characters of an id beyond ASCII). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** The code point at `i` when it can be part of an id, else -1; its length in UTF-16 units is 1 or 2. */
function idCharAt(text: string, i: number): number {
  if (i >= text.length) return -1;
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d ? c : -1;
  }
  const cp = text.codePointAt(i)!;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) ? cp : -1;
}

/** The end of the id that starts at `i` (letters, digits, `_`, `-`, in dot-separated parts); `i` when none starts there. */
export function idEnd(text: string, i: number): number {
  let end = i;
  for (;;) {
    const start = end;
    for (let cp = idCharAt(text, end); cp !== -1; cp = idCharAt(text, end)) end += cp > 0xffff ? 2 : 1;
    if (end === start) return start === i ? i : start - 1; // an empty part: the dot before it is not the id's
    if (text.charCodeAt(end) !== 0x2e) return end;
    end++; // a dot, kept only when a part follows it
  }
}

/** JavaScript's `\s`: white space and line terminators. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What may come just before a mention: a space, `(`, `,`, `;` or `/`. */
function isMentionLead(c: number): boolean {
  return isSpace(c) || c === 0x28 || c === 0x2c || c === 0x3b || c === 0x2f;
}

/** A mention as written: `pre` (the space or separator before it, '' at the start), `id`, where the match starts and ends. */
export interface Mention {
  start: number;
  /** Where its `@` is. */
  at: number;
  end: number;
  pre: string;
  id: string;
  /** Written `\@id` (Markdown source only): not a mention, it prints as "@id". */
  escaped: boolean;
}

/**
 * The mentions of `text`, in order. With `escapes` (a Markdown source), `\@id` is found too,
 * marked `escaped`; in a text already unescaped, a backslash before `@` makes no mention.
 */
export function findMentions(text: string, escapes = false): Mention[] {
  const out: Mention[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let before = at;
    let escaped = false;
    if (escapes && at > 0 && text.charCodeAt(at - 1) === 0x5c) {
      before = at - 1;
      escaped = true;
    }
    if (before > 0 && !isMentionLead(text.charCodeAt(before - 1))) continue;
    const end = idEnd(text, at + 1);
    if (end === at + 1) continue;
    const start = before > 0 ? before - 1 : 0;
    out.push({ start, at, end, pre: before > 0 ? text[before - 1] : '', id: text.slice(at + 1, end), escaped });
    at = end - 1;
  }
  return out;
}

/** `text` with each mention replaced by what `replace` returns for it (its text as written kept when it returns it). */
export function replaceMentions(text: string, replace: (written: string, pre: string, id: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of findMentions(text)) {
    out += text.slice(last, m.start) + replace(text.slice(m.start, m.end), m.pre, m.id);
    last = m.end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** A word of owners, whole: "@arf", "(@arf,", "@arf/@cuf)", "@arf;@cuf": mentions joined by `,;/&`, closed by `,;)`. */
export function isOwnerWord(word: string): boolean {
  let i = word.charCodeAt(0) === 0x28 ? 1 : 0;
  if (word.charCodeAt(i) !== 0x40) return false;
  i = idEnd(word, i + 1);
  if (word.charCodeAt(i - 1) === 0x40) return false; // "@" with no id
  for (;;) {
    const c = word.charCodeAt(i);
    if (!(c === 0x2c || c === 0x3b || c === 0x2f || c === 0x26) || word.charCodeAt(i + 1) !== 0x40) break;
    const end = idEnd(word, i + 2);
    if (end === i + 2) break;
    i = end;
  }
  while (i < word.length && (word.charCodeAt(i) === 0x2c || word.charCodeAt(i) === 0x3b || word.charCodeAt(i) === 0x29)) i++;
  return i === word.length;
}
