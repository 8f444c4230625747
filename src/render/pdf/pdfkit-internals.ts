/**
 * Typed access to the pdfkit 0.20 and fontkit 2 internals the engine relies on, in one place:
 * every cast to a private shape is here, so an upgrade of either package is checked against
 * this file alone (pdfkit is a 0.x package: its minors break).
 *
 * What is used, and why:
 * - a document's embedded fonts (`_font`, `_fontFamilies`): the engine writes its own text
 *   operators (one `TJ` per line piece) with glyphs encoded into pdfkit's per-document subset,
 *   so that measuring and drawing share one shaping and one line layout;
 * - a page's resources (`page.fonts`, `page.xobjects`): fonts used by those operators, and the
 *   form XObject that prints the page total in every footer;
 * - a reference's dictionary (`data`): the form XObject's resources;
 * - fontkit's parsed font (`layout`, `getGlyph`, metrics): words are shaped once per process.
 */

import { create as fontkitCreate } from 'fontkit';
import { deflateSync } from 'node:zlib';

type Doc = PDFKit.PDFDocument;

/** A glyph position as pdfkit keeps it (thousandths of the font size, `advanceWidth` added by pdfkit). */
export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** The parsed fontkit font (fontkit ships no types). */
export interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  numGlyphs: number;
  /** `script`: an OpenType script tag, instead of the one fontkit finds in the text. */
  layout(text: string, features?: undefined, script?: string): { glyphs: FontkitGlyph[]; positions: Array<Record<string, number>>; advanceWidth: number };
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** pdfkit's EmbeddedFont, as much of it as coop uses. */
export interface EmbeddedFont {
  id: string;
  name: string;
  ascender: number;
  descender: number;
  lineGap: number;
  font: FontkitFont;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  encode(text: string): [string[], GlyphPosition[]];
  widthOfString(text: string, size: number): number;
}

interface DocInternals {
  _font: EmbeddedFont | null;
  _fontSize: number;
  _fontFamilies: Record<string, EmbeddedFont | undefined>;
  page: { height: number; width: number; fonts: Record<string, unknown>; xobjects: Record<string, unknown> };
}

const internals = (doc: Doc) => doc as unknown as DocInternals;

/** A TTF file parsed by fontkit (which ships no types). */
export function parseFont(bytes: Uint8Array): FontkitFont {
  return fontkitCreate(bytes) as unknown as FontkitFont;
}

/** The parts of fontkit's font object `lazyPostTable` reaches into. */
interface FontkitTables {
  directory: { tables: Record<string, { tag: string; offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  _decodeTable(entry: { tag: string; offset: number; length: number }): Record<string, unknown>;
  stream: { buffer: Uint8Array };
}

/** The fields of a `post` table after its header, which only glyph names need. */
const POST_TAIL = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;

/**
 * fontkit decodes a whole table on first access, and pdfkit reads `post.isFixedPitch` and
 * `italicAngle` when it writes a font's descriptor: for DejaVu that decodes the names of
 * 6,000 glyphs, one small Buffer each (a sixth of a seminar's build, profiled). This puts the
 * table's 32-byte header in fontkit's table cache instead, with the same values, and leaves
 * the rest (glyph names, which PDFs do not use) to be decoded by fontkit on first access.
 */
export function lazyPostTable(font: FontkitFont): void {
  const f = font as unknown as FontkitTables;
  const entry = f.directory.tables.post;
  if (!entry || entry.length < 32 || 'post' in f._tables) return;
  const b = f.stream.buffer;
  const view = new DataView(b.buffer, b.byteOffset + entry.offset, 32);
  const header: Record<string, unknown> = {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let full: Record<string, unknown> | undefined;
  for (const key of POST_TAIL) {
    Object.defineProperty(header, key, {
      enumerable: true,
      get: () => (full ??= f._decodeTable(entry))[key],
    });
  }
  f._tables.post = header;
}

/** What pdfkit accepts as a font source besides a path: a parsed fontkit font. */
export function asFontSource(font: FontkitFont): string {
  return font as unknown as string;
}

/**
 * pdfkit's embedded font for a registered name, without changing the document's current font
 * and size (pdfkit only offers `font(name)`, which makes it current).
 */
export function embeddedFont(doc: Doc, name: string): EmbeddedFont {
  const state = internals(doc);
  const saved = { font: state._font, size: state._fontSize };
  doc.font(name);
  const font = state._font as EmbeddedFont;
  state._font = saved.font;
  state._fontSize = saved.size;
  return font;
}

/**
 * Record the document's default font (a parsed font given as `font:`) under `name`: pdfkit
 * otherwise re-opens it and compares name tables on every `font(name)`, without remembering it.
 */
export function aliasDefaultFont(doc: Doc, name: string): void {
  const state = internals(doc);
  if (state._font) state._fontFamilies[name] = state._font;
}

interface FontFileRef {
  data: Record<string, unknown>;
  compress: boolean;
  end(chunk?: Uint8Array): void;
}

/** The parts of pdfkit's EmbeddedFont and document `reuseFontFiles` reaches into. */
interface Embedding {
  document: { ref(data?: object): FontFileRef; _security?: unknown };
  subset: { glyphs: number[]; encode(): Uint8Array };
  font: FontkitFont;
  embed(): void;
}

/** Font files (subset, then deflated) already written by this process, by font and glyph list. */
const fontFileCache = new WeakMap<FontkitFont, Map<string, { raw: Uint8Array; deflated: Uint8Array }>>();
const reusing = new WeakSet<Embedding>();
/** Glyph lists kept per font before starting afresh. */
const MAX_FONT_FILES = 64;

/**
 * Write `font`'s subset as a document of this process already wrote the same subset (same
 * font, same glyphs in the same order: a watching build, many events in one build): the
 * TrueType subset and its deflated stream are taken from memory instead of made again (with
 * pdfkit, fontkit's subset encoding and the deflate were a fifth of a rebuild, profiled).
 * The bytes written are those pdfkit writes: the same subset, deflated by the same zlib call,
 * under the same dictionary (Length, then Filter).
 */
export function reuseFontFiles(font: EmbeddedFont): void {
  const f = font as unknown as Embedding;
  if (reusing.has(f)) return;
  reusing.add(f);
  const embed = f.embed.bind(f);
  f.embed = () => {
    const doc = f.document;
    if (doc._security) return embed();
    let byGlyphs = fontFileCache.get(f.font);
    if (!byGlyphs) fontFileCache.set(f.font, (byGlyphs = new Map()));
    const key = f.subset.glyphs.join(',');
    let file = byGlyphs.get(key);
    if (!file) {
      const raw = f.subset.encode();
      file = { raw, deflated: deflateSync(raw) };
      if (byGlyphs.size >= MAX_FONT_FILES) byGlyphs.clear();
      byGlyphs.set(key, file);
    }
    const { raw, deflated } = file;
    const subset = f.subset;
    const encode = subset.encode;
    subset.encode = () => raw;
    // The first object pdfkit's embed() makes is the font file: its stream is ended with the subset.
    const ref = doc.ref;
    doc.ref = (data?: object) => {
      doc.ref = ref;
      const r = ref.call(doc, data);
      if (r.compress) {
        const end = r.end.bind(r);
        r.end = (chunk?: Uint8Array) => {
          if (chunk !== raw) return end(chunk);
          r.data.Length = 0;
          r.data.Filter = 'FlateDecode';
          r.compress = false;
          end(deflated);
        };
      }
      return r;
    };
    try {
      embed();
    } finally {
      delete (doc as { ref?: unknown }).ref;
      if (doc.ref !== ref) doc.ref = ref;
      subset.encode = encode;
    }
  };
}

/** Make `font` usable in the current page's content (its resource entry). */
export function useFontOnPage(doc: Doc, font: EmbeddedFont): void {
  const fonts = internals(doc).page.fonts;
  if (fonts[font.id] == null) fonts[font.id] = font.ref();
}

/** Put a form XObject in the current page's resources under `name`. */
export function useXObjectOnPage(doc: Doc, name: string, ref: PDFKit.PDFKitReference): void {
  internals(doc).page.xobjects[name] = ref;
}

/** The dictionary of an indirect object pdfkit made (`doc.ref(...)`). */
export function refData(ref: PDFKit.PDFKitReference): Record<string, unknown> {
  return (ref as unknown as { data: Record<string, unknown> }).data;
}

/**
 * Glyphs (laid out by `font`'s fontkit font) included in the document's subset:
 * their subset ids as 4-digit hex, as pdfkit's EmbeddedFont.encode does, with its width and
 * ToUnicode bookkeeping.
 */
export function includeGlyphs(font: EmbeddedFont, glyphs: readonly FontkitGlyph[]): string[] {
  const scale = 1000 / font.font.unitsPerEm;
  const out: string[] = new Array(glyphs.length);
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i];
    const gid = font.subset.includeGlyph(glyph.id);
    out[i] = `0000${gid.toString(16)}`.slice(-4);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
  }
  return out;
}

/** Tagged PDF (see structure.ts): pdfkit's structure tree root (written by pdfkit at the end). */
export function structTreeRoot(doc: Doc): { data: Record<string, unknown> } {
  return doc.getStructTreeRoot() as unknown as { data: Record<string, unknown> };
}

/** What pdfkit's `annotate` hands its `structParent`: the annotation's reference. */
export interface AnnotationReference {
  annotationRef: PDFKit.PDFKitReference;
}

/** A reference's dictionary, writable (pdfkit's types only list a few keys). */
export function dictOf(ref: PDFKit.PDFKitReference): Record<string, unknown> {
  return ref.data as unknown as Record<string, unknown>;
}

interface Writer {
  _offset: number;
  _offsets: Array<number | null>;
  _waiting: number;
  _write(data: Uint8Array | string): void;
  _refEnd(ref: { id: number; offset: number }): void;
}

/** A new object number, as `doc.ref()` gives, without a pdfkit reference object (see `writeObjects`). */
export function newObjectId(doc: Doc): number {
  const w = doc as unknown as Writer;
  w._offsets.push(null);
  w._waiting++;
  return w._offsets.length;
}

/**
 * Write objects numbered by `newObjectId` (or `doc.ref()`, never ended by pdfkit) in one piece:
 * `bytes` holds them serialised one after the other (`N 0 obj … endobj`), object `ids[i]`
 * starting at `starts[i]`; their offsets are recorded for the cross-reference table, as
 * pdfkit's PDFReference.finalize does one object at a time.
 */
export function writeObjects(doc: Doc, bytes: Uint8Array, ids: ArrayLike<number>, starts: ArrayLike<number>): void {
  const w = doc as unknown as Writer;
  if (ids.length === 0) return;
  const base = w._offset;
  w._write(bytes);
  for (let i = 0; i < ids.length; i++) w._refEnd({ id: ids[i], offset: base + starts[i] });
}

/**
 * Write the cross-reference table in one piece: pdfkit's `_finalize` writes it one line (one
 * buffer, one stream chunk) per object, which costs more than the objects themselves in a
 * tagged PDF of thousands of structure elements. The lines written are the same; they are
 * gathered and pushed as one chunk just before the end of the stream.
 */
export function writeXrefInOnePiece(doc: Doc): void {
  const d = doc as unknown as Writer & { _finalize(): void; push(chunk: Uint8Array | null): boolean };
  const finalize = d._finalize;
  d._finalize = function (this: typeof d) {
    const write = this._write;
    const parts: string[] = [];
    // As pdfkit's own `_write`: a string is written as Latin-1 (its ASCII here), with a newline.
    this._write = (data: Uint8Array | string) => {
      parts.push(typeof data === 'string' ? `${data}\n` : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
    };
    const push = this.push;
    this.push = (chunk: Uint8Array | null) => {
      if (chunk !== null) return push.call(this, chunk);
      this._write = write;
      this.push = push;
      write.call(this, Buffer.from(parts.join(''), 'latin1'));
      return push.call(this, null);
    };
    finalize.call(this);
  };
}

interface PdfkitImage {
  label: string;
  obj: PDFKit.PDFKitReference | null;
  embed(doc: Doc): void;
}

/**
 * An image (PNG, JPEG bytes) as an XObject of the current page, embedded once per document
 * (pdfkit's `openImage`, keyed by the bytes): its resource name, for coop's own `Do` operator.
 */
export function useImageOnPage(doc: Doc, bytes: Uint8Array): string {
  const d = doc as unknown as { openImage(src: Buffer): PdfkitImage; _coopImages?: WeakMap<Uint8Array, PdfkitImage> };
  const cache = (d._coopImages ??= new WeakMap());
  let image = cache.get(bytes);
  if (!image) {
    image = d.openImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    cache.set(bytes, image);
  }
  if (!image.obj) image.embed(doc);
  internals(doc).page.xobjects[image.label] = image.obj;
  return image.label;
}

/**
 * A link annotation's options with its structure parent (PDF/UA: a link annotation belongs to
 * its `Link` element) and its `Contents` (the address, as a PDF string): pdfkit passes both
 * through, its types know neither.
 */
export function linkAnnotationOptions(structParent: { add(a: AnnotationReference): void }, url: string): PDFKit.Mixins.AnnotationOption {
  return { structParent, Contents: new String(url) } as unknown as PDFKit.Mixins.AnnotationOption;
}
