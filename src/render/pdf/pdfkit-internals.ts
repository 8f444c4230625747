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
 * - fontkit's parsed font (`layout`, `getGlyph`, metrics): words are shaped once per process;
 * - the document's writer (`_write`, `_offsets`, `_refEnd`, `_finalize`) and PDFReference's
 *   `finalize`: dictionaries go into object streams and the cross-reference table is written as
 *   a stream (`packObjects`), the structure elements without a pdfkit reference each.
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
      const raw = encodeSubset(f.subset as unknown as TtfSubset);
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

/** fontkit's parsed TrueType font, as much of it as `encodeSubset` reads. */
interface TtfFont {
  directory: { tables: Record<string, unknown> };
  _variationProcessor?: unknown;
  loca: { offsets: number[]; version: number };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(id: number): {
    advanceWidth: number;
    _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null;
    _getMetrics(): { leftBearing: number };
  };
  createSubset(): TtfSubset;
}

/** fontkit's TTFSubset: the glyph ids in subset order (growing while composite glyphs are written). */
interface TtfSubset {
  font: TtfFont;
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  _addGlyph?: unknown;
}

/** One glyph as a subset writes it: its `glyf` bytes, the places of its components' ids, its metrics. */
interface GlyphPiece {
  bytes: Uint8Array;
  components: Array<{ id: number; pos: number }> | null;
  advance: number;
  bearing: number;
}

/** What every subset of a font shares: the tables copied whole (head, cvt, prep, fpgm), hhea and maxp to patch, and its glyphs read so far. */
interface SubsetPieces {
  tables: Map<string, Uint8Array>;
  glyphs: Map<number, GlyphPiece>;
  shortLoca: boolean;
}

const subsetPieces = new WeakMap<object, SubsetPieces | null>();
/** The tables of a TrueType subset, in the order fontkit writes them (TTFSubset.encode). */
const SUBSET_TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

/** The tables of an sfnt file fontkit wrote, by tag (its directory: 12 bytes, then 16 per table). */
function sfntTables(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const offset = view.getUint32(at + 8);
    tables.set(tag, bytes.subarray(offset, offset + view.getUint32(at + 12)));
  }
  return tables;
}

/**
 * A font's shared subset pieces, made from fontkit's own subset of glyph 0; null for a font
 * fontkit subsets another way (CFF outlines, variations), which `encodeSubset` leaves to it.
 */
function piecesOf(font: TtfFont): SubsetPieces | null {
  let pieces = subsetPieces.get(font);
  if (pieces !== undefined) return pieces;
  pieces = null;
  const probe = font.createSubset();
  if (typeof probe._addGlyph === 'function' && font.directory.tables.glyf && !font._variationProcessor) {
    const tables = sfntTables(probe.encode());
    pieces = { tables, glyphs: new Map(), shortLoca: font.loca.version === 0 };
  }
  subsetPieces.set(font, pieces);
  return pieces;
}

/** A glyph as TTFSubset._addGlyph reads it, once per font and glyph. */
function pieceOf(font: TtfFont, pieces: SubsetPieces, id: number): GlyphPiece {
  let piece = pieces.glyphs.get(id);
  if (piece) return piece;
  const glyph = font.getGlyph(id);
  const glyf = glyph._decode();
  const start = font.loca.offsets[id];
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = stream.readBuffer(font.loca.offsets[id + 1] - start);
  const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ id: c.glyphID, pos: c.pos })) : null;
  piece = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
  pieces.glyphs.set(id, piece);
  return piece;
}

/**
 * `subset.encode()`, the TrueType font file of a document's subset, with the same bytes and
 * the same effect on the subset (a composite glyph's components join it), made from pieces
 * read once per process: each glyph's outline and metrics, and the tables every subset of
 * the font shares. fontkit decodes every glyph of every subset and writes the tables value
 * by value (the font program, `prep`, is 1,384 bytes written one by one in each subset of
 * DejaVu): with twenty events in one build that was 8 % of the work, profiled. The file is
 * laid out as fontkit's Directory writes it: the tables in TTFSubset's order, without
 * padding, checksums left at 0. test/fonts.test.ts compares the two on every font coop ships.
 */
export function encodeSubset(subset: TtfSubset): Uint8Array {
  const font = subset.font;
  const pieces = piecesOf(font);
  if (!pieces) return subset.encode();
  const glyphs: Uint8Array[] = [];
  const metrics: GlyphPiece[] = [];
  let glyfLength = 0;
  // subset.glyphs grows as composite glyphs include their components, as in fontkit.
  for (let i = 0; i < subset.glyphs.length; i++) {
    const piece = pieceOf(font, pieces, subset.glyphs[i]);
    let bytes = piece.bytes;
    if (piece.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const c of piece.components) view.setUint16(c.pos, subset.includeGlyph(c.id));
    }
    glyphs.push(bytes);
    metrics.push(piece);
    glyfLength += bytes.length;
  }
  const n = glyphs.length;
  const locaLength = (n + 1) * (pieces.shortLoca ? 2 : 4);
  const lengths = new Map<string, number>();
  for (const tag of SUBSET_TABLES) {
    if (tag === 'loca') lengths.set(tag, locaLength);
    else if (tag === 'glyf') lengths.set(tag, glyfLength);
    else if (tag === 'hmtx') lengths.set(tag, 4 * n);
    else if (pieces.tables.has(tag)) lengths.set(tag, pieces.tables.get(tag)!.length);
  }
  const numTables = lengths.size;
  let size = 12 + 16 * numTables;
  for (const l of lengths.values()) size += l;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  // The directory, as fontkit's Directory.preEncode fills it.
  const maxPowerOf2 = Math.pow(2, Math.floor(Math.log(numTables) / Math.LN2));
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  view.setUint16(4, numTables);
  view.setUint16(6, maxPowerOf2 * 16);
  view.setUint16(8, Math.log(maxPowerOf2) / Math.LN2);
  view.setUint16(10, numTables * 16 - maxPowerOf2 * 16);
  let entry = 12;
  let at = 12 + 16 * numTables;
  for (const [tag, length] of lengths) {
    for (let k = 0; k < 4; k++) out[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, length);
    entry += 16;
    if (tag === 'loca') {
      let offset = 0;
      for (let g = 0; g <= n; g++) {
        if (pieces.shortLoca) view.setUint16(at + 2 * g, offset >>> 1);
        else view.setUint32(at + 4 * g, offset);
        if (g < n) offset += glyphs[g].length;
      }
    } else if (tag === 'glyf') {
      let p = at;
      for (const g of glyphs) {
        out.set(g, p);
        p += g.length;
      }
    } else if (tag === 'hmtx') {
      for (let g = 0; g < n; g++) {
        view.setUint16(at + 4 * g, metrics[g].advance);
        view.setInt16(at + 4 * g + 2, metrics[g].bearing);
      }
    } else {
      out.set(pieces.tables.get(tag)!, at);
      // maxp.numGlyphs and hhea.numberOfMetrics: the subset's glyph count (TTFSubset.encode).
      if (tag === 'maxp') view.setUint16(at + 4, n);
      if (tag === 'hhea') view.setUint16(at + 34, n);
    }
    at += length;
  }
  return out;
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
 * Write objects numbered by `newObjectId` (never ended by pdfkit) into the document's object
 * streams (see `packObjects`, which must be installed): `bytes` holds their bodies one after the
 * other (a dictionary each, without `N 0 obj` and `endobj`, followed by a newline), object
 * `ids[i]` from `starts[i]` to `starts[i + 1]` (`starts` has one more entry than `ids`).
 */
export function writeObjects(doc: Doc, bytes: Uint8Array, ids: ArrayLike<number>, starts: ArrayLike<number>): void {
  const d = doc as unknown as PackingDoc;
  const packer = d[PACKER];
  if (!packer) throw new Error('writeObjects: the document does not write object streams (packObjects)');
  packer.addRun(bytes, ids, starts);
  for (let i = 0; i < ids.length; i++) d._refEnd({ id: ids[i], offset: 0 });
}

/** Objects gathered into one object stream, at most (qpdf's choice too: a reader inflates a whole stream to read one). */
const OBJECTS_PER_STREAM = 100;

const PACKER = Symbol.for('coop.objectStreams');

/** pdfkit's PDFReference, as much of it as `packObjects` uses. */
interface PdfkitRef {
  document: PackingDoc;
  id: number;
  buffer: unknown[];
  finalize(): void;
}

/** pdfkit's document, as much of it as `packObjects` uses. */
interface PackingDoc extends Writer {
  [PACKER]?: ObjectPacker;
  _security: unknown;
  _root: PdfkitRef;
  _info: PdfkitRef;
  _id: Uint8Array;
  _finalize(): void;
  push(chunk: Uint8Array | null): boolean;
}

/**
 * The document's non-stream objects, gathered into object streams of `OBJECTS_PER_STREAM`
 * (PDF 1.5, ISO 32000-1 7.5.7), each deflated; where each object is, for the cross-reference
 * stream.
 */
class ObjectPacker {
  /** Objects waiting for an object stream: their numbers, and their bodies (each followed by a newline) one after the other. */
  private ids: number[] = [];
  private offsets: number[] = [];
  private pending = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** For each object number: the object stream holding it (0: none), and its index there. */
  private streamOf = new Int32Array(4096);
  private indexIn = new Uint16Array(4096);

  constructor(private readonly doc: PackingDoc) {}

  /** A dictionary pdfkit serialised (its bytes between `N 0 obj` and `endobj`). */
  add(id: number, body: Uint8Array): void {
    this.take(id, body);
    this.pending[this.used++] = 10;
    if (this.ids.length >= OBJECTS_PER_STREAM) this.flush();
  }

  /** Objects serialised one after the other in `bytes`, each followed by whitespace (see `writeObjects`). */
  addRun(bytes: Uint8Array, ids: ArrayLike<number>, starts: ArrayLike<number>): void {
    for (let i = 0; i < ids.length; i++) {
      this.take(ids[i], bytes.subarray(starts[i], starts[i + 1]));
      if (this.ids.length >= OBJECTS_PER_STREAM) this.flush();
    }
  }

  private take(id: number, body: Uint8Array): void {
    if (this.used + body.length + 1 > this.pending.length) {
      const next = Buffer.allocUnsafe(Math.max(this.pending.length * 2, this.used + body.length + 1));
      this.pending.copy(next, 0, 0, this.used);
      this.pending = next;
    }
    this.ids.push(id);
    this.offsets.push(this.used);
    this.pending.set(body, this.used);
    this.used += body.length;
  }

  /** Write the objects gathered as one object stream. */
  flush(): void {
    if (this.ids.length === 0) return;
    this.write(this.ids, this.offsets, this.pending.subarray(0, this.used));
    this.ids = [];
    this.offsets = [];
    this.used = 0;
  }

  /** One object stream: objects `ids`, each at its offset in `data`. */
  private write(ids: number[], offsets: number[], data: Uint8Array): void {
    const d = this.doc;
    let header = '';
    for (let i = 0; i < ids.length; i++) header += `${ids[i]} ${offsets[i]}${i + 1 < ids.length ? ' ' : '\n'}`;
    const deflated = deflateSync(Buffer.concat([Buffer.from(header, 'latin1'), data]));
    const id = d._offsets.push(null);
    d._offsets[id - 1] = d._offset;
    const last = ids.reduce((a, b) => Math.max(a, b), 0);
    if (last >= this.streamOf.length) {
      const size = Math.max(last + 1, this.streamOf.length * 2);
      const streamOf = new Int32Array(size);
      const indexIn = new Uint16Array(size);
      streamOf.set(this.streamOf);
      indexIn.set(this.indexIn);
      this.streamOf = streamOf;
      this.indexIn = indexIn;
    }
    for (let i = 0; i < ids.length; i++) {
      this.streamOf[ids[i]] = id;
      this.indexIn[ids[i]] = i;
    }
    const dict = `${id} 0 obj\n<</Type /ObjStm /N ${ids.length} /First ${header.length} /Length ${deflated.length} /Filter /FlateDecode>>\nstream\n`;
    d._write(Buffer.concat([Buffer.from(dict, 'latin1'), deflated, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  }

  /**
   * The cross-reference stream (ISO 32000-1 7.5.8), which also holds the trailer's entries, and
   * the end of the file: written instead of pdfkit's table and trailer.
   */
  finish(): void {
    this.flush();
    const d = this.doc;
    const id = d._offsets.push(null);
    const start = d._offset;
    d._offsets[id - 1] = start;
    const size = d._offsets.length + 1;
    // Field 2 is an offset (type 1) or an object stream's number (type 2); field 3 an index or a generation.
    const w2 = bytesFor(Math.max(start, size));
    const w = 1 + w2 + 2;
    const table = Buffer.alloc(size * w);
    table.writeUInt16BE(65535, w - 2); // object 0: the head of the free list
    for (let n = 1; n < size; n++) {
      const at = n * w;
      const stream = n < this.streamOf.length ? this.streamOf[n] : 0;
      if (stream > 0) {
        table[at] = 2;
        table.writeUIntBE(stream, at + 1, w2);
        table.writeUInt16BE(this.indexIn[n], at + 1 + w2);
      } else {
        const offset = d._offsets[n - 1];
        if (offset == null) continue; // a number never written: a free entry (type 0, all zero)
        table[at] = 1;
        table.writeUIntBE(offset, at + 1, w2);
      }
    }
    // Each row as the difference from the row above (PNG's Up predictor): offsets that grow and
    // indexes that count compress to almost nothing (850,000 entries: 1.8 MB deflated without).
    const rows = Buffer.alloc(size * (w + 1));
    for (let n = 0; n < size; n++) {
      const at = n * w;
      const to = n * (w + 1);
      rows[to] = 2;
      for (let i = 0; i < w; i++) rows[to + 1 + i] = (table[at + i] - (n > 0 ? table[at - w + i] : 0)) & 0xff;
    }
    const data = deflateSync(rows);
    const fileId = Buffer.from(d._id).toString('hex');
    const dict =
      `${id} 0 obj\n<</Type /XRef /Size ${size} /W [1 ${w2} 2] /Root ${d._root.id} 0 R /Info ${d._info.id} 0 R` +
      ` /ID [<${fileId}> <${fileId}>] /Length ${data.length} /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns ${w}>>>>\nstream\n`;
    d._write(Buffer.concat([Buffer.from(dict, 'latin1'), data, Buffer.from(`\nendstream\nendobj\nstartxref\n${start}\n%%EOF\n`, 'latin1')]));
    d.push(null);
  }
}

/** Bytes needed for a non-negative integer (at least one). */
function bytesFor(n: number): number {
  let b = 1;
  while (n >= 256 ** b) b++;
  return b;
}

/**
 * Write every non-stream object of `doc` (pdfkit's dictionaries: pages, fonts, annotations,
 * the catalog; coop's structure elements through `writeObjects`) into object streams, and the
 * cross-reference table as a stream (PDF 1.5; allowed by PDF/A-2 and PDF/UA-1): a tagged
 * document has one small object per structure element, hundreds of thousands in a 5,000-page
 * sign-in sheet, whose plain text and 20-byte cross-reference lines made most of the file.
 * Streams (content, fonts, images, metadata) are written by pdfkit as before. A document must
 * declare PDF 1.5 or later; coop encrypts no document, and an encrypted one is refused.
 */
export function packObjects(doc: Doc): void {
  const d = doc as unknown as PackingDoc;
  if (d._security) throw new Error('packObjects: object streams of an encrypted document are not supported');
  const packer = new ObjectPacker(d);
  d[PACKER] = packer;
  d._finalize = () => packer.finish();
  patchReferences(Object.getPrototypeOf(d._root) as PdfkitRef & { [PACKER]?: boolean });
}

/**
 * pdfkit's PDFReference, once per process: a dictionary (an object without stream content) of
 * a document that packs its objects goes to its object streams, its bytes being those pdfkit
 * writes between `N 0 obj` and `endobj`; any other object is written by pdfkit as before.
 */
function patchReferences(proto: PdfkitRef & { [PACKER]?: boolean }): void {
  if (proto[PACKER]) return;
  const finalize = proto.finalize;
  proto.finalize = function (this: PdfkitRef) {
    const d = this.document;
    const packer = d[PACKER];
    if (!packer || this.buffer.length > 0) return finalize.call(this);
    const { _write: write, _refEnd: refEnd } = d;
    const parts: Array<string | Uint8Array> = [];
    d._write = (data) => void parts.push(data);
    d._refEnd = () => {};
    try {
      finalize.call(this);
    } finally {
      d._write = write;
      d._refEnd = refEnd;
    }
    // pdfkit wrote `N 0 obj`, the dictionary, `endobj`; a string is written as Latin-1 (its ASCII here).
    const body = parts[1];
    packer.add(this.id, typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    d._refEnd({ id: this.id, offset: 0 });
  };
  proto[PACKER] = true;
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
