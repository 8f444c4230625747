/**
 * The fast text path of the PDF engine. Most of what a programme or a sign-in sheet prints is
 * a short line of Latin text that fits its box: a name, a time, a role. pdfkit's `text()`
 * builds a line wrapper, splits words, looks up line breaks and writes half a dozen content
 * operators for each such line; a 5,000-page sign-in sheet calls it a hundred thousand
 * times. Here a line that fits is written as one `BT … TJ ET` string, its glyphs encoded once
 * per document and string (the same names repeat on every sheet), and widths are measured
 * once per process and string. Anything else (a line that wraps, a link, justified text, a
 * mark positioned on its base) goes through pdfkit as before.
 */

import { fontFiles, parsedFont, type FontKey } from './fonts.js';

type Doc = PDFKit.PDFDocument;

/** pdfkit's embedded font, as much of it as is used here. */
interface PdfFont {
  id: string;
  ascender: number;
  descender: number;
  lineGap: number;
  ref(): unknown;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>];
  widthOfString(text: string, size: number): number;
}

interface DocState {
  _font: PdfFont | null;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

export interface TextRun {
  text: string;
  font: string;
  size: number;
  color: string;
  link: string | null;
}

/** A string encoded in one document's font subset: the TJ operand and its width at size 1000. */
interface Encoded {
  tj: string;
  width: number;
}

/** Entries a process-wide cache keeps before starting afresh. */
const MAX_CACHED = 200_000;

/** Widths at size 1000, per font name and string: the parsed fonts are shared by every document. */
const widths = new Map<string, Map<string, number>>();

/** Words as pdfkit's EmbeddedFont.layout cuts them: up to and including a space or tab. */
const WORDS = /[^ \t]*[ \t]|[^ \t]+$/g;

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  layout(text: string): { advanceWidth: number };
}

/** The process-wide parsed Latin font behind a registered name, if it is one. */
function sharedFont(name: string): FontkitFont | null {
  return name in fontFiles ? (parsedFont(name as FontKey) as unknown as FontkitFont) : null;
}

interface GlyphRun {
  advanceWidth: number;
  positions: Array<Record<string, number>>;
  glyphs: Array<{ advanceWidth: number }>;
}

/**
 * Shaped words, per Latin font, shared by every document of the process in pdfkit's own
 * format (its EmbeddedFont.layoutRun: positions in thousandths of the font size), so that a
 * word is shaped by fontkit once per build, not once per document, and once for measuring
 * and drawing. Each document's pdfkit font gets this object as its layout cache.
 */
const layouts = new Map<string, { store: Record<string, GlyphRun & { width: number }>; get(word: string): { advanceWidth: number } }>();

function sharedLayoutEntry(name: string) {
  let entry = layouts.get(name);
  if (entry) return entry;
  const font = sharedFont(name);
  if (!font) return null;
  const scale = 1000 / font.unitsPerEm;
  const store: Record<string, GlyphRun & { width: number }> = Object.create(null);
  let count = 0;
  const get = (word: string) => {
    let run = store[word];
    if (!run) {
      const r = font.layout(word) as unknown as GlyphRun;
      for (let i = 0; i < r.positions.length; i++) {
        const p = r.positions[i];
        for (const k in p) p[k] *= scale;
        p.advanceWidth = r.glyphs[i].advanceWidth * scale;
      }
      run = r as GlyphRun & { width: number };
      store[word] = run;
      // Bounded (a `--watch` session lives long): the next document starts a new store.
      if (++count > MAX_CACHED) layouts.delete(name);
    }
    // pdfkit stores its own runs here too (words it laid out first), without `width`.
    run.width ??= run.advanceWidth;
    return { advanceWidth: run.width };
  };
  entry = { store, get };
  layouts.set(name, entry);
  return entry;
}

function sharedLayouts(name: string): ((word: string) => { advanceWidth: number }) | null {
  return sharedLayoutEntry(name)?.get ?? null;
}

/** A number as pdfkit writes it (at most 6 decimals). */
export const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

const rgbCache = new Map<string, string | null>();
/** The three components of a #rrggbb (or #rgb) colour as PDF operands, or null for anything else. */
export function rgb(color: string): string | null {
  let v = rgbCache.get(color);
  if (v !== undefined) return v;
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color);
  const hex = m ? (m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1]) : null;
  v = hex ? [0, 2, 4].map((i) => num(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ') : null;
  rgbCache.set(color, v);
  return v;
}

export class TextCache {
  private readonly fonts = new Map<string, PdfFont>();
  private readonly encoded = new Map<string, Encoded | null>();

  constructor(private readonly doc: Doc) {}

  /** pdfkit's font object for a registered name, without changing the document's current font. */
  font(name: string): PdfFont {
    let f = this.fonts.get(name);
    if (!f) {
      const state = this.doc as unknown as DocState;
      const saved = { font: state._font, size: state._fontSize };
      this.doc.font(name);
      f = state._font as PdfFont;
      const shared = sharedLayoutEntry(name);
      if (shared) (f as unknown as { layoutCache: unknown }).layoutCache = shared.store;
      state._font = saved.font;
      state._fontSize = saved.size;
      this.fonts.set(name, f);
    }
    return f;
  }

  /**
   * The width of `text` in font `name` at `size`, as pdfkit's widthOfString gives it (each word
   * with its trailing space laid out on its own). Measured on the shared parsed font, so that
   * measuring never registers a font in the document: font ids, and so the bytes, must not
   * depend on what an earlier document of the process measured.
   */
  width(name: string, text: string, size: number): number {
    let byFont = widths.get(name);
    if (!byFont) widths.set(name, (byFont = new Map()));
    let w = byFont.get(text);
    if (w === undefined) {
      const cache = sharedLayouts(name);
      if (cache) {
        w = 0;
        for (const word of text.match(WORDS) ?? []) w += cache(word).advanceWidth;
        if (byFont.size > MAX_CACHED) byFont.clear();
        byFont.set(text, w);
      } else w = this.font(name).widthOfString(text, 1000);
    }
    return (w * size) / 1000;
  }

  /** pdfkit's line height with the font's own gap (its `currentLineHeight(true)`). */
  lineHeight(run: { font: string; size: number }): number {
    const shared = sharedFont(run.font);
    if (shared) return ((shared.ascent + shared.lineGap - shared.descent) / shared.unitsPerEm) * run.size;
    const f = this.font(run.font);
    return ((f.ascender + f.lineGap - f.descender) / 1000) * run.size;
  }

  private encode(name: string, text: string): Encoded | null {
    const key = `${name}\u0000${text}`;
    let e = this.encoded.get(key);
    if (e !== undefined) return e;
    const [hex, positions] = this.font(name).encode(text);
    e = { tj: '', width: 0 };
    // As pdfkit's _fragment: glyphs in segments, a kerning adjustment after each glyph whose
    // advance differs from its width. A glyph moved off its base (a combining mark) is left to pdfkit.
    const parts: string[] = [];
    let last = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      if (p.xOffset || p.yOffset) {
        e = null;
        break;
      }
      e.width += p.xAdvance;
      const adjust = p.xAdvance - p.advanceWidth;
      if (adjust !== 0) {
        parts.push(`<${hex.slice(last, i + 1).join('')}> ${num(-adjust)}`);
        last = i + 1;
      }
    }
    if (e) {
      if (last < hex.length) parts.push(`<${hex.slice(last).join('')}> 0`);
      e.tj = `[${parts.join(' ')}] TJ`;
    }
    this.encoded.set(key, e);
    return e;
  }

  /**
   * Draw runs as one line at (x, y) (y at the top of the line, as pdfkit's) when they fit
   * `width` and need nothing of pdfkit's text machinery. Returns false, having drawn nothing,
   * otherwise.
   */
  drawLine(runs: readonly TextRun[], x: number, y: number, width: number, align: string): boolean {
    const ops = this.lineOps(runs, x, y, width, align);
    if (ops === null) return false;
    this.doc.addContent(ops);
    return true;
  }

  /** Whether every run can go through `lineOps` (else pdfkit must draw the paragraph). */
  encodable(runs: readonly TextRun[]): boolean {
    for (const run of runs) {
      if (run.link !== null || run.text.includes('\u00ad') || rgb(run.color) === null) return false;
      for (const part of run.text.split('\n')) if (this.encode(run.font, part) === null) return false;
    }
    return true;
  }

  /**
   * The content operators of `drawLine`, to write later with others (a table row at once); null
   * when pdfkit must draw. `fits`: the caller broke the line itself, do not measure it again.
   */
  lineOps(runs: readonly TextRun[], x: number, y: number, width: number, align: string, fits = false): string | null {
    if (align === 'justify') return null;
    const parts: Array<{ run: TextRun; e: Encoded; font: PdfFont; color: string }> = [];
    let total = 0;
    for (const run of runs) {
      if (run.link !== null || run.text.includes('\n') || run.text.includes('\u00ad')) return null;
      const color = rgb(run.color);
      if (color === null) return null;
      const e = this.encode(run.font, run.text);
      if (e === null) return null;
      total += (e.width * run.size) / 1000;
      parts.push({ run, e, font: this.font(run.font), color });
    }
    if (total > width + 1e-6 && !fits) return null;
    let cx = align === 'center' ? x + (width - total) / 2 : align === 'right' ? x + width - total : x;
    const page = (this.doc as unknown as DocState).page;
    const ops: string[] = ['q 1 0 0 -1 0', num(page.height), 'cm'];
    for (const { run, e, font, color } of parts) {
      if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
      const baseline = page.height - y - (font.ascender / 1000) * run.size;
      ops.push(`BT 1 0 0 1 ${num(cx)} ${num(baseline)} Tm /${font.id} ${num(run.size)} Tf ${color} rg ${e.tj} ET`);
      cx += (e.width * run.size) / 1000;
    }
    ops.push('Q');
    return ops.join(' ');
  }
}
