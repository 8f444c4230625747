/**
 * The Word back end: the same hast tree as the HTML page and the PDF, written as a .docx with
 * the `docx` package, for drafts that circulate for amendments.
 *
 * - Headings are Word's Heading 1–4 (the navigation pane and a table of contents see them),
 *   lists are Word lists (bullets, numbers, nested), tables are Word tables with the header
 *   row repeated on every page and rows that do not break across pages; a programme's timed
 *   rows (`.item`) are borderless two-column table rows, time on the left.
 * - Styles follow the PDF's (src/render/styles.ts): one vocabulary of classes for both.
 * - The text is the tree's text: French typography (no-break spaces, ’, « ») is already in it.
 * - Fonts: Arial for Latin, Greek, Cyrillic, Arabic and Hebrew (on every Windows and Mac; Liberation
 *   Sans, metric-compatible, under LibreOffice), Microsoft YaHei for Chinese and Japanese;
 *   right-to-left runs are marked so, so Word and LibreOffice pick and order them right.
 * - A draft has the PROJET mark as a page header on every page, and as Word's own watermark.
 * - Reproducible: the same input gives the same bytes (zip dates, document dates and the
 *   relationship ids docx draws at random are fixed afterwards; see `reproducible`).
 */
import type { Element, ElementContent, Root } from 'hast';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  FileChild,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IContext,
  type IParagraphOptions,
  type IXmlableObject,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { DocumentTree } from '../document.js';
import { labels } from '../labels.js';
import { ACCENT, INLINE, MUTED, softItemKinds, styleByKey, type Style } from '../styles.js';
import { applyTypography } from '../../typography/index.js';
import { append } from '../../util/arrays.js';

const FONT = 'Arial';
const EAST_ASIA_FONT = 'Microsoft YaHei';
/** A4 in twips, margins of 2 cm. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const BASE_SIZE = 10;
const LIST_INDENT = 360;

type Block = Paragraph | Table;

interface Inherited {
  size: number;
  color: string;
  bold: boolean;
  italic: boolean;
  uppercase: boolean;
  align: 'left' | 'center' | 'right' | 'justify';
}

interface Context extends Inherited {
  /** The width available, in twips (tables are sized from it). */
  width: number;
  /** Left indent of the block, in twips (blockquotes, decisions). */
  indent: number;
  /** Background of the enclosing block (a decision, a shaded item). */
  fill: string | null;
  /** Lists: each `ol` gets its own numbering instance, so numbers restart. */
  list: { reference: string; level: number; instance: number } | null;
  /** The document's images by their `src` (assets/…): embedded as pictures with their alternative text. */
  images: DocumentTree['images'];
}

const hex = (c: string) => c.replace('#', '').toUpperCase();
const twips = (pt: number) => Math.round(pt * 20);

function classes(el: Element): string[] {
  const c = el.properties?.className;
  if (Array.isArray(c)) return c.map(String);
  return typeof c === 'string' ? String(c).split(' ') : [];
}

function styleOf(el: Element, ancestors: readonly string[]): Style {
  const cls = classes(el);
  return styleByKey(el.tagName, cls, cls.includes('item-title') && ancestors.some((a) => softItemKinds.has(a)));
}

function inherit(ctx: Context, s: Style): Context {
  return {
    ...ctx,
    size: s.size ?? ctx.size,
    color: s.color ?? ctx.color,
    bold: s.bold ?? ctx.bold,
    italic: s.italic ?? ctx.italic,
    uppercase: s.uppercase ?? ctx.uppercase,
    align: s.align ?? ctx.align,
    indent: ctx.indent + twips(s.indent ?? 0),
    fill: s.background ? hex(s.background) : ctx.fill,
  };
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;
const HEADINGS = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3, h4: HeadingLevel.HEADING_4 } as const;

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
/** Runs of one direction and script class: right-to-left, East Asian, or the rest. */
const SCRIPT_RUNS =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+(?:[ \u00a0][\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+)*|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+|[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+/g;

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/** The inline content of a paragraph as docx runs, HTML white-space rules applied. */
class Runs {
  readonly children: ParagraphChild[] = [];
  /** Whether the last text written ended with a space (collapsing spaces across elements). */
  private space = true;

  text(value: string, ctx: Context, extra: Partial<IRunOptions> = {}, link?: string): void {
    let t = value.replace(/[ \t\n\r\f]+/g, ' ');
    if (this.space) t = t.replace(/^ /, '');
    if (t === '') return;
    this.space = t.endsWith(' ');
    const runs: ParagraphChild[] = [];
    for (const part of t.match(SCRIPT_RUNS) ?? []) {
      runs.push(
        new TextRun({
          text: part,
          ...(ctx.bold ? { bold: true } : {}),
          ...(ctx.italic ? { italics: true } : {}),
          color: link ? hex(ACCENT) : hex(ctx.color),
          size: Math.round(ctx.size * 2),
          // Capitals as a run property: the text stays as written (what the HTML says), Word shows it in capitals.
          ...(ctx.uppercase ? { allCaps: true } : {}),
          ...(link ? { underline: {} } : {}),
          ...(RTL.test(part) ? { rightToLeft: true } : {}),
          ...(CJK.test(part) ? { font: { hint: 'eastAsia' as const } } : {}),
          ...extra,
        }),
      );
    }
    if (link) this.children.push(new ExternalHyperlink({ link, children: runs as TextRun[] }));
    else append(this.children, runs);
  }

  lineBreak(ctx: Context): void {
    this.children.push(new TextRun({ break: 1, size: Math.round(ctx.size * 2) }));
    this.space = true;
  }

  inline(nodes: readonly ElementContent[], ctx: Context, ancestors: string[], link?: string): void {
    for (const n of nodes) {
      if (n.type === 'text') this.text(n.value, ctx, {}, link);
      else if (n.type === 'element') {
        const tag = n.tagName;
        if (tag === 'br') this.lineBreak(ctx);
        else if (tag === 'input') {
          // A task-list checkbox: ☑ done, ☐ to do.
          this.text(n.properties?.checked ? '☑ ' : '☐ ', ctx);
        } else if (tag === 'img') {
          const alt = String(n.properties?.alt ?? '');
          const image = ctx.images?.get(String(n.properties?.src ?? ''));
          if (image && (image.type === 'png' || image.type === 'jpeg')) {
            // At its HTML size (CSS pixels, as Word's), narrowed to the column (twips / 15 = px).
            const w = Math.min(Number(n.properties?.width) || image.width, image.width, ctx.width / 15);
            const picture = { width: Math.round(w), height: Math.round((w * image.height) / image.width) };
            this.children.push(
              new ImageRun({
                type: image.type === 'jpeg' ? 'jpg' : 'png',
                data: image.bytes,
                transformation: picture,
                altText: { name: alt || 'image', description: alt, title: alt },
              }),
            );
            this.space = false;
          } else if (alt) this.text(`[${alt}]`, ctx);
        } else if (tag === 'a') {
          const href = String(n.properties?.href ?? '');
          this.inline(n.children, inherit(ctx, styleOf(n, ancestors)), ancestors, SAFE_LINK.test(href) ? href : undefined);
        } else if (tag === 'code' || tag === 'kbd') {
          this.styled(n, ctx, ancestors, { font: 'Courier New' }, link);
        } else {
          const sub = inherit(ctx, styleOf(n, ancestors));
          if (tag === 'del' || tag === 's') this.styled(n, sub, ancestors, { strike: true }, link);
          else if (tag === 'sub') this.styled(n, sub, ancestors, { subScript: true }, link);
          else if (tag === 'sup') this.styled(n, sub, ancestors, { superScript: true }, link);
          else if (tag === 'u') this.styled(n, sub, ancestors, { underline: {} }, link);
          else this.inline(n.children, sub, [...ancestors, ...classes(n)], link);
        }
      }
    }
  }

  private styled(n: Element, ctx: Context, ancestors: string[], extra: Partial<IRunOptions>, link?: string): void {
    for (const c of n.children) {
      if (c.type === 'text') this.text(c.value, ctx, extra, link);
      else if (c.type === 'element') this.inline([c], ctx, ancestors, link);
    }
  }
}

function isBlock(n: ElementContent): boolean {
  return n.type === 'element' && !INLINE.has(n.tagName);
}

function textOf(n: ElementContent | Root): string {
  if (n.type === 'text') return n.value;
  if (n.type === 'element' || n.type === 'root') return n.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

class Writer {
  readonly blocks: Block[] = [];
  private instance = 0;

  paragraph(runs: Runs, ctx: Context, s: Style, el: Element | null, extra: Partial<IParagraphOptions> = {}): Paragraph {
    const heading = el && el.tagName in HEADINGS ? HEADINGS[el.tagName as keyof typeof HEADINGS] : undefined;
    const p = new Paragraph({
      children: runs.children,
      ...(heading ? { heading } : {}),
      alignment: ALIGN[ctx.align],
      spacing: { before: twips(s.marginTop ?? 0), after: twips(s.marginBottom ?? 3) },
      ...(ctx.indent ? { indent: { left: ctx.indent } } : {}),
      ...(s.keepWithNext || heading ? { keepNext: true, keepLines: true } : {}),
      ...(ctx.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: ctx.fill } } : {}),
      ...(s.rule ? { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: hex(ACCENT), space: 1 } } } : {}),
      ...extra,
    });
    return p;
  }

  /** Blocks of a container; inline runs between blocks make anonymous paragraphs. */
  blocksOf(nodes: readonly ElementContent[], ctx: Context, ancestors: string[], out: Block[]): void {
    let pending: ElementContent[] = [];
    const flush = () => {
      if (pending.some((n) => textOf(n).trim() !== '' || (n.type === 'element' && (n.tagName === 'img' || n.tagName === 'input')))) {
        const runs = new Runs();
        runs.inline(pending, ctx, ancestors);
        out.push(this.paragraph(runs, ctx, { marginBottom: 3 }, null));
      }
      pending = [];
    };
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (!isBlock(n)) {
        pending.push(n);
        continue;
      }
      flush();
      const el = n as Element;
      // Consecutive timed rows of a programme make one borderless table.
      if (classes(el).includes('item')) {
        const items: Element[] = [];
        let j = i;
        for (; j < nodes.length; j++) {
          const m = nodes[j];
          if (m.type === 'text' && m.value.trim() === '') continue;
          if (m.type === 'element' && classes(m).includes('item')) items.push(m);
          else break;
        }
        out.push(this.items(items, ctx, ancestors));
        i = j - 1;
        continue;
      }
      this.block(el, ctx, ancestors, out);
    }
    flush();
  }

  block(el: Element, parent: Context, ancestors: string[], out: Block[]): void {
    const tag = el.tagName;
    const s = styleOf(el, ancestors);
    const ctx = inherit(parent, s);
    const anc = [...ancestors, ...classes(el)];
    if (tag === 'table') {
      out.push(this.table(el, ctx, anc));
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      this.list(el, ctx, anc, out);
      return;
    }
    if (tag === 'hr') {
      out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'BFBFBF', space: 1 } } }));
      return;
    }
    if (tag === 'blockquote') {
      this.blocksOf(el.children, { ...ctx, indent: parent.indent + twips(14) }, anc, out);
      return;
    }
    const hasBlocks = el.children.some(isBlock);
    if (!hasBlocks && tag !== 'div' && tag !== 'section' && tag !== 'header') {
      // A paragraph-like element: p, h1–h4, pre, li content…
      const runs = new Runs();
      runs.inline(el.children, ctx, anc);
      if (runs.children.length === 0 && tag === 'p') return;
      out.push(this.paragraph(runs, ctx, s, el));
      return;
    }
    // Containers (section, div, header…): their children, with the container's style inherited.
    this.blocksOf(el.children, ctx, anc, out);
  }

  private list(el: Element, ctx: Context, ancestors: string[], out: Block[]): void {
    const ordered = el.tagName === 'ol';
    const cls = classes(el);
    const tasks = cls.includes('contains-task-list');
    const dash = cls.includes('speakers');
    const level = ctx.list ? Math.min(8, ctx.list.level + 1) : 0;
    const reference = ordered ? 'coop-numbers' : dash ? 'coop-dashes' : 'coop-bullets';
    const instance = ordered ? ++this.instance : 0;
    for (const li of el.children) {
      if (li.type !== 'element' || li.tagName !== 'li') continue;
      const liStyle = styleOf(li, ancestors);
      const liCtx = { ...inherit(ctx, liStyle), list: { reference, level, instance } };
      const anc = [...ancestors, ...classes(li)];
      // The item's first paragraph carries the number; what follows is indented with it.
      let first = true;
      const inlineNodes: ElementContent[] = [];
      const left = LIST_INDENT * (level + 1) + liCtx.indent;
      const push = (runs: Runs, s: Style, source: Element | null) => {
        // A task item has its checkbox for a marker: no list number, the same hanging indent.
        const marker = tasks ? { indent: { left, hanging: 300 } } : { numbering: { reference, level, instance } };
        out.push(
          this.paragraph(
            runs,
            { ...liCtx, align: liCtx.align === 'justify' && tasks ? 'left' : liCtx.align },
            { ...s, marginBottom: s.marginBottom ?? 1 },
            source,
            {
              ...(first ? marker : { indent: { left } }),
            },
          ),
        );
        first = false;
      };
      const flush = () => {
        if (inlineNodes.some((n) => textOf(n).trim() !== '' || n.type === 'element')) {
          const runs = new Runs();
          runs.inline(inlineNodes, liCtx, anc);
          push(runs, liStyle, null);
        }
        inlineNodes.length = 0;
      };
      for (const c of li.children) {
        if (!isBlock(c)) {
          inlineNodes.push(c);
          continue;
        }
        flush();
        const ce = c as Element;
        if (ce.tagName === 'p') {
          const runs = new Runs();
          runs.inline(ce.children, liCtx, anc);
          push(runs, styleOf(ce, anc), null);
        } else if (ce.tagName === 'ul' || ce.tagName === 'ol') this.list(ce, liCtx, anc, out);
        else if (first) {
          // A block first in an item (a blockquote): the number on an empty line before it is odd; print it inline.
          const runs = new Runs();
          runs.inline(ce.children, liCtx, anc);
          push(runs, styleOf(ce, anc), null);
        } else this.block(ce, { ...liCtx, list: null, indent: LIST_INDENT * (level + 1) + liCtx.indent }, anc, out);
      }
      flush();
      if (first) push(new Runs(), liStyle, null); // an empty item still shows its marker
    }
  }

  /** Programme rows: the time in a left column, the item beside it; a row never breaks across pages. */
  private items(items: Element[], ctx: Context, ancestors: string[]): Table {
    const gutter = 1700;
    const rows = items.map((item) => {
      const s = styleOf(item, ancestors);
      const itemCtx = inherit(ctx, s);
      const anc = [...ancestors, ...classes(item)];
      const when = item.children.find((c): c is Element => c.type === 'element' && classes(c).includes('when'));
      const rest = item.children.filter((c) => c !== when);
      const whenBlocks: Block[] = [];
      if (when) this.block(when, { ...itemCtx, indent: 0 }, anc, whenBlocks);
      const restBlocks: Block[] = [];
      this.blocksOf(rest, { ...itemCtx, indent: 0, width: ctx.width - gutter }, anc, restBlocks);
      const shading = itemCtx.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: itemCtx.fill } : undefined;
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            children: whenBlocks.length ? whenBlocks : [new Paragraph({})],
            width: { size: gutter, type: WidthType.DXA },
            ...(shading ? { shading } : {}),
          }),
          new TableCell({
            children: restBlocks.length ? restBlocks : [new Paragraph({})],
            width: { size: ctx.width - gutter, type: WidthType.DXA },
            ...(shading ? { shading } : {}),
          }),
        ],
      });
    });
    return new Table({
      rows,
      width: { size: ctx.width, type: WidthType.DXA },
      columnWidths: [gutter, ctx.width - gutter],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      margins: { top: 40, bottom: 60, left: 60, right: 60 },
    });
  }

  private table(el: Element, ctx: Context, ancestors: string[]): Table {
    const rows: Array<{ header: boolean; cells: Element[] }> = [];
    const collect = (n: Element, header: boolean) => {
      for (const c of n.children) {
        if (c.type !== 'element') continue;
        if (c.tagName === 'tr')
          rows.push({ header, cells: c.children.filter((x): x is Element => x.type === 'element' && (x.tagName === 'td' || x.tagName === 'th')) });
        else if (c.tagName === 'thead') collect(c, true);
        else if (c.tagName === 'tbody' || c.tagName === 'tfoot') collect(c, false);
      }
    };
    collect(el, false);
    const cols = Math.max(1, ...rows.map((r) => r.cells.reduce((n, c) => n + Math.max(1, Number(c.properties?.colSpan ?? 1) || 1), 0)));
    // Column widths from the longest text of each column (a name, a role), within bounds.
    // Never narrower than its longest word ("Présence" must not break), as far as the page allows.
    const longest = Array.from({ length: cols }, () => 4);
    const word = Array.from({ length: cols }, () => 3);
    for (const r of rows) {
      r.cells.forEach((c, i) => {
        if (i >= cols) return;
        const t = textOf(c).trim();
        longest[i] = Math.max(longest[i], Math.min(45, t.length));
        for (const w of t.split(/[\s/]+/)) word[i] = Math.max(word[i], Math.min(24, w.length));
      });
    }
    const size = ctx.size;
    const minimum = word.map((w) => Math.round(w * size * 0.62 * 20) + 220);
    const total = longest.reduce((a, b) => a + b, 0);
    let widths = longest.map((l, i) => Math.max(minimum[i], Math.floor((ctx.width * l) / total)));
    const sum = widths.reduce((a, b) => a + b, 0);
    if (sum > ctx.width) {
      // Take the excess from the columns above their minimum, in proportion.
      const slack = widths.reduce((a, w, i) => a + (w - minimum[i]), 0);
      const excess = sum - ctx.width;
      widths = widths.map((w, i) => (slack > 0 ? w - Math.round(((w - minimum[i]) * Math.min(excess, slack)) / slack) : Math.floor((w * ctx.width) / sum)));
    }
    // The timetable grid (#18): a narrow time column, the rooms in equal columns.
    const grid = classes(el).includes('grid');
    if (grid && cols > 1) widths = [Math.round(ctx.width * 0.09), ...Array.from({ length: cols - 1 }, () => Math.floor((ctx.width * 0.91) / (cols - 1)))];
    const columnWidths = widths.map((w) => Math.max(300, w));
    const plain = classes(el).includes('facts');
    // Where each cell sits once the row spans above it are counted (as HTML lays a table out).
    const taken = rows.map(() => new Set<number>());
    const rowSpanOf = (c: Element) => Math.max(1, Math.min(1000, Number(c.properties?.rowSpan ?? 1) || 1));
    const at = rows.map((r, ri) => {
      let col = 0;
      return r.cells.map((c) => {
        while (taken[ri].has(col)) col++;
        const start = col;
        const span = Math.max(1, Number(c.properties?.colSpan ?? 1) || 1);
        for (let k = ri + 1; k < Math.min(rows.length, ri + rowSpanOf(c)); k++) for (let j = col; j < col + span; j++) taken[k].add(j);
        col += span;
        return start;
      });
    });
    const widthAt = (start: number, span: number) => {
      let w = 0;
      for (let k = start; k < start + span; k++) w += columnWidths[k] ?? 0;
      return w || 1000;
    };
    const tableRows = rows.map(
      (r, ri) =>
        new TableRow({
          tableHeader: r.header,
          cantSplit: true,
          children: r.cells.map((c, i) => {
            const s = styleOf(c, ancestors);
            const cellCtx = inherit(ctx, s);
            const anc = [...ancestors, ...classes(c)];
            const blocks: Block[] = [];
            if (c.children.some(isBlock))
              this.blocksOf(
                c.children,
                { ...cellCtx, indent: 0, width: widthAt(at[ri][i], Math.max(1, Number(c.properties?.colSpan ?? 1) || 1)), align: 'left' },
                anc,
                blocks,
              );
            else {
              const runs = new Runs();
              runs.inline(c.children, { ...cellCtx, align: 'left' }, anc);
              blocks.push(this.paragraph(runs, { ...cellCtx, indent: 0, fill: null, align: 'left' }, { marginBottom: 0 }, null));
            }
            const span = Math.max(1, Number(c.properties?.colSpan ?? 1) || 1);
            const rowSpan = Math.min(rowSpanOf(c), rows.length - ri);
            return new TableCell({
              children: blocks.length ? blocks : [new Paragraph({})],
              width: { size: widthAt(at[ri][i], span), type: WidthType.DXA },
              ...(span > 1 ? { columnSpan: span } : {}),
              ...(rowSpan > 1 ? { rowSpan } : {}),
              ...(r.header || (c.tagName === 'th' && !plain)
                ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' } }
                : cellCtx.fill
                  ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: cellCtx.fill } }
                  : {}),
            });
          }),
        }),
    );
    return new Table({
      rows: tableRows,
      width: { size: ctx.width, type: WidthType.DXA },
      columnWidths,
      layout: TableLayoutType.FIXED,
      borders: plain ? NO_BORDERS : GRID,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  }
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const line = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const GRID = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

function numberingLevels(format: 'bullet' | 'decimal' | 'dash') {
  const bullets = ['•', '◦', '▪'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'decimal' ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: format === 'decimal' ? `%${level + 1}.` : format === 'dash' ? '–' : bullets[level % 3],
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: 300 } } },
  }));
}

export async function renderDocx(doc: DocumentTree): Promise<Uint8Array> {
  const l = labels[doc.locale];
  const portrait = !doc.landscape;
  const pageWidth = portrait ? A4.width : A4.height;
  const width = pageWidth - 2 * MARGIN;
  const root: Context = {
    size: BASE_SIZE,
    color: '#111111',
    bold: false,
    italic: false,
    uppercase: false,
    align: 'left',
    width,
    indent: 0,
    fill: null,
    list: null,
    images: doc.images,
  };
  const writer = new Writer();
  const body = new PartByPart(function* () {
    for (const part of doc.body.parts()) {
      const blocks: Block[] = [];
      writer.blocksOf(part.children as ElementContent[], root, [], blocks);
      yield blocks;
    }
  });

  const title = applyTypography(doc.title, doc.locale);
  const small = (text: string, color = MUTED) => new TextRun({ text, size: 16, color: hex(color) });
  const headerParagraphs: Paragraph[] = [];
  if (doc.draft) {
    headerParagraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${l.draft} — ${l.draftNotice}`, bold: true, color: 'BB0000', size: 18 }),
          new TextWatermark({ text: l.draft, font: FONT, color: 'F2B8B8', opacity: 0.5 }),
        ],
      }),
    );
  }
  if (doc.header) headerParagraphs.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [small(applyTypography(doc.header, doc.locale))] }));
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          small(`${title} — ${l.page} `),
          new TextRun({ children: [PageNumber.CURRENT], size: 16, color: hex(MUTED) }),
          small(` ${l.of} `),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: hex(MUTED) }),
        ],
      }),
    ],
  });
  const lang = doc.locale === 'en' ? 'en-GB' : 'fr-FR';
  const heading = (size: number, extra: Record<string, unknown> = {}) => ({
    run: { font: FONT, size: size * 2, bold: true, color: hex(ACCENT) },
    paragraph: { keepNext: true, keepLines: true },
    ...extra,
  });
  const document = new Document({
    title,
    subject: doc.subject,
    creator: doc.author,
    lastModifiedBy: 'coop',
    description: doc.draft ? `${l.draft} — ${l.draftNotice}` : undefined,
    revision: 1,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: EAST_ASIA_FONT },
            size: BASE_SIZE * 2,
            language: { value: lang, eastAsia: 'zh-CN', bidirectional: 'ar-SA' },
          },
          paragraph: { spacing: { after: 60, line: 264 } },
        },
        heading1: heading(17),
        heading2: heading(13.5),
        heading3: { run: { font: FONT, size: 23, bold: true, color: '111111' }, paragraph: { keepNext: true, keepLines: true } },
        heading4: { run: { font: FONT, size: 21, bold: true, color: '111111' }, paragraph: { keepNext: true, keepLines: true } },
        hyperlink: { run: { color: hex(ACCENT), underline: {} } },
      },
    },
    numbering: {
      config: [
        { reference: 'coop-bullets', levels: numberingLevels('bullet') },
        { reference: 'coop-dashes', levels: numberingLevels('dash') },
        { reference: 'coop-numbers', levels: numberingLevels('decimal') },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: portrait ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: headerParagraphs.length ? { default: new Header({ children: headerParagraphs }) } : undefined,
        footers: { default: footer },
        children: [body],
      },
    ],
  });
  return reproducible(await packageFiles(document), doc.date);
}

/**
 * The body's blocks, made part by part (DocumentBody.parts) while docx formats the document:
 * a part's hast tree and docx components are dropped once formatted, so the components of
 * the whole body never exist at once. The 10,000-item programme's components took 220 MB of
 * heap on top of what docx formats and writes from them: its Word file did not fit in 500 MB
 * of heap, and now fits in 300 MB.
 *
 * It stands in the section's children where the blocks would: docx formats a container's
 * children with `flatMap`, so the array returned takes its elements' places, and each block
 * is formatted as its container would format it (its `writtenAs` parts, in order, with the
 * same stack: this component does not push itself), in the same order, so numbering,
 * hyperlinks and images are registered as they were. A body without blocks is one empty
 * paragraph.
 */
class PartByPart extends FileChild {
  constructor(private readonly blocks: () => Iterable<Block[]>) {
    super('w:body');
  }

  override prepForXml(context: IContext): IXmlableObject {
    const out: IXmlableObject[] = [];
    const format = (block: Block) => {
      const parts = block.writtenAs;
      for (const c of parts ?? [block]) {
        const x = c.prepForXml(context);
        if (x !== undefined) out.push(x);
      }
    };
    for (const blocks of this.blocks()) for (const block of blocks) format(block);
    if (out.length === 0) format(new Paragraph({}));
    // An array where docx expects one element: its container flattens it (see above).
    return out as IXmlableObject;
  }
}

/** docx's compiler: the package's files as docx would zip them. */
interface DocxCompiler {
  compile(file: Document, prettify: undefined, overrides: never[]): Map<string, string | Uint8Array>;
}

/**
 * The files of the Word package, unzipped: taken from docx's compiler (a static of `Packer`
 * that docx 9 does not document) as `Packer.toBuffer` zips them, rather than zipped by docx and
 * unzipped here again (the seminar's build spent 4 % of its time on that round trip); through
 * `toBuffer` when a docx version has no such compiler.
 */
async function packageFiles(document: Document): Promise<Record<string, Uint8Array>> {
  const compiler = Reflect.get(Packer, 'compiler') as Partial<DocxCompiler> | undefined;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.toBuffer(document));
  const files: Record<string, Uint8Array> = {};
  // What docx's zip does with each file: strings in UTF-8, a path given twice keeps its first place and its last data.
  for (const [name, data] of compiler.compile(document, undefined, [])) {
    files[name] = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return files;
}

/**
 * The same bytes for the same input: docx stamps the zip entries and the document's
 * created/modified dates with the current time, and draws hyperlink relationship ids at
 * random. The package's files are zipped with the document's date, the dates set to it, and the
 * drawn ids renumbered in the order they appear.
 */
export function reproducible(files: Record<string, Uint8Array>, date: Date): Uint8Array {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ids = new Map<string, string>();
  const rels = Object.keys(files).filter((n) => n.endsWith('.rels'));
  for (const name of rels) {
    for (const m of strFromU8(files[name]).matchAll(/\bId="([^"]+)"/g)) {
      if (!/^rId\d+$/.test(m[1]) && !ids.has(m[1])) ids.set(m[1], `rIdLink${ids.size + 1}`);
    }
  }
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    let bytesOut = data;
    const header = /^word\/header\d*\.xml$/.test(name);
    if (name === 'docProps/core.xml' || header || (ids.size > 0 && (name.endsWith('.xml') || name.endsWith('.rels')))) {
      let xml = strFromU8(data);
      if (name === 'docProps/core.xml') xml = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${iso}$2`);
      // A draft's watermark shape gets a random id from docx too.
      if (header) {
        let n = 0;
        xml = xml.replace(/\bPowerPlusWaterMarkObject[\w-]*/g, () => `PowerPlusWaterMarkObject${++n}`);
      }
      for (const [from, to] of ids) xml = xml.split(`"${from}"`).join(`"${to}"`);
      bytesOut = strToU8(xml);
    }
    out[name] = [bytesOut, { mtime: date }];
  }
  return zipSync(out, { level: 6, mtime: date });
}
