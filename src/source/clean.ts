/**
 * Characters from the input that no document should carry, dealt with once, when read:
 *
 * - control characters (C0 but tab and line feed, DEL, C1: ESC, BEL, NUL…), from YAML
 *   escapes (`"\e"`, `"\x1b"`), CSV bytes or Markdown, and lone UTF-16 surrogates (`"\uD800"`
 *   in YAML, which no UTF-8 file, JSON parser or PDF can hold) are replaced by U+FFFD, with a
 *   warning (`syntax/control-character`) at the first place;
 * - bidirectional controls (U+202A–U+202E, U+2066–U+2069) are kept, since right-to-left text
 *   may need them, but flagged (`syntax/bidi-control`): "Jean \u202ETNOPUD" displays as
 *   "Jean DUPONT".
 *
 * Terminals get `visible()` on top of this (util/visible.ts), HTML the sanitiser.
 */
import { stageMessage, type Messages, type Place, type Problem, type Said } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import type { Path, YamlSource } from './yaml.js';

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x9b: 'CSI',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** "U+001B ESC", "U+D800 (lone surrogate)". */
function describe(c: string): string {
  const code = c.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (surrogate)`;
  return NAMES[code] ? `${hex} ${NAMES[code]}` : hex;
}

/** At most this many warnings of each kind per file: a binary-ish file would otherwise flood the report. */
const MAX_REPORTS = 20;

/**
 * The messages of `syntax/control-character` and `syntax/bidi-control` ({character}: "U+001B
 * ESC"; {more}: « (et 2 autres) », or nothing when it is the only one).
 */
export const cleanMessages = {
  control: tx(
    'Caractère de contrôle {character}{more} : il n’a pas sa place dans un document et est remplacé par « \uFFFD ».',
    'Control character {character}{more}: it has no place in a document and is replaced by "\uFFFD".',
  ),
  bidi: tx(
    'Le texte contient {character}, un caractère invisible qui l’affiche dans un autre ordre que celui où il est écrit (« Jean [U+202E]TNOPUD » s’affiche « Jean DUPONT ») : retirez-le, sauf s’il est voulu pour un texte de droite à gauche.',
    'The text holds {character}, an invisible character that shows it in another order than it is written ("Jean [U+202E]TNOPUD" shows as "Jean DUPONT"): remove it, unless it is meant for right-to-left text.',
  ),
} satisfies Messages;

/** The message of a control character replaced (`count` of them in the text). */
export function controlMessage(found: string, count = 1): Said {
  const more = count > 1 ? tx(` (et ${count - 1} autre${count > 2 ? 's' : ''})`, ` (and ${count - 1} more)`) : tx('', '');
  return stageMessage('syntax/control-character', cleanMessages, 'control', { character: describe(found), more });
}

/** The warning for a bidirectional control in `text`, at `place`. */
export function bidiControlProblem(text: string, place: Place): Problem {
  return bidiProblem(BIDI.exec(text)?.[0] ?? '\u202E', place);
}

function controlProblem(found: string, count: number, place: Place): Problem {
  return { rule: 'syntax/control-character', ...controlMessage(found, count), place };
}

function bidiProblem(found: string, place: Place): Problem {
  return { rule: 'syntax/bidi-control', ...stageMessage('syntax/bidi-control', cleanMessages, 'bidi', { character: describe(found) }), place };
}

/** A string with its control characters and lone surrogates replaced by U+FFFD, and the first one found. */
export function replaceControls(s: string): { text: string; first: string | null; count: number; index: number } {
  CONTROL.lastIndex = 0;
  const m = CONTROL.exec(s);
  if (!m) return { text: s, first: null, count: 0, index: -1 };
  let count = 0;
  const text = s.replace(CONTROL, () => {
    count++;
    return '\uFFFD';
  });
  return { text, first: m[0], count, index: m.index };
}

/**
 * A YAML value with control characters replaced in every string (values and keys), and the
 * problems found, placed on the YAML nodes. Returns the value itself when it is clean.
 */
export function cleanYamlValue(value: unknown, source: YamlSource): { value: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  // YAML refuses raw control characters: they can only come from escapes (`"\e"`, `"\x1b"`),
  // and a bidirectional control is written raw or escaped. A file with neither is clean.
  if (!source.text.includes('\\') && !BIDI.test(source.text)) return { value, problems };
  let controls = 0;
  let bidis = 0;
  // The path of the value being visited, copied only when a problem is reported.
  const at: Array<string | number> = [];
  const here = (): Path => [...at];
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      const bidi = BIDI.exec(v);
      if (bidi && bidis++ < MAX_REPORTS) problems.push(bidiProblem(bidi[0], source.placeOf(here())));
      const r = replaceControls(v);
      if (r.first === null) return v;
      if (controls++ < MAX_REPORTS) problems.push(controlProblem(r.first, r.count, source.placeOf(here())));
      return r.text;
    }
    if (v === null || typeof v !== 'object' || depth > 100) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        const c = visit(v[i], depth + 1);
        at.pop();
        if (c !== v[i]) (copy ??= v.slice())[i] = c;
      }
      return copy ?? v;
    }
    let copy: Record<string, unknown> | null = null;
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = 0; i < entries.length; i++) {
      const [k, x] = entries[i];
      at.push(k);
      const c = visit(x, depth + 1);
      at.pop();
      const key = replaceControls(k);
      if (key.first !== null && controls++ < MAX_REPORTS) problems.push(controlProblem(key.first, key.count, source.placeOfKey(here(), k)));
      if (BIDI.test(k) && bidis++ < MAX_REPORTS) problems.push(bidiProblem(BIDI.exec(k)![0], source.placeOfKey(here(), k)));
      if ((c !== x || key.first !== null) && copy === null) copy = Object.fromEntries(entries.slice(0, i));
      if (copy) copy[key.text] = c;
    }
    return copy ?? v;
  };
  const cleaned = visit(value, 0);
  return { value: cleaned, problems };
}

/**
 * Raw text (Markdown, a CSV file) with control characters (but tab and line ends) replaced,
 * one U+FFFD each so that every column stays where it was; a problem at the first of each
 * kind. `place(offset)` turns an offset of the text into a place.
 */
export function cleanRawText(text: string, place: (offset: number) => Place): { text: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const bidi = BIDI.exec(text);
  if (bidi) problems.push(bidiProblem(bidi[0], place(bidi.index)));
  // Line ends are the readers' business (CR is normalised before); keep LF and CR.
  const raw = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const first = raw.exec(text);
  if (!first) return { text, problems };
  let count = 0;
  const cleaned = text.replace(raw, () => {
    count++;
    return '\uFFFD';
  });
  problems.push(controlProblem(first[0], count, place(first.index)));
  return { text: cleaned, problems };
}

/** Whether a name or title has something to see: not only spaces, invisible or control characters. */
export function hasVisibleText(s: string): boolean {
  // U+034F (a combining mark) listed on its own on purpose: it shows nothing either.
  // eslint-disable-next-line no-misleading-character-class
  return /[^\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800\uFFFD\u180E\u034F]/u.test(s);
}
