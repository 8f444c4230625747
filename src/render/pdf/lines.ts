/**
 * Breaking a paragraph of styled runs into lines: the one line layout of the PDF engine, for
 * every text it prints (body, table cells, headings, running headers and footers), whatever
 * the script.
 *
 * - Lines break where the Unicode line breaking algorithm (UAX #14, the `linebreak` package
 *   pdfkit itself uses) allows: at spaces, between CJK characters (never before closing
 *   punctuation or a small kana, nor after opening punctuation), never at a no-break space
 *   (« : », "9 h 30", "17 %" keep their parts together); at `<br>`; at a soft hyphen (a hyphen
 *   is then printed); at a zero-width space. Not after a hyphen, a dash or a slash, which
 *   UAX #14 allows: "Auvergne-Rhône-Alpes" and "9:30–10:00" stay whole.
 * - A word wider than its line is cut, preferably after a slash, hyphen, dot or similar (a
 *   URL), else between characters. Its characters are measured once each, so cutting is linear
 *   in the length of the word; the whole paragraph is laid out in one pass over its words.
 * - A justified line widens its breaking spaces (never the last line of a paragraph, nor a line
 *   ended by `<br>`); other alignments shift the line.
 * - Right-to-left text: lines are broken in logical order, then each line is ordered visually
 *   by the Unicode bidi algorithm (see scripts.ts).
 *
 * Widths come from `measure` (shaped words, see fonts.ts), so the drawing code, which shapes
 * the same tokens, puts every glyph where the layout said.
 */
import { tokenWidth, type FontName } from './fonts.js';
import LineBreaker from 'linebreak';
import { embeddingLevels, familyOfFont, lineExtents, needsBidi, paragraphDirection, visualPieces, type Direction } from './scripts.js';

/** A run of text in one font, size, colour and link: what a line item draws. */
export interface TextRun {
  text: string;
  font: FontName;
  size: number;
  color: string;
  /** An absolute http(s), mailto or tel URL (anything else is never a link in a PDF). */
  link: string | null;
  /** Baseline shift in points: raised (superscript) above 0, lowered (subscript) below. */
  rise: number;
  /** The language of the text when an element says it (`<span lang="en">`): its `/Lang` in a tagged PDF. */
  lang?: string | null;
}

/** A piece of a line: text of one run, at its place. */
export interface LineItem {
  run: TextRun;
  /** The text drawn, in visual order (a right-to-left word is given in logical order: fontkit reverses it). */
  text: string;
  /** From the paragraph's left edge, alignment and justification included. */
  x: number;
  /** Width, with the justification added to its spaces. */
  width: number;
  /** Breaking spaces in `text`: each one is `Line.wordSpacing` wider than its glyph. */
  spaces: number;
}

export interface Line {
  items: LineItem[];
  /** Natural width of the content (no justification). */
  width: number;
  /** Extents above and below the baseline. */
  ascent: number;
  descent: number;
  /** The advance to the next line: ascent + descent + the line gap. */
  height: number;
  /** Added to every breaking space of the line (a justified line). */
  wordSpacing: number;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface LineOptions {
  width: number;
  align: Align;
  lineGap: number;
  /** 'auto': from the first strong character (an Arabic paragraph is right to left). */
  direction?: Direction | 'auto';
}

/** Width of a token (a word, a space, a character) in points. */
export type Measure = (font: FontName, text: string, size: number) => number;

const enum Kind {
  Text,
  Space,
  Newline,
  /** A break opportunity of no width (between CJK characters, at a zero-width space). */
  Opportunity,
  /** A soft hyphen: a break opportunity that prints a hyphen when taken. */
  Hyphen,
}

interface Token {
  kind: Kind;
  run: number;
  start: number;
  end: number;
  width: number;
}

/** Words longer than this are measured character by character (no shaping of a 40,000-character string). */
const LONG_WORD = 64;
/** Characters after which a word too wide for its line is best cut (URLs, paths, compounds). */
const SOFT_CUT = new Set(['/', '-', '.', '_', '?', '&', '=', ',', ';', ':', '#', '+', '~', '\\', '|']);

export function measureText(measure: Measure, font: FontName, text: string, size: number): number {
  // As the drawing code shapes it: words and spaces apart.
  if (text.length <= LONG_WORD && !text.includes(' ')) return measure(font, text, size);
  let w = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 32) {
      if (i > from) w += measure(font, text.slice(from, i), size);
      if (i < text.length) w += measure(font, ' ', size);
      from = i + 1;
    }
  }
  return w;
}

/** Characters after which UAX #14 may break a line but coop does not (compound names, ranges, paths). */
const NO_BREAK_AFTER = new Set([0x2d, 0x2f, 0x2010, 0x2013, 0x2014]);

/**
 * Words UAX #14 has no break inside: letters of the Latin-1 and Latin Extended-A/B blocks and
 * ASCII digits are all of its classes AL and NU, between which it never breaks (rules LB23,
 * LB28). Most words of a French programme are such words: they skip the breaker.
 */
const PLAIN_WORD = /^[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*$/;
/** What ends a word for the tokenizer: spaces, line feeds, soft hyphens, zero-width spaces. */
const WORD_END = /[\x20\u3000\n\u00ad\u200b]/g;

/**
 * Where UAX #14 allows a line to start inside a word: opportunities[i] is 1 when a line may
 * start at UTF-16 offset i of the paragraph's text (all its runs: a break depends on the
 * characters on both sides, whichever run they are in). Breaks at spaces are the tokenizer's
 * own; inside a word, the breaker (the `linebreak` package pdfkit itself uses) answers the
 * same over the word alone as over the paragraph, since the rules that look across spaces
 * only decide breaks after them.
 */
function breakOpportunities(text: string): Uint8Array {
  const at = new Uint8Array(text.length + 1);
  let from = 0;
  const word = (end: number) => {
    if (end - from > 1) {
      const w = text.slice(from, end);
      if (!PLAIN_WORD.test(w)) {
        const breaker = new LineBreaker(w);
        for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) if (b.position < w.length) at[from + b.position] = 1;
      }
    }
  };
  for (const m of text.matchAll(WORD_END)) {
    word(m.index);
    from = m.index + 1;
  }
  word(text.length);
  return at;
}

/** The tokens of a paragraph, in logical order. Linear in its length. */
function tokenize(runs: readonly TextRun[], measure: Measure): Token[] {
  const tokens: Token[] = [];
  const opportunities = breakOpportunities(runs.map((r) => r.text).join(''));
  let offset = 0;
  let prevCp = -1;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const t = run.text;
    let word = -1; // start of the word being read
    const endWord = (end: number) => {
      if (word < 0) return;
      tokens.push({ kind: Kind.Text, run: r, start: word, end, width: wordWidth(measure, run, word, end) });
      word = -1;
    };
    for (let i = 0; i < t.length;) {
      const cp = t.codePointAt(i)!;
      const n = cp > 0xffff ? 2 : 1;
      if (cp === 0x20 || cp === 0x3000) {
        endWord(i);
        tokens.push({ kind: Kind.Space, run: r, start: i, end: i + n, width: measure(run.font, cp === 0x20 ? ' ' : '\u3000', run.size) });
      } else if (cp === 0x0a) {
        endWord(i);
        tokens.push({ kind: Kind.Newline, run: r, start: i, end: i + 1, width: 0 });
      } else if (cp === 0xad) {
        endWord(i);
        tokens.push({ kind: Kind.Hyphen, run: r, start: i, end: i + 1, width: measure(run.font, '-', run.size) });
      } else if (cp === 0x200b) {
        endWord(i);
        tokens.push({ kind: Kind.Opportunity, run: r, start: i, end: i + 1, width: 0 });
      } else {
        // Inside a word (or where a word meets the previous run's): a break UAX #14 allows,
        // between two ideographs for instance, is an opportunity of no width.
        if (opportunities[offset + i] && !NO_BREAK_AFTER.has(prevCp) && tokens.length + (word < 0 ? 0 : 1) > 0) {
          const glued = word >= 0 || tokens[tokens.length - 1].kind === Kind.Text;
          if (glued) {
            endWord(i);
            tokens.push({ kind: Kind.Opportunity, run: r, start: i, end: i, width: 0 });
          }
        }
        if (word < 0) word = i;
      }
      prevCp = cp;
      i += n;
    }
    endWord(t.length);
    offset += t.length;
  }
  return tokens;
}

function wordWidth(measure: Measure, run: TextRun, start: number, end: number): number {
  if (end - start <= LONG_WORD) return measure(run.font, run.text.slice(start, end), run.size);
  let w = 0;
  for (let i = start; i < end;) {
    const n = run.text.codePointAt(i)! > 0xffff ? 2 : 1;
    w += measure(run.font, run.text.slice(i, i + n), run.size);
    i += n;
  }
  return w;
}

/** One line in logical order: tokens [from, to), plus the hyphen of a soft hyphen it ends at. */
interface Span {
  tokens: Token[];
  hyphen: Token | null;
  /** Ended by `<br>` or the paragraph's end: never justified. */
  last: boolean;
  /** The run of the line (an empty line takes its height). */
  run: number;
}

/**
 * Break tokens into lines no wider than `width`, greedily. A token too wide for a line of its
 * own is cut into pieces (new Text tokens), measuring each of its characters once.
 */
function breakLines(tokens: Token[], runs: readonly TextRun[], width: number, measure: Measure): Span[] {
  const spans: Span[] = [];
  let line: Token[] = [];
  /** Text tokens on the line. */
  let texts = 0;
  /** Index in `line` of the last break opportunity with text before it. */
  let opp = -1;
  let used = 0;
  let lastRun = 0;
  const limit = width + 1e-6;
  const emit = (hyphen: Token | null, last: boolean) => {
    let run = lastRun;
    for (const t of line) {
      if (t.kind === Kind.Text) {
        run = t.run;
        break;
      }
    }
    spans.push({ tokens: line, hyphen, last, run });
    line = [];
    texts = 0;
    opp = -1;
    used = 0;
  };
  const push = (t: Token) => {
    line.push(t);
    used += t.width;
    if (t.kind === Kind.Text) texts++;
  };
  const add = (t: Token): void => {
    lastRun = t.run;
    switch (t.kind) {
      case Kind.Newline:
        emit(null, true);
        return;
      case Kind.Space:
        if (texts === 0) return; // a space at the start of a line is dropped
        line.push(t);
        used += t.width;
        opp = line.length - 1;
        return;
      case Kind.Opportunity:
      case Kind.Hyphen:
        if (texts > 0) {
          line.push(t);
          opp = line.length - 1;
        }
        return;
    }
    // Text: fits, or breaks the line at its last opportunity, or is cut.
    if (used + t.width <= limit) {
      push(t);
      return;
    }
    // A long word (a URL) that would leave this line loose is cut after a slash, dot or hyphen.
    if (texts > 0 && limit - used > width * 0.3 && t.end - t.start >= 16 && softCut(t)) return;
    if (opp >= 0) {
      const at = line[opp];
      const rest = line.slice(opp + 1);
      line.length = opp;
      emit(at.kind === Kind.Hyphen ? at : null, false);
      for (const r of rest) push(r); // the start of the word being read: it fitted beside less
      add(t);
      return;
    }
    cut(t);
  };
  /** Fill the rest of the line with the start of `t`, up to a soft cut point (false: none fits). */
  const softCut = (t: Token): boolean => {
    const run = runs[t.run];
    const text = run.text;
    const room = limit - used;
    let w = 0;
    let at = -1;
    let atW = 0;
    let i = t.start;
    let fit = t.start;
    let fitW = 0;
    while (i < t.end) {
      const n = text.codePointAt(i)! > 0xffff ? 2 : 1;
      w += measure(run.font, text.slice(i, i + n), run.size);
      if (w > room) break;
      i += n;
      fit = i;
      fitW = w;
      if (i < t.end && SOFT_CUT.has(text[i - 1])) {
        at = i;
        atW = w;
      }
    }
    // Still loose after the last soft cut: a URL or a path may be cut anywhere (never a word).
    if ((at < 0 || room - atW > width * 0.3) && text.slice(t.start, t.end).includes('/') && fit > t.start) {
      at = fit;
      atW = fitW;
    }
    if (at < 0) return false;
    push({ kind: Kind.Text, run: t.run, start: t.start, end: at, width: atW });
    emit(null, false);
    add({ kind: Kind.Text, run: t.run, start: at, end: t.end, width: Math.max(0, t.width - atW) });
    return true;
  };
  /** Cut a word (after what of it is already on the line) across lines, one pass over its characters. */
  const cut = (t: Token): void => {
    const run = runs[t.run];
    const text = run.text;
    let i = t.start;
    let from = t.start;
    let w = 0;
    let soft = -1;
    let softW = 0;
    while (i < t.end) {
      const n = text.codePointAt(i)! > 0xffff ? 2 : 1;
      const cw = measure(run.font, text.slice(i, i + n), run.size);
      if (used + w + cw > limit && (i > from || texts > 0)) {
        // Cut before this character, or after the last soft cut if it is not too far back.
        let at = i;
        let atW = w;
        if (soft > from && softW >= (width - used) * 0.4) {
          at = soft;
          atW = softW;
        }
        if (at > from) push({ kind: Kind.Text, run: t.run, start: from, end: at, width: atW });
        emit(null, false);
        from = at;
        w -= atW; // what lies between the cut and character i is on the new line
        soft = -1;
        softW = 0;
        continue;
      }
      w += cw;
      i += n;
      if (i < t.end && SOFT_CUT.has(text[i - 1])) {
        soft = i;
        softW = w;
      }
    }
    if (from < t.end) push({ kind: Kind.Text, run: t.run, start: from, end: t.end, width: w });
  };
  for (const t of tokens) add(t);
  if (texts > 0 || spans.length === 0) emit(null, true);
  else spans[spans.length - 1].last = true;
  return spans;
}

/** Lay a paragraph out in lines. Pure: widths come from `measure`. */
export function layoutLines(runs: readonly TextRun[], options: LineOptions, measure: Measure = tokenWidth): Line[] {
  const active = runs.filter((r) => r.text !== '');
  if (active.length === 0) return [];
  const tokens = tokenize(active, measure);
  const spans = breakLines(tokens, active, options.width, measure);
  const whole = needsBidi(active.map((r) => r.text).join('')) ? active.map((r) => r.text).join('') : null;
  const direction: Direction = options.direction && options.direction !== 'auto' ? options.direction : whole ? paragraphDirection(whole) : 'ltr';
  const bidi = whole !== null || direction === 'rtl' ? bidiContext(active, whole ?? active.map((r) => r.text).join(''), direction) : null;
  return spans.map((span) => toLine(span, active, options, direction, bidi, measure));
}

interface BidiContext {
  text: string;
  owner: Uint32Array;
  offsets: number[];
  levels: ReturnType<typeof embeddingLevels> | null;
}

function bidiContext(runs: readonly TextRun[], text: string, direction: Direction): BidiContext {
  const owner = new Uint32Array(text.length);
  const offsets: number[] = [];
  let off = 0;
  runs.forEach((r, k) => {
    offsets.push(off);
    owner.fill(k, off, off + r.text.length);
    off += r.text.length;
  });
  return { text, owner, offsets, levels: needsBidi(text) ? embeddingLevels(text, direction) : null };
}

function toLine(span: Span, runs: readonly TextRun[], options: LineOptions, direction: Direction, bidi: BidiContext | null, measure: Measure): Line {
  // Trim spaces and zero-width opportunities at both ends.
  let a = 0;
  let b = span.tokens.length;
  while (a < b && span.tokens[a].kind !== Kind.Text) a++;
  while (b > a && span.tokens[b - 1].kind !== Kind.Text) b--;
  const toks = span.tokens.slice(a, b);
  let items: LineItem[] = [];
  if (bidi && toks.length) {
    const start = bidi.offsets[toks[0].run] + toks[0].start;
    const last = toks[toks.length - 1];
    const end = bidi.offsets[last.run] + last.end;
    for (const p of visualPieces(bidi.text, bidi.owner, bidi.levels, direction, start, end)) {
      const run = runs[p.run];
      const text = p.text.replace(/[\u00ad\u200b]/g, '');
      if (text === '') continue;
      items.push({ run, text, x: 0, width: measureText(measure, run.font, text, run.size), spaces: countSpaces(text) });
    }
  } else {
    // Tokens of one run next to each other form one item.
    let run = -1;
    let parts: string[] = [];
    let spaces = 0;
    const flush = () => {
      if (parts.length) {
        const r = runs[run];
        const text = parts.join('');
        items.push({ run: r, text, x: 0, width: measureText(measure, r.font, text, r.size), spaces });
      }
      parts = [];
      spaces = 0;
    };
    for (const t of toks) {
      if (t.kind === Kind.Opportunity || t.kind === Kind.Hyphen || t.kind === Kind.Newline) continue;
      if (t.run !== run) {
        flush();
        run = t.run;
      }
      parts.push(runs[t.run].text.slice(t.start, t.end));
      if (t.kind === Kind.Space) spaces++;
    }
    flush();
  }
  if (span.hyphen) {
    const run = runs[span.hyphen.run];
    const lastItem = items[items.length - 1];
    if (lastItem && lastItem.run === run && direction === 'ltr') {
      lastItem.text += '-';
      lastItem.width = measureText(measure, run.font, lastItem.text, run.size);
    } else items.push({ run, text: '-', x: 0, width: measureText(measure, run.font, '-', run.size), spaces: 0 });
  }
  // Vertical extents: of the items on the baseline (a raised "er" does not open the line up).
  let ascent = 0;
  let descent = 0;
  const sized = items.some((i) => i.run.rise === 0) ? items.filter((i) => i.run.rise === 0) : items;
  for (const i of sized) {
    const ext = lineExtents[familyOfFont(i.run.font)];
    ascent = Math.max(ascent, ext.ascent * i.run.size + Math.max(0, i.run.rise));
    descent = Math.max(descent, ext.descent * i.run.size - Math.min(0, i.run.rise));
  }
  if (items.length === 0) {
    const run = runs[span.run];
    const ext = lineExtents[familyOfFont(run.font)];
    ascent = ext.ascent * run.size;
    descent = ext.descent * run.size;
  }
  let natural = 0;
  let spaces = 0;
  for (const i of items) {
    natural += i.width;
    spaces += i.spaces;
  }
  const justify = options.align === 'justify' && !span.last && spaces > 0 && natural < options.width;
  const wordSpacing = justify ? (options.width - natural) / spaces : 0;
  const free = options.width - natural;
  const side =
    options.align === 'justify' ? (direction === 'rtl' ? 'right' : 'left') : direction === 'rtl' && options.align === 'left' ? 'right' : options.align;
  let x = justify ? 0 : side === 'right' ? free : side === 'center' ? free / 2 : 0;
  if (items.length > 1 || wordSpacing) {
    items = items.map((i) => {
      const width = i.width + i.spaces * wordSpacing;
      const placed = { ...i, x, width };
      x += width;
      return placed;
    });
  } else if (items.length === 1) items[0].x = x;
  return { items, width: natural, ascent, descent, height: ascent + descent + options.lineGap, wordSpacing };
}

function countSpaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
  return n;
}
