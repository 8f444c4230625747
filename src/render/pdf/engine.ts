/**
 * The PDF layout engine: lays out the same hast tree the HTML page is made from, on A4
 * pages with pdfkit. Headings keep with what follows, timed rows and table rows are never
 * cut, table headers repeat, every page gets a footer "page i / n".
 */
import type { Element, ElementContent, Root } from 'hast';
import PDFDocument from 'pdfkit';
import type { DocumentTree } from '../document.js';
import { labels } from '../labels.js';
import { applyTypography } from '../../typography/index.js';
import { fontFiles, fontKey, parsedFont, type FontKey } from './fonts.js';
import { INLINE, MUTED, softItemKinds, styleByKey, type Style } from './styles.js';
import { drawParagraph, fallbackFonts, measureParagraph, needsScriptLayout, splitRuns } from './scripts.js';
import { num, rgb, TextCache } from './text.js';

type Doc = PDFKit.PDFDocument;

interface Computed {
  size: number;
  color: string;
  bold: boolean;
  italic: boolean;
  align: 'left' | 'center' | 'right' | 'justify';
  uppercase: boolean;
}

interface Run {
  text: string;
  font: string;
  size: number;
  color: string;
  link: string | null;
}

const WS = /[ \t\n\r\f]+/g;
const SPLIT = /(\n| )/;
const CONTAINERS = new Set(['div', 'section', 'header', 'article', 'main', 'footer', 'aside', 'nav']);
const MARGIN = { top: 62, bottom: 62, left: 56, right: 56 };
const NO_MARGIN = { top: 0, bottom: 0, left: 0, right: 0 };
const LINE_GAP = 1.2;

/** A fill (`rg`) or stroke (`RG`) colour operator for a #rrggbb colour of the styles. */
function rgbOp(hex: string, op: 'rg' | 'RG'): string {
  return `${rgb(hex)} ${op}`;
}

function classes(el: Element): string[] {
  const c = el.properties?.className;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === 'string' ? String(c).split(' ') : [];
}

/**
 * The style of an element that does not depend on its ancestors (all but an item title), kept
 * on the element itself: the trees are the engine's own, made for this document, and a
 * property is much cheaper than a WeakMap of a million entries (which also slows every
 * garbage collection).
 */
const STYLE = Symbol('coop.style');
/** Heights measured, on the element (see STYLE). */
const MEASURED = Symbol('coop.measured');

/** The style of an element: its tag's, then its classes' (memoised: a programme has few distinct kinds of element). */
function styleOf(el: Element, ancestors: readonly string[]): Style {
  const known = (el as { [STYLE]?: Style })[STYLE];
  if (known) return known;
  const cls = classes(el);
  const titled = cls.includes('item-title');
  const s = styleByKey(el.tagName, cls, titled && ancestors.some((a) => softItemKinds.has(a)));
  if (!titled) (el as { [STYLE]?: Style })[STYLE] = s;
  return s;
}

function inherit(parent: Computed, s: Style): Computed {
  return {
    size: s.size ?? parent.size,
    color: s.color ?? parent.color,
    bold: s.bold ?? parent.bold,
    italic: s.italic ?? parent.italic,
    align: s.align ?? parent.align,
    uppercase: s.uppercase ?? parent.uppercase,
  };
}

function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && !INLINE.has(node.tagName);
}

function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

export async function renderPdf(doc: DocumentTree, opts: { onPage?: (page: number) => void } = {}): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.landscape ? 'landscape' : 'portrait',
    margins: doc.bare ? NO_MARGIN : MARGIN,
    // Pages are not buffered: each is decorated when it starts and written out when the next
    // one starts, so a 5,000-page sign-in sheet does not sit in memory. The total in
    // "page i / n" is a form XObject filled in once the last page is known.
    bufferPages: false,
    autoFirstPage: false,
    // The document's first font is ours: pdfkit would otherwise read and parse Helvetica's
    // metrics for every document, to never use them.
    font: parsedFont('regular') as unknown as string,
    lang: doc.locale === 'en' ? 'en-GB' : 'fr-FR',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: doc.title,
      Author: doc.author,
      Subject: doc.subject,
      Creator: 'coop',
      Producer: 'coop (pdfkit)',
      CreationDate: doc.date,
      ModDate: doc.date,
    },
  });
  for (const key of Object.keys(fontFiles) as FontKey[]) pdf.registerFont(key, parsedFont(key) as unknown as string);
  // 'regular' is the default font already open; pdfkit recognises it as such on every
  // `font('regular')` (opening it again and comparing name tables) without remembering it.
  const fonts = pdf as unknown as { _fontFamilies: Record<string, unknown>; _font: unknown };
  fonts._fontFamilies.regular = fonts._font;
  // Fallback fonts for other scripts: registering is free, a font file is read only when used.
  for (const [key, file] of Object.entries(fallbackFonts)) pdf.registerFont(key, file);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const total = pdf.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, -4, 120, 12] });
  let pages = 0;
  const text = new TextCache(pdf);
  // The running header and footer are the document's words too: French typography (’, « »,
  // thin spaces) as in the body.
  const running = { ...doc, title: applyTypography(doc.title, doc.locale), header: doc.header && applyTypography(doc.header, doc.locale) };
  pdf.on('pageAdded', () => {
    decoratePage(pdf, running, ++pages, total, text);
    opts.onPage?.(pages);
  });
  pdf.addPage();
  const layout = new Layout(pdf, doc.bare ? NO_MARGIN : MARGIN, text);
  const root: Computed = { size: 10, color: '#111111', bold: false, italic: false, align: 'left', uppercase: false };
  // Part by part: a long sign-in sheet sheet by sheet (see DocumentBody.parts).
  for (const part of doc.tree.parts()) layout.blocks(part.children as ElementContent[], layout.left, layout.contentWidth, root, []);
  fillTotal(pdf, total, pages);
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

class Layout {
  readonly contentWidth: number;
  readonly bottom: number;
  readonly top: number;
  page = 0;
  private outlineParent: PDFKit.PDFOutline | null = null;

  readonly left: number;
  readonly text: TextCache;

  constructor(
    private readonly doc: Doc,
    margins: typeof MARGIN,
    text: TextCache,
  ) {
    this.text = text;
    this.contentWidth = doc.page.width - margins.left - margins.right;
    this.bottom = doc.page.height - margins.bottom;
    this.top = margins.top;
    this.left = margins.left;
    doc.on('pageAdded', () => this.page++);
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top + 1) {
      this.flush();
      this.doc.addPage();
    }
  }

  /** Content written at once (a table row), or null: written as it comes. */
  private buffer: string[] | null = null;

  private emit(ops: string): void {
    if (this.buffer) this.buffer.push(ops);
    else this.doc.addContent(ops);
  }

  /** Write what is buffered, before pdfkit draws anything itself (order is paint order). */
  private flush(): void {
    if (this.buffer?.length) {
      this.doc.addContent(this.buffer.join(' '));
      this.buffer.length = 0;
    }
  }

  /** Lay out a list of sibling nodes as blocks; runs of inline content form anonymous paragraphs. */
  blocks(nodes: ElementContent[], x: number, width: number, style: Computed, ancestors: readonly string[]): void {
    const groups = group(nodes);
    groups.forEach((g, i) => {
      if (Array.isArray(g)) {
        this.paragraph(g, x, width, style, ancestors);
        return;
      }
      const s = styleOf(g, ancestors);
      if (s.keepWithNext) this.ensure(this.lead(groups, i, width, style, ancestors));
      this.element(g, x, width, style, ancestors);
    });
  }

  /**
   * The height that must stay on one page from `groups[from]` on: a heading, the short
   * paragraphs that follow it (session times, chair), and the first substantial block — whole
   * if it is kept together (a timed row), else its first lines. Containers are entered, so a
   * day heading stays with its first session's heading and first item.
   */
  private lead(groups: Array<Element | ElementContent[]>, from: number, width: number, c: Computed, anc: readonly string[]): number {
    const half = (this.bottom - this.top) / 2;
    let need = 0;
    for (let j = from; j < groups.length && need < half; j++) {
      const n = groups[j];
      if (Array.isArray(n)) {
        need += this.measureInline(n, width, c);
        continue;
      }
      const s = styleOf(n, anc);
      if (s.keepWithNext || (n.tagName === 'p' && !s.keepTogether)) {
        need += this.measureElement(n, width, c, anc);
        continue;
      }
      if (CONTAINERS.has(n.tagName) && !s.gutter && !s.keepTogether && !s.background) {
        const indent = s.indent ?? 0;
        return need + (s.marginTop ?? 0) + this.lead(group(n.children), 0, width - indent, inherit(c, s), [...anc, ...classes(n)]);
      }
      // A long table is not measured whole to keep a heading with its first rows.
      if (n.tagName === 'table' && !s.keepTogether && countRows(n) > 12) return need + 60;
      const h = this.measureElement(n, width, c, anc);
      return need + (s.keepTogether && h < half ? h : Math.min(h, 60));
    }
    return need;
  }

  element(el: Element, x: number, width: number, parent: Computed, ancestors: readonly string[]): void {
    const doc = this.doc;
    const s = styleOf(el, ancestors);
    const c = inherit(parent, s);
    const anc = [...ancestors, ...classes(el)];
    if (classes(el).includes('page-break')) {
      if (doc.y > this.top + 1) {
        this.flush();
        doc.addPage();
      }
      return;
    }
    if (el.tagName === 'hr') {
      this.ensure(8);
      doc.moveTo(x, doc.y + 3).lineTo(x + width, doc.y + 3).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.y += 8;
      return;
    }
    if (s.marginTop) doc.y += s.marginTop;
    if (s.keepTogether) {
      const h = this.measureElement(el, width, parent, ancestors);
      if (h < this.bottom - this.top) this.ensure(h);
    }
    const startPage = this.page;
    const y0 = doc.y;
    if (s.background) {
      const h = this.measureElement(el, width, parent, ancestors) - (s.marginTop ?? 0) - (s.marginBottom ?? 0);
      this.ensure(h);
      doc.save().rect(x - 3, doc.y - 1, width + 6, h + 2).fill(s.background).restore();
    }
    const indent = s.indent ?? 0;
    if (/^h[1-6]$/.test(el.tagName) || el.children.every((n) => !isBlock(n))) {
      if (/^h[23]$/.test(el.tagName)) this.outline(el);
      this.paragraph(el.children, x + indent, width - indent, c, anc);
      if (s.rule) {
        doc.moveTo(x, doc.y).lineTo(x + width, doc.y).lineWidth(0.6).strokeColor(c.color).stroke();
        doc.y += 2;
      }
    } else if (el.tagName === 'ul' || el.tagName === 'ol') {
      this.list(el, x + indent, width - indent, c, s, anc);
    } else if (el.tagName === 'table') {
      this.table(el, x, width, c, anc);
    } else if (classes(el).includes('badges')) {
      this.badgeGrid(el, c, anc);
    } else if (s.gutter) {
      this.timedRow(el, x, width, c, s.gutter, anc);
    } else {
      this.blocks(el.children, x + indent, width - indent, c, anc);
    }
    if (s.background && this.page === startPage && doc.y < y0) doc.y = y0;
    if (s.marginBottom) doc.y += s.marginBottom;
  }

  /** A `.item`: its `.when` child in the left gutter, the rest beside it. */
  private timedRow(el: Element, x: number, width: number, c: Computed, gutter: number, anc: readonly string[]): void {
    const doc = this.doc;
    const kids = el.children.filter((n) => n.type === 'element') as Element[];
    const when = kids.find((k) => classes(k).includes('when'));
    const rest = kids.filter((k) => k !== when);
    const y0 = doc.y;
    const page0 = this.page;
    if (when) {
      this.ensure(c.size * 1.4);
      this.element(when, x, gutter - 6, c, anc);
    }
    const afterWhen = { y: doc.y, page: this.page };
    if (this.page === page0) doc.y = y0;
    this.blocks(rest, x + gutter, width - gutter, c, anc);
    if (this.page === afterWhen.page && afterWhen.y > doc.y) doc.y = afterWhen.y;
  }

  private list(el: Element, x: number, width: number, c: Computed, s: Style, anc: readonly string[]): void {
    const doc = this.doc;
    const items = el.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'li');
    const ordered = el.tagName === 'ol';
    const marker = s.marker ?? (ordered ? '1.' : '•');
    const start = Number(el.properties?.start ?? 1) || 1;
    const indent = ordered ? 18 : 11;
    items.forEach((li, i) => {
      const label = ordered ? `${start + i}.` : marker;
      const ls = styleOf(li, anc);
      const lc = inherit(c, ls);
      this.ensure(lc.size * 1.4);
      const y = doc.y;
      const page = this.page;
      doc.font(fontKey(false, false)).fontSize(lc.size).fillColor(MUTED);
      doc.text(label, x, y, { width: indent - 2, lineBreak: false });
      doc.y = y;
      this.blocks(li.children, x + indent, width - indent, lc, [...anc, ...classes(li)]);
      if (this.page === page && doc.y < y + lc.size) doc.y = y + lc.size * 1.3;
      if (ls.marginBottom) doc.y += ls.marginBottom;
    });
  }

  /** Tables: column widths from content, header repeated on each page, rows never cut. */
  private table(el: Element, x: number, width: number, c: Computed, anc: readonly string[]): void {
    const doc = this.doc;
    interface Row {
      cells: Element[];
      head: boolean;
      style: Style;
    }
    const rows: Row[] = [];
    const walk = (n: Element, head: boolean) => {
      for (const k of n.children) {
        if (k.type !== 'element') continue;
        if (k.tagName === 'tr') {
          const cells = k.children.filter((x): x is Element => x.type === 'element' && (x.tagName === 'td' || x.tagName === 'th'));
          rows.push({ cells, head: head || cells.every((x) => x.tagName === 'th'), style: styleOf(k, anc) });
        } else walk(k, head || k.tagName === 'thead');
      }
    };
    walk(el, false);
    if (rows.length === 0) return;
    const ncol = Math.max(...rows.map((r) => r.cells.length));
    // Column widths: each column at least as wide as its longest word (so "Présence" never
    // breaks) or its declared minimum (a signature column), the rest shared in proportion to
    // the columns' text lengths.
    const pad = 3;
    const cellText = (r: Row, i: number) => (r.cells[i] ? textOf(r.cells[i]).replace(WS, ' ').trim() : '');
    const minWidths = Array.from({ length: ncol }, (_, i) => {
      let w = 0;
      for (const r of rows) {
        const cellStyle = r.cells[i] ? styleOf(r.cells[i], anc) : {};
        if (cellStyle.minWidth) w = Math.max(w, cellStyle.minWidth - 2 * pad - 1);
        const font = fontKey(r.head || r.cells[i]?.tagName === 'th', false);
        for (const word of cellText(r, i).split(' ')) w = Math.max(w, this.text.width(font, word, c.size));
      }
      return Math.min(w + 2 * pad + 1, width / ncol);
    });
    const fixed = Array.from({ length: ncol }, (_, i) => rows.some((r) => r.cells[i] && styleOf(r.cells[i], anc).minWidth));
    const weights = Array.from({ length: ncol }, (_, i) => (fixed[i] ? 0 : Math.max(4, Math.min(40, Math.max(...rows.map((r) => cellText(r, i).length))))));
    const spare = Math.max(0, width - minWidths.reduce((a, b) => a + b, 0));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const widths = minWidths.map((m, i) => m + (weights[i] / total) * spare);
    // Cells share a few styles: each style's computed values and key are made once.
    const computedByStyle = new Map<Style, { cc: Computed; key: string }>();
    const computedOf = (cell: Element) => {
      const st = styleOf(cell, anc);
      let v = computedByStyle.get(st);
      if (!v) {
        const cc = inherit(c, st);
        computedByStyle.set(st, (v = { cc, key: `${cc.size}|${cc.color}|${cc.bold}|${cc.italic}|${cc.uppercase}` }));
      }
      return v;
    };
    const cellComputed = (cell: Element) => computedOf(cell).cc;
    // A cell of inline content is measured and drawn from the same runs, computed once; each
    // row is measured once (a sign-in sheet has tens of thousands of rows).
    const inline = (cell: Element) => cell.children.every((n) => !isBlock(n));
    const cellRuns = new Map<Element, Run[]>();
    const runsOf = (cell: Element) => {
      let r = cellRuns.get(cell);
      if (!r) {
        // A cell of plain text (most): its runs are shared with every cell of the same text and
        // style, on every sheet.
        const only = cell.children.length === 1 && cell.children[0].type === 'text' ? cell.children[0].value : cell.children.length === 0 ? '' : null;
        const { cc, key: styleKey } = computedOf(cell);
        const key = only === null ? null : `${only}\u0000${styleKey}`;
        r = key === null ? undefined : this.plainRuns.get(key);
        if (!r) {
          r = scriptRuns(collectRuns(cell.children, cc, anc));
          if (key !== null) this.plainRuns.set(key, r);
        }
        cellRuns.set(cell, r);
      }
      return r;
    };
    const heights = new Map<Row, number>();
    const measureRow = (r: Row) => {
      let h = heights.get(r);
      if (h === undefined) {
        h = r.style.minHeight ?? 0;
        for (let i = 0; i < r.cells.length; i++) {
          const cell = r.cells[i];
          const ch = inline(cell) ? this.measureRunsCached(runsOf(cell), widths[i] - 2 * pad) : this.measureElement(cell, widths[i] - 2 * pad, c, anc);
          if (ch + 2 * pad > h) h = ch + 2 * pad;
        }
        heights.set(r, h);
      }
      return h;
    };
    const frame = rgbOp('#8a9bb0', 'RG');
    const drawRow = (r: Row) => {
      const h = measureRow(r);
      const y = doc.y;
      const page = this.page;
      let cx = x;
      const fill = r.head ? '#e6ecf2' : r.style.background;
      // The row's fills, texts and frame go out as one piece of content.
      this.buffer = [];
      if (fill) this.emit(`q ${rgbOp(fill, 'rg')} ${num(x)} ${num(y)} ${num(width)} ${num(h)} re f Q`);
      r.cells.forEach((cell, i) => {
        doc.y = y + pad;
        if (cell.tagName === 'th' && !r.head) this.emit(`q ${rgbOp('#f3f6f9', 'rg')} ${num(cx)} ${num(y)} ${num(widths[i])} ${num(h)} re f Q`);
        if (inline(cell)) {
          const runs = runsOf(cell);
          cellRuns.delete(cell);
          this.drawRuns(runs, cx + pad, widths[i] - 2 * pad, cellComputed(cell));
        } else {
          this.flush();
          this.blocks(cell.children, cx + pad, widths[i] - 2 * pad, cellComputed(cell), [...anc, ...classes(cell)]);
        }
        cx += widths[i];
      });
      if (this.page !== page) {
        // A cell taller than a page flowed on: nothing sensible to frame.
        this.flush();
        this.buffer = null;
        return;
      }
      // The frame and the column rules as one path.
      const ops = [`q 0.4 w ${frame} ${num(x)} ${num(y)} ${num(width)} ${num(h)} re`];
      cx = x;
      for (let i = 0; i < r.cells.length - 1; i++) {
        cx += widths[i];
        ops.push(`${num(cx)} ${num(y)} m ${num(cx)} ${num(y + h)} l`);
      }
      ops.push('S Q');
      this.emit(ops.join(' '));
      this.flush();
      this.buffer = null;
      doc.y = y + h;
    };
    const header = rows.filter((r) => r.head);
    const body = rows.filter((r) => !r.head);
    const headerHeight = header.reduce((a, r) => a + measureRow(r), 0);
    this.ensure(headerHeight + (body[0] ? measureRow(body[0]) : 0));
    header.forEach(drawRow);
    for (const r of body) {
      const h = measureRow(r);
      if (doc.y + h > this.bottom) {
        this.flush();
        doc.addPage();
        header.forEach(drawRow);
      }
      drawRow(r);
      heights.delete(r);
    }
  }

  /**
   * Name badges on label sheets: `.badges` children are laid out in a grid of cells covering
   * the whole A4 page (2 x 4 or 2 x 5), with light cut lines, each badge centred in its cell.
   */
  private badgeGrid(el: Element, c: Computed, anc: readonly string[]): void {
    const doc = this.doc;
    const rowsPerPage = classes(el).includes('badges-2x5') ? 5 : 4;
    const cols = 2;
    const { width: pw, height: ph } = doc.page;
    const cw = pw / cols;
    const ch = ph / rowsPerPage;
    const badges = el.children.filter((n): n is Element => n.type === 'element');
    badges.forEach((b, i) => {
      const slot = i % (cols * rowsPerPage);
      if (i > 0 && slot === 0) {
        this.flush();
        doc.addPage();
      }
      const bx = (slot % cols) * cw;
      const by = Math.floor(slot / cols) * ch;
      doc.save().lineWidth(0.3).dash(3, { space: 3 }).strokeColor('#bbbbbb').rect(bx, by, cw, ch).stroke().undash().restore();
      const inner = cw - 36;
      const h = this.measureElement(b, inner, c, [...anc, ...classes(el)]);
      doc.y = by + Math.max(10, (ch - h) / 2);
      this.blocks(b.children, bx + 18, inner, { ...c, align: 'center' }, [...anc, ...classes(el), ...classes(b)]);
    });
  }

  private outline(el: Element): void {
    const title = textOf(el).replace(WS, ' ').trim();
    if (!title) return;
    if (el.tagName === 'h2') this.outlineParent = this.doc.outline.addItem(title);
    else (this.outlineParent ?? this.doc.outline).addItem(title);
  }

  /** Draw inline content as one paragraph of styled runs. */
  paragraph(nodes: ElementContent[], x: number, width: number, c: Computed, anc: readonly string[]): void {
    this.drawRuns(scriptRuns(collectRuns(nodes, c, anc)), x, width, c);
  }

  private drawRuns(runs: Run[], x: number, width: number, c: Computed): void {
    const doc = this.doc;
    if (runs.length === 0) return;
    this.ensure(runs[0].size * 1.35);
    // Chinese, Japanese, Arabic or Hebrew: coop's own line layout (font per script, bidi order).
    if (needsScriptLayout(runs)) {
      this.flush();
      drawParagraph(doc, runs, { x, y: doc.y, width, align: c.align === 'left' ? 'start' : c.align, lineGap: LINE_GAP });
      return;
    }
    // One line, or several broken at spaces as measureRuns counts them: each line written as
    // one piece, a new page when the next line does not fit. The line advance is pdfkit's
    // (the line height of the last run's font and size).
    const advance = this.text.lineHeight(runs[runs.length - 1]) + LINE_GAP;
    const ops = this.text.lineOps(runs, x, doc.y, width, c.align);
    const lines = ops !== null ? null : c.align !== 'justify' && this.text.encodable(runs) ? this.wrap(runs, width, true).lines : null;
    if (ops !== null || lines) {
      if (ops !== null) this.emit(ops);
      lines?.forEach((line, i) => {
        if (i > 0) {
          doc.y += advance;
          this.ensure(advance);
        }
        if (line.length) this.emit(this.text.lineOps(line, x, doc.y, width, c.align, true)!);
      });
      doc.y += advance;
      doc.x = x;
      return;
    }
    this.flush();
    const y = doc.y;
    runs.forEach((r, i) => {
      doc.font(r.font).fontSize(r.size).fillColor(r.color);
      const opts: PDFKit.Mixins.TextOptions = {
        width,
        align: c.align,
        lineGap: LINE_GAP,
        continued: i < runs.length - 1,
        link: r.link ?? undefined,
        underline: r.link !== null,
      };
      if (r.link === null) (opts as { link: unknown }).link = null;
      if (i === 0) doc.text(r.text, x, y, opts);
      else doc.text(r.text, opts);
    });
    doc.x = x;
  }

  /**
   * The height of a paragraph of styled runs: words are measured in their own font and size
   * and wrapped greedily, as pdfkit's line wrapper does, so bold names and small captions in
   * one paragraph are counted right.
   */
  private measureInline(nodes: ElementContent[], width: number, c: Computed): number {
    return this.measureRuns(scriptRuns(collectRuns(nodes, c, [])), width);
  }

  /**
   * A paragraph's lines, broken greedily at spaces and line breaks (spaces at a break dropped):
   * how many (a word wider than the line counted over the lines pdfkit breaks it into), and,
   * when `collect` is set and no word is wider than the line, the lines themselves, for the
   * fast path to draw. Measuring and drawing share this loop, so they cannot disagree.
   */
  private wrap(runs: Run[], width: number, collect: boolean): { count: number; lines: Run[][] | null } {
    const text = this.text;
    let lines: Run[][] | null = collect ? [[]] : null;
    let count = 1;
    let x = 0;
    let space = 0;
    let spaces: Run[] = [];
    const append = (r: Run, t: string) => {
      if (!lines) return;
      const line = lines[lines.length - 1];
      const last = line[line.length - 1];
      if (last && last.font === r.font && last.size === r.size && last.color === r.color) last.text += t;
      else line.push({ ...r, text: t });
    };
    for (const r of runs) {
      for (const part of r.text.split(SPLIT)) {
        if (part === '\n') {
          count++;
          lines?.push([]);
          x = 0;
          space = 0;
          spaces = [];
          continue;
        }
        if (part === ' ') {
          space += text.width(r.font, ' ', r.size);
          spaces.push(r);
          continue;
        }
        if (part === '') continue;
        const w = text.width(r.font, part, r.size);
        if (x > 0 && x + space + w > width) {
          count++;
          lines?.push([]);
          x = 0;
        } else {
          for (const s of spaces) append(s, ' ');
          x += space;
        }
        space = 0;
        spaces = [];
        append(r, part);
        if (w > width) {
          // pdfkit breaks it over several lines: counted, not drawn here.
          count += Math.ceil(w / width) - 1;
          x = w % width;
          lines = null;
        } else x += w;
      }
    }
    return { count, lines };
  }

  /** Runs of plain-text table cells, by text and style. */
  private readonly plainRuns = new Map<string, Run[]>();
  private readonly runHeights = new WeakMap<Run[], Map<number, number>>();

  private measureRunsCached(runs: Run[], width: number): number {
    let byWidth = this.runHeights.get(runs);
    if (!byWidth) this.runHeights.set(runs, (byWidth = new Map()));
    let h = byWidth.get(width);
    if (h === undefined) byWidth.set(width, (h = this.measureRuns(runs, width)));
    return h;
  }

  private measureRuns(runs: Run[], width: number): number {
    if (runs.length === 0) return 0;
    if (needsScriptLayout(runs)) return measureParagraph(this.doc, runs, width, LINE_GAP);
    const size = Math.max(...runs.map((r) => r.size));
    return this.wrap(runs, width, false).count * (this.text.lineHeight({ font: 'regular', size }) + LINE_GAP);
  }

  /**
   * Height an element will take (an estimate good enough for keep-together decisions);
   * memoised on the element, as keep-together and keep-with-next ask more than once.
   */
  measureElement(el: Element, width: number, parent: Computed, ancestors: readonly string[]): number {
    const key = `${width.toFixed(2)}|${parent.size}|${parent.bold}|${parent.italic}|${ancestors.length}`;
    const node = el as { [MEASURED]?: Map<string, number> };
    const hit = node[MEASURED]?.get(key);
    if (hit !== undefined) return hit;
    const h = this.measureUncached(el, width, parent, ancestors);
    (node[MEASURED] ??= new Map()).set(key, h);
    return h;
  }

  private measureUncached(el: Element, width: number, parent: Computed, ancestors: readonly string[]): number {
    const s = styleOf(el, ancestors);
    const c = inherit(parent, s);
    const anc = [...ancestors, ...classes(el)];
    const indent = s.indent ?? 0;
    let h = (s.marginTop ?? 0) + (s.marginBottom ?? 0);
    if (/^h[1-6]$/.test(el.tagName) || el.children.every((n) => !isBlock(n))) {
      h += this.measureInline(el.children, width - indent, c) + (s.rule ? 2 : 0);
    } else if (s.gutter) {
      const kids = el.children.filter((n) => n.type === 'element') as Element[];
      const when = kids.find((k) => classes(k).includes('when'));
      const rest = kids.filter((k) => k !== when);
      const gutter = s.gutter;
      const left = when ? this.measureElement(when, gutter - 6, c, anc) : 0;
      const right = rest.reduce((a, k) => a + this.measureElement(k, width - gutter, c, anc), 0);
      h += Math.max(left, right);
    } else if (el.tagName === 'ul' || el.tagName === 'ol') {
      for (const li of el.children) {
        if (li.type === 'element') h += this.measureElement(li, width - indent - 14, c, anc) + 1;
      }
    } else {
      for (const g of group(el.children)) {
        h += Array.isArray(g) ? this.measureInline(g, width - indent, c) : this.measureElement(g, width - indent, c, anc);
      }
    }
    return h;
  }
}

/**
 * Runs split by script, each in a font that has its glyphs (Latin: DejaVu; Chinese and
 * Japanese: Noto Sans SC; Arabic: DejaVu where it covers the word, so text copied from the PDF
 * stays exact, else Noto Sans Arabic).
 */
function scriptRuns(runs: Run[]): Run[] {
  return runs.flatMap((r) => splitRuns({ ...r, font: r.font as FontKey }, { arabicFont: 'dejavu' }).map((p) => ({ text: p.text, font: p.font, size: p.size, color: p.color, link: p.link })));
}

/** The rows of a table (in its head, bodies and foot). */
function countRows(table: Element): number {
  let n = 0;
  for (const k of table.children) {
    if (k.type !== 'element') continue;
    if (k.tagName === 'tr') n++;
    else n += countRows(k);
  }
  return n;
}

/** Split children into blocks and runs of inline content (whitespace-only runs dropped). */
function group(nodes: ElementContent[]): Array<Element | ElementContent[]> {
  const out: Array<Element | ElementContent[]> = [];
  let inline: ElementContent[] = [];
  const flush = () => {
    if (inline.some((n) => (n.type === 'text' ? n.value.replace(WS, '') !== '' : n.type === 'element'))) out.push(inline);
    inline = [];
  };
  for (const n of nodes) {
    if (n.type === 'comment') continue;
    if (isBlock(n)) {
      flush();
      out.push(n as Element);
    } else inline.push(n);
  }
  flush();
  return out;
}

function collectRuns(nodes: ElementContent[], c: Computed, anc: readonly string[]): Run[] {
  const runs: Run[] = [];
  const visit = (n: ElementContent, cur: Computed, link: string | null) => {
    if (n.type === 'text') {
      let text = n.value.replace(WS, ' ');
      if (cur.uppercase) text = text.toUpperCase();
      runs.push({ text, font: fontKey(cur.bold, cur.italic), size: cur.size, color: cur.color, link });
    } else if (n.type === 'element') {
      if (n.tagName === 'br') {
        runs.push({ text: '\n', font: fontKey(cur.bold, cur.italic), size: cur.size, color: cur.color, link });
        return;
      }
      if (n.tagName === 'input') {
        // GFM task items: a ballot box, ticked when done.
        if (n.properties?.type === 'checkbox') runs.push({ text: n.properties.checked ? '☑ ' : '☐ ', font: 'regular', size: cur.size, color: cur.color, link });
        return;
      }
      const s = styleOf(n, anc);
      const href = n.tagName === 'a' && typeof n.properties?.href === 'string' ? n.properties.href : link;
      for (const k of n.children) visit(k, inherit(cur, s), href);
    }
  };
  for (const n of nodes) visit(n, c, null);
  // Trim the paragraph's edges and merge neighbours with the same style.
  const merged: Run[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.font === r.font && last.size === r.size && last.color === r.color && last.link === r.link) last.text += r.text;
    else merged.push({ ...r });
  }
  if (merged.length) {
    merged[0].text = merged[0].text.replace(/^ +/, '');
    merged[merged.length - 1].text = merged[merged.length - 1].text.replace(/ +$/, '');
  }
  for (let i = 1; i < merged.length; i++) {
    if (merged[i - 1].text.endsWith(' ') || merged[i - 1].text.endsWith('\n')) merged[i].text = merged[i].text.replace(/^ +/, '');
  }
  return merged.filter((r) => r.text !== '');
}

/**
 * Running header, footer "page i / n" and the PROJET mark, drawn when a page starts (under its
 * content). pdfkit may start a page in the middle of a paragraph: the text state is saved and
 * restored around the drawing.
 */
function decoratePage(pdf: Doc, doc: DocumentTree, i: number, total: PDFKit.PDFKitReference, text: TextCache): void {
  const state = pdf as unknown as { _font: unknown; _fontSize: number; x: number; y: number };
  const saved = { font: state._font, size: state._fontSize, x: pdf.x, y: pdf.y, bottom: pdf.page.margins.bottom };
  const l = labels[doc.locale];
  const { width, height } = pdf.page;
  pdf.page.margins.bottom = 0; // drawing in the margin must not add a page
  pdf.save();
  if (doc.draft) {
    pdf.save();
    pdf.rotate(-35, { origin: [width / 2, height / 2] });
    pdf.font('bold').fontSize(110).fillColor('#cc0000').fillOpacity(0.12);
    pdf.text(l.draft, 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
    pdf.restore();
  }
  if (!doc.bare) {
    pdf.font('regular').fontSize(8).fillColor(MUTED);
    if (doc.header) {
      const room = width - MARGIN.left - MARGIN.right;
      let header = doc.header;
      while (header.length > 10 && pdf.widthOfString(header) > room) header = `${header.slice(0, Math.floor(header.length * 0.9)).trimEnd()}…`;
      const headerRuns = scriptRuns([{ text: header, font: 'regular', size: 8, color: MUTED, link: null }]);
      if (needsScriptLayout(headerRuns) || !text.drawLine(headerRuns, MARGIN.left, MARGIN.top - 30, room, 'left')) pdf.text(header, MARGIN.left, MARGIN.top - 30, { width: room, lineBreak: false });
      pdf.moveTo(MARGIN.left, MARGIN.top - 18).lineTo(width - MARGIN.right, MARGIN.top - 18).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
    }
    const y = height - MARGIN.bottom + 22;
    const footer = `${doc.title.length > 90 ? doc.title.slice(0, 87) + '…' : doc.title}`;
    const footerRuns = scriptRuns([{ text: footer, font: 'regular', size: 8, color: MUTED, link: null }]);
    if (needsScriptLayout(footerRuns)) {
      drawParagraph(pdf, footerRuns, { x: MARGIN.left, y, width: width - MARGIN.left - MARGIN.right - 80 });
      pdf.font('regular').fontSize(8).fillColor(MUTED);
    } else if (!text.drawLine(footerRuns, MARGIN.left, y, width - MARGIN.left - MARGIN.right - 80, 'left')) {
      pdf.text(footer, MARGIN.left, y, { width: width - MARGIN.left - MARGIN.right - 80, lineBreak: false, ellipsis: true });
    }
    // "page 3 / " right-aligned before room for the total, which the XObject draws.
    const reserve = pdf.widthOfString('00000');
    const label = `${l.page} ${i} /`;
    const right = width - MARGIN.right;
    const gap = pdf.widthOfString(' ');
    const labelRuns = [{ text: label, font: 'regular', size: 8, color: MUTED, link: null }];
    if (!text.drawLine(labelRuns, right - reserve - gap - 90, y, 90, 'right')) pdf.text(label, right - reserve - gap - 90, y, { width: 90, align: 'right', lineBreak: false });
    (pdf.page as unknown as { xobjects: Record<string, unknown> }).xobjects.CoopTotal = total;
    const baseline = y + (pdf as unknown as { _font: { ascender: number } })._font.ascender / 1000 * 8;
    pdf.addContent(`q 1 0 0 -1 ${(right - reserve).toFixed(2)} ${baseline.toFixed(2)} cm /CoopTotal Do Q`);
    pdf.moveTo(MARGIN.left, height - MARGIN.bottom + 14).lineTo(right, height - MARGIN.bottom + 14).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
  }
  pdf.restore();
  pdf.page.margins.bottom = saved.bottom;
  state._font = saved.font;
  state._fontSize = saved.size;
  pdf.x = saved.x;
  pdf.y = saved.y;
}

/** The total page count, written into the form XObject every footer shows. */
function fillTotal(pdf: Doc, total: PDFKit.PDFKitReference, pages: number): void {
  pdf.font('regular');
  const font = (pdf as unknown as { _font: { id: string; dictionary: unknown; encode(t: string): [string[], unknown] } })._font;
  const [encoded] = font.encode(String(pages));
  (total as unknown as { data: Record<string, unknown> }).data.Resources = { Font: { [font.id]: font.dictionary } };
  total.end(`BT /${font.id} 8 Tf 0.333 0.333 0.333 rg 0 0 Td <${encoded.join('')}> Tj ET`);
}
