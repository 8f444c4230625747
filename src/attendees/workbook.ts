/**
 * Workbooks (`.xlsx`, `.ods`) as a grid of cell texts, as the spreadsheet shows them.
 *
 * Both formats are zip files of XML: fflate inflates only the parts needed (with a bound on
 * their declared and actual size, so a zip bomb is refused before it is inflated), and
 * fast-xml-parser reads them (documents with a DOCTYPE are refused: neither format uses one,
 * and entity declarations are how XML bombs work).
 *
 * - xlsx: the workbook's sheet list, shared strings, number formats and the sheet itself;
 *   numbers and dates go through their cell's number format with numfmt, in the event's
 *   language (built-in format 14 is "19/05/2016" in French, as French Excel shows it).
 * - ods: a cell's shown text is stored in the file (`text:p`), so it is taken as is.
 *
 * Only the chosen sheet is parsed: the first visible one, or the one `sheet:` names.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import * as numfmt from 'numfmt';
import { tx } from '../i18n.js';
import { stageMessage, type MessageData, type Said } from '../diagnostics/types.js';
import { attendeeSizeMessages, spreadsheetMessages } from './messages.js';
// The sniffing lives apart so that reading a CSV never loads fflate, fast-xml-parser and numfmt.
export { sniffWorkbook } from './sniff.js';

export interface Cell {
  /** 1-based column (A = 1). */
  col: number;
  text: string;
}

export interface Row {
  /** 1-based row number, as the spreadsheet numbers it. */
  row: number;
  cells: Cell[];
}

export interface SheetChoice {
  /** A sheet name, or its 1-based position among the workbook's tabs. */
  sheet: string | number | null;
  locale: 'fr' | 'en';
  /** Largest inflated size of the parts read, in bytes. */
  maxBytes: number;
  /** Most non-empty cells read (a repeated cell counts once per repetition). */
  maxCells: number;
}

export type WorkbookResult =
  | { format: 'xlsx' | 'ods'; sheets: string[]; name: string; rows: Row[] }
  | { problem: Said; rule: 'syntax/spreadsheet' | 'syntax/size'; row?: number; col?: number }
  | { unknownSheet: string | number; sheets: string[] };

/** Default bounds: an attendee list of 10,000 rows and 20 columns is ~200,000 cells and ~15 MB of XML. */
export const SHEET_LIMITS = { maxBytes: 64 * 1024 * 1024, maxCells: 500_000 };

class Refusal extends Error {
  constructor(
    readonly said: Said,
    readonly rule: 'syntax/spreadsheet' | 'syntax/size' = 'syntax/spreadsheet',
    readonly row?: number,
    readonly col?: number,
  ) {
    super(said.message.en);
  }
}

/** A workbook coop cannot read (`syntax/spreadsheet`). */
const unreadable = (id: keyof typeof spreadsheetMessages, data?: MessageData) => new Refusal(stageMessage('syntax/spreadsheet', spreadsheetMessages, id, data));

const mb = (n: number) => Math.round(n / 1024 / 1024);

/** The named parts of a zip, inflated; every other part is left compressed. */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean, maxBytes: number): Map<string, Uint8Array> {
  let declared = 0;
  let files: Record<string, Uint8Array>;
  const sizes = new Map<string, number>();
  try {
    files = unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (!wanted(f.name)) return false;
        declared += f.originalSize;
        // DEFLATE inflates at most ~1032 times: a larger claim is a lie, and a claim over the
        // bound is refused before fflate allocates room for it.
        if (declared > maxBytes || f.originalSize > f.size * 1032 + 1024) throw new Refusal(tooBig(maxBytes), 'syntax/size');
        sizes.set(f.name, f.originalSize);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof Refusal) throw err;
    throw unreadable('zipUnreadable', { error: err instanceof Error ? err.message : String(err) });
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    if (data.length !== sizes.get(name)) {
      throw unreadable('partWrongSize', { part: name });
    }
    out.set(name, data);
  }
  return out;
}

function tooBig(maxBytes: number): Said {
  return stageMessage('syntax/size', attendeeSizeMessages, 'inflatesTooMuch', { mb: String(mb(maxBytes)) });
}

// ---------------------------------------------------------------------------------------
// XML: a small ordered tree from fast-xml-parser's preserveOrder output, names without prefix.

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Text content, for text nodes (name '#text'). */
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // numeric character references (&#233;); named HTML ones do not occur in these files
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const local = (name: string) => name.slice(name.indexOf(':') + 1);

function parseXml(bytes: Uint8Array, part: string): XNode {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) {
    throw unreadable('forbiddenXml', { part });
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (err) {
    throw unreadable('xmlUnreadable', { part, error: err instanceof Error ? err.message : String(err) });
  }
  return { name: '#document', attrs: {}, children: convert(raw) };
}

function convert(list: unknown): XNode[] {
  if (!Array.isArray(list)) return [];
  const out: XNode[] = [];
  for (const item of list as Array<Record<string, unknown>>) {
    const attrs: Record<string, string> = {};
    const rawAttrs = item[':@'] as Record<string, unknown> | undefined;
    if (rawAttrs) for (const [k, v] of Object.entries(rawAttrs)) attrs[local(k)] = String(v);
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') out.push({ name: '#text', attrs, children: [], text: String(value) });
      else out.push({ name: local(key), attrs, children: convert(value) });
    }
  }
  return out;
}

const kids = (n: XNode | undefined, name: string) => (n ? n.children.filter((c) => c.name === name) : []);
const kid = (n: XNode | undefined, name: string) => n?.children.find((c) => c.name === name);
function find(n: XNode, path: string[]): XNode | undefined {
  let cur: XNode | undefined = n;
  for (const p of path) cur = kid(cur, p);
  return cur;
}
function textOf(n: XNode): string {
  if (n.name === '#text') return n.text ?? '';
  return n.children.map(textOf).join('');
}

/**
 * Cell text cleaned for printing: OOXML's `_x000D_` escapes decoded, control characters (which
 * could drive a terminal when a header is quoted in a message) removed, line breaks kept.
 */
export function cleanCell(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

// ---------------------------------------------------------------------------------------

function chooseSheet(
  names: Array<{ name: string; hidden: boolean }>,
  sheet: string | number | null,
): number | { unknownSheet: string | number; sheets: string[] } {
  const all = names.map((n) => n.name);
  if (sheet === null) {
    const visible = names.findIndex((n) => !n.hidden);
    return visible >= 0 ? visible : 0;
  }
  if (typeof sheet === 'number') return Number.isInteger(sheet) && sheet >= 1 && sheet <= names.length ? sheet - 1 : { unknownSheet: sheet, sheets: all };
  const exact = all.indexOf(sheet);
  if (exact >= 0) return exact;
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const loose = all.findIndex((n) => fold(n) === fold(sheet));
  return loose >= 0 ? loose : { unknownSheet: sheet, sheets: all };
}

/** Read a workbook's chosen sheet. `format` comes from the bytes (see `sniffWorkbook`). */
export function readWorkbook(bytes: Uint8Array, format: 'xlsx' | 'ods', choice: SheetChoice): WorkbookResult {
  try {
    return format === 'xlsx' ? readXlsx(bytes, choice) : readOds(bytes, choice);
  } catch (err) {
    if (err instanceof Refusal) return { problem: err.said, rule: err.rule, ...(err.row ? { row: err.row, col: err.col } : {}) };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// xlsx

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(parts: Map<string, Uint8Array>, part: string): Map<string, string> {
  const dir = part.split('/').slice(0, -1).join('/');
  const relsName = `${dir ? `${dir}/` : ''}_rels/${part.split('/').pop() ?? part}.rels`;
  const data = parts.get(relsName);
  const out = new Map<string, string>();
  if (!data) return out;
  for (const r of kids(kid(parseXml(data, relsName), 'Relationships'), 'Relationship')) out.set(r.attrs.Id, resolveTarget(part, r.attrs.Target ?? ''));
  return out;
}

function colNumber(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

function readXlsx(bytes: Uint8Array, choice: SheetChoice): WorkbookResult {
  // First pass: the small parts that say where the rest is.
  const meta = unzipParts(
    bytes,
    (n) => n.endsWith('.rels') || /^xl\/workbook\.xml$/i.test(n) || n === 'xl/styles.xml' || n === 'xl/sharedStrings.xml' || /workbook\.xml$/.test(n),
    choice.maxBytes,
  );
  const rootRels = relsOf(meta, '');
  const workbookPath = [...rootRels.values()].find((t) => /workbook\.xml$/i.test(t)) ?? 'xl/workbook.xml';
  const wbData = meta.get(workbookPath);
  if (!wbData) throw unreadable('noWorkbookPart');
  const wb = kid(parseXml(wbData, workbookPath), 'workbook');
  const date1904 = ['1', 'true'].includes(kid(wb, 'workbookPr')?.attrs.date1904 ?? '');
  const rels = relsOf(meta, workbookPath);
  const sheets = kids(kid(wb, 'sheets'), 'sheet').map((s) => ({
    name: cleanCell(s.attrs.name ?? ''),
    hidden: s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden',
    target: rels.get(s.attrs.id ?? '') ?? '',
  }));
  if (sheets.length === 0) throw unreadable('noSheet');
  const index = chooseSheet(sheets, choice.sheet);
  if (typeof index !== 'number') return index;
  const sheet = sheets[index];

  // Shared strings and number formats (paths from the workbook's relationships).
  const relPath = (suffix: string) => [...rels.values()].find((t) => t.toLowerCase().endsWith(suffix));
  const sstPath = relPath('sharedstrings.xml') ?? 'xl/sharedStrings.xml';
  const stylesPath = relPath('styles.xml') ?? 'xl/styles.xml';
  const second = unzipParts(
    bytes,
    (n) => n === sheet.target || ((n === sstPath || n === stylesPath) && !meta.has(n)),
    choice.maxBytes - [...meta.values()].reduce((a, b) => a + b.length, 0),
  );
  const part = (p: string) => meta.get(p) ?? second.get(p);
  const sheetData = part(sheet.target);
  if (!sheetData) throw unreadable('sheetMissing', { sheet: sheet.name });

  const shared: string[] = [];
  const sst = part(sstPath);
  if (sst) for (const si of kids(kid(parseXml(sst, sstPath), 'sst'), 'si')) shared.push(cleanCell(siText(si)));

  const formats: string[] = []; // by cellXfs index
  const styles = part(stylesPath);
  if (styles) {
    const ss = kid(parseXml(styles, stylesPath), 'styleSheet');
    const custom = new Map<number, string>();
    for (const f of kids(kid(ss, 'numFmts'), 'numFmt')) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? 'General');
    for (const xf of kids(kid(ss, 'cellXfs'), 'xf')) {
      const id = Number(xf.attrs.numFmtId ?? 0);
      formats.push(custom.get(id) ?? builtinFormat(id, choice.locale));
    }
  }

  const ws = kid(parseXml(sheetData, sheet.target), 'worksheet');
  const rows: Row[] = [];
  let cells = 0;
  let rowNo = 0;
  const numLocale = choice.locale === 'en' ? 'en-GB' : 'fr';
  for (const r of kids(kid(ws, 'sheetData'), 'row')) {
    rowNo = r.attrs.r ? Number(r.attrs.r) : rowNo + 1;
    const row: Row = { row: rowNo, cells: [] };
    let colNo = 0;
    for (const c of kids(r, 'c')) {
      colNo = c.attrs.r ? colNumber(c.attrs.r) : colNo + 1;
      const type = c.attrs.t ?? 'n';
      const v = kid(c, 'v');
      const raw = v ? textOf(v) : '';
      let text: string;
      if (type === 's') text = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') text = cleanCell(siText(kid(c, 'is')));
      else if (type === 'str' || type === 'e') text = cleanCell(raw);
      else if (raw === '') text = '';
      else {
        const fmt = formats[Number(c.attrs.s ?? 0)] ?? 'General';
        const value: number | boolean | string = type === 'b' ? raw === '1' : type === 'd' ? raw : Number(raw);
        text = formatValue(fmt, typeof value === 'number' && date1904 ? value + 1462 : value, numLocale);
      }
      if (text.trim() === '') continue;
      if (++cells > choice.maxCells) throw new Refusal(tooManyCells(choice.maxCells), 'syntax/size', rowNo, colNo);
      row.cells.push({ col: colNo, text });
    }
    if (row.cells.length) rows.push(row);
  }
  return { format: 'xlsx', sheets: sheets.map((s) => s.name), name: sheet.name, rows };
}

/** A shared or inline string: its text, or its rich-text runs in order (phonetic guides left out). */
function siText(si: XNode | undefined): string {
  if (!si) return '';
  let out = '';
  for (const c of si.children) {
    if (c.name === 't') out += textOf(c);
    else if (c.name === 'r') for (const t of kids(c, 't')) out += textOf(t);
  }
  return out;
}

function builtinFormat(id: number, locale: 'fr' | 'en'): string {
  try {
    return numfmt.getFormatFromId(id, locale === 'en' ? 'en-GB' : 'fr') || 'General';
  } catch {
    return 'General';
  }
}

function formatValue(fmt: string, value: number | boolean | string, locale: string): string {
  if (typeof value === 'string') {
    // t="d": an ISO date; shown through the cell's format as a serial number.
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    value = numfmt.dateToSerial(d, { ignoreTimezone: true }) ?? value;
    if (typeof value === 'string') return value;
  }
  try {
    return numfmt.format(fmt, value, { locale, throws: true, nbsp: false }).trim();
  } catch {
    return String(value);
  }
}

function tooManyCells(max: number): Said {
  return stageMessage('syntax/size', attendeeSizeMessages, 'tooManyCells', { max: tx(max.toLocaleString('fr-FR'), max.toLocaleString('en-GB')) });
}

// ---------------------------------------------------------------------------------------
// ods

function readOds(bytes: Uint8Array, choice: SheetChoice): WorkbookResult {
  const parts = unzipParts(bytes, (n) => n === 'content.xml' || n === 'META-INF/manifest.xml', choice.maxBytes);
  const manifest = parts.get('META-INF/manifest.xml');
  if (manifest && new TextDecoder().decode(manifest).includes('encryption-data')) {
    throw unreadable('passwordProtected');
  }
  const content = parts.get('content.xml');
  if (!content) throw unreadable('noContentPart');
  const doc = kid(parseXml(content, 'content.xml'), 'document-content');
  const spreadsheet = find(doc ?? { name: '', attrs: {}, children: [] }, ['body', 'spreadsheet']);
  const tables = kids(spreadsheet, 'table');
  if (tables.length === 0) throw unreadable('noSheet');
  const names = tables.map((t) => ({ name: cleanCell(t.attrs.name ?? ''), hidden: false }));
  const index = chooseSheet(names, choice.sheet);
  if (typeof index !== 'number') return index;

  const rows: Row[] = [];
  let cells = 0;
  let rowNo = 0;
  const walk = (n: XNode) => {
    for (const c of n.children) {
      if (c.name === 'table-row') readRow(c);
      else if (c.name === 'table-header-rows' || c.name === 'table-rows' || c.name === 'table-row-group') walk(c);
    }
  };
  const readRow = (r: XNode) => {
    const repeat = Math.max(1, Number(r.attrs['number-rows-repeated'] ?? 1) || 1);
    const row: Cell[] = [];
    let colNo = 0;
    for (const c of r.children) {
      if (c.name !== 'table-cell' && c.name !== 'covered-table-cell') continue;
      const span = Math.max(1, Number(c.attrs['number-columns-repeated'] ?? 1) || 1);
      const text = c.name === 'table-cell' ? cellText(c) : '';
      if (text.trim() !== '') {
        // A filled cell repeated: each repetition is a cell (bounded by the cell count).
        for (let k = 0; k < span; k++) {
          if (++cells > choice.maxCells) throw new Refusal(tooManyCells(choice.maxCells), 'syntax/size', rowNo + 1, colNo + k + 1);
          row.push({ col: colNo + k + 1, text });
        }
      }
      colNo += span;
    }
    if (row.length === 0) {
      // Empty rows, however many (LibreOffice repeats the last one to row 1,048,576), cost nothing.
      rowNo += repeat;
      return;
    }
    for (let k = 0; k < repeat; k++) {
      rowNo++;
      if (k > 0 && (cells += row.length) > choice.maxCells) throw new Refusal(tooManyCells(choice.maxCells), 'syntax/size', rowNo, 1);
      rows.push({ row: rowNo, cells: row });
    }
  };
  walk(tables[index]);
  return { format: 'ods', sheets: names.map((n) => n.name), name: names[index].name, rows };
}

/** An ODS cell's shown text: its paragraphs, with `text:s` spaces, tabs and line breaks; comments left out. */
function cellText(cell: XNode): string {
  const paras = kids(cell, 'p').map((p) => inline(p));
  return cleanCell(paras.join('\n'));
}

function inline(n: XNode): string {
  let out = '';
  for (const c of n.children) {
    if (c.name === '#text') out += c.text ?? '';
    else if (c.name === 's') out += ' '.repeat(Math.min(1000, Math.max(1, Number(c.attrs.c ?? 1) || 1)));
    else if (c.name === 'tab') out += '\t';
    else if (c.name === 'line-break') out += '\n';
    else if (c.name === 'annotation' || c.name === 'note') continue;
    else out += inline(c); // text:span, text:a, text:sequence…
  }
  return out;
}
