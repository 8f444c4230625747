/**
 * Text operators: a line item (see lines.ts) written as one `BT … TJ ET` piece of content, its
 * glyphs encoded into the document's font subsets once per document and token, with the
 * kerning adjustments pdfkit would write, justification as extra advance after each breaking
 * space (the space glyph stays, so the text copies with its spaces), and glyphs moved off
 * their place (combining marks, Arabic dots) positioned as pdfkit does. Every text of a PDF,
 * headers and footers included, is written here: pdfkit's own `text()` is not used.
 */
import { shape, type FontName } from './fonts.js';
import type { LineItem } from './lines.js';
import { embeddedFont, includeGlyphs, reuseFontFiles, useFontOnPage, type EmbeddedFont } from './pdfkit-internals.js';

type Doc = PDFKit.PDFDocument;

/** A number as pdfkit writes it (at most 6 decimals). */
export const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

const rgbCache = new Map<string, string>();
/** The three components of a #rrggbb (or #rgb) colour as PDF operands; black for anything else. */
export function rgb(color: string): string {
  let v = rgbCache.get(color);
  if (v !== undefined) return v;
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color);
  const hex = m ? (m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1]) : '000000';
  v = [0, 2, 4].map((i) => num(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');
  rgbCache.set(color, v);
  return v;
}

/** A token encoded in one document's subset. */
interface Encoded {
  hex: string[];
  /** Kerning adjustment after each glyph (thousandths of an em; 0 for none). */
  adjust: number[];
  xAdvance: number[];
  xOffset: number[] | null;
  yOffset: number[] | null;
}

const SPACE = /( )/;

export class TextWriter {
  private readonly fonts = new Map<string, EmbeddedFont>();
  private readonly encoded = new Map<string, Map<string, Encoded>>();
  /** The fallback fonts registered in this document so far (registered on first use). */
  private readonly registered = new Set<string>();

  constructor(
    private readonly doc: Doc,
    private readonly register: (name: FontName) => void,
  ) {}

  /** pdfkit's font object for a font name (registering a fallback font on first use). */
  font(name: FontName): EmbeddedFont {
    let f = this.fonts.get(name);
    if (!f) {
      if (!this.registered.has(name)) {
        this.register(name);
        this.registered.add(name);
      }
      f = embeddedFont(this.doc, name);
      reuseFontFiles(f);
      this.fonts.set(name, f);
    }
    return f;
  }

  private encode(name: FontName, token: string): Encoded {
    let byToken = this.encoded.get(name);
    if (!byToken) this.encoded.set(name, (byToken = new Map()));
    let e = byToken.get(token);
    if (e) return e;
    const s = shape(name, token);
    const hex = includeGlyphs(this.font(name), s.glyphs);
    const adjust = new Array<number>(s.positions.length);
    const xAdvance = new Array<number>(s.positions.length);
    let xOffset: number[] | null = null;
    let yOffset: number[] | null = null;
    for (let i = 0; i < s.positions.length; i++) {
      const p = s.positions[i];
      adjust[i] = p.xAdvance - p.advanceWidth;
      xAdvance[i] = p.xAdvance;
      if (p.xOffset || p.yOffset) {
        xOffset ??= new Array<number>(s.positions.length).fill(0);
        yOffset ??= new Array<number>(s.positions.length).fill(0);
        xOffset[i] = p.xOffset;
        yOffset[i] = p.yOffset;
      }
    }
    e = { hex, adjust, xAdvance, xOffset, yOffset };
    if (token.length <= 200) byToken.set(token, e);
    return e;
  }

  /**
   * The operators that draw `item` with its left end at `x` and its baseline at `baseline`, in
   * PDF user space (origin at the bottom left: the caller has flipped pdfkit's axes).
   * `wordSpacing` is added after each breaking space.
   */
  itemOps(item: LineItem, x: number, baseline: number, wordSpacing: number): string {
    const run = item.run;
    const font = this.font(run.font);
    useFontOnPage(this.doc, font);
    // The glyphs of an item do not depend on where it is drawn: a table cell repeated on every
    // sheet is encoded once.
    const known = (item as Cached)[TJ];
    if (known && known.writer === this && known.wordSpacing === wordSpacing) {
      return `BT 1 0 0 1 ${num(x)} ${num(baseline + run.rise)} Tm ${known.ops}`;
    }
    const size = run.size;
    const scale = size / 1000;
    const extra = wordSpacing ? (wordSpacing * 1000) / size : 0;
    const y = baseline + run.rise;
    const out: string[] = [`BT 1 0 0 1 ${num(x)} ${num(y)} Tm /${font.id} ${num(size)} Tf ${rgb(run.color)} rg`];
    const parts: string[] = [];
    let seg = '';
    let cx = x;
    let moved = false;
    let offsets = false;
    const flush = () => {
      if (seg) parts.push(`<${seg}>`);
      seg = '';
      if (parts.length) out.push(`[${parts.join(' ')}] TJ`);
      parts.length = 0;
    };
    for (const token of item.text.split(SPACE)) {
      if (token === '') continue;
      const e = this.encode(run.font, token);
      const isSpace = token === ' ';
      for (let i = 0; i < e.hex.length; i++) {
        if (e.xOffset && (e.xOffset[i] || e.yOffset![i])) {
          // A glyph off its place: drawn on its own at its offset, then the line resumes.
          flush();
          out.push(`1 0 0 1 ${num(cx + e.xOffset[i] * scale)} ${num(y + e.yOffset![i] * scale)} Tm [<${e.hex[i]}>] TJ`);
          moved = true;
          offsets = true;
        } else {
          if (moved) {
            flush();
            out.push(`1 0 0 1 ${num(cx)} ${num(y)} Tm`);
            moved = false;
          }
          seg += e.hex[i];
          const adj = e.adjust[i] + (isSpace ? extra : 0);
          if (adj !== 0) {
            parts.push(`<${seg}> ${num(-adj)}`);
            seg = '';
          }
        }
        cx += (e.xAdvance[i] + (isSpace ? extra : 0)) * scale;
      }
    }
    flush();
    out.push('ET');
    const ops = out.join(' ');
    if (!offsets) (item as Cached)[TJ] = { writer: this, wordSpacing, ops: ops.slice(ops.indexOf(' Tm ') + 4) };
    return ops;
  }
}

const TJ = Symbol('coop.tj');
type Cached = LineItem & { [TJ]?: { writer: TextWriter; wordSpacing: number; ops: string } };
