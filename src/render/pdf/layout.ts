/**
 * Block layout: the document tree to a flow of slices (see boxes.ts). One function per kind of
 * block, each laying its element out once: the slices it makes carry their heights and their
 * boxes, and drawing replays them. Tables are in tables.ts, the line layout in lines.ts.
 */
import type { Element, ElementContent, Root } from 'hast';
import { Break, tag, type Box, type Role, type Slice, type Tag } from './boxes.js';
import { Flow, mergeColumns } from './flow.js';
import { layoutLines, type Align, type Line, type TextRun } from './lines.js';
import { collectRuns, plainRuns } from './runs.js';
import { classes, INLINE, inherit, MUTED, styleOf, type Computed, type Style } from '../styles.js';
import { layoutTable } from './tables.js';
import { layoutGridPage } from './grid.js';
import type { DocumentTree } from '../document.js';

/** The space between two lines of a paragraph, beside the fonts' own line height. */
export const LINE_GAP = 1.2;

const WS = /[ \t\n\r\f]+/g;
const CONTAINERS: Record<string, Role> = {
  section: 'Sect',
  article: 'Sect',
  div: 'Div',
  header: 'Div',
  footer: 'Div',
  main: 'Div',
  aside: 'Div',
  nav: 'Div',
  figure: 'Figure',
};
const HEADINGS: Record<string, Role> = { h1: 'H1', h2: 'H2', h3: 'H3', h4: 'H4', h5: 'H5', h6: 'H6' };

/** The page area slices are laid out for. */
export interface Frame {
  /** Top and bottom of the content area, from the top of the page. */
  top: number;
  bottom: number;
  left: number;
  width: number;
  pageWidth: number;
  pageHeight: number;
}

export function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && !INLINE.has(node.tagName);
}

export function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  let s = '';
  for (const c of node.children) s += textOf(c as ElementContent);
  return s;
}

/** Split children into blocks and runs of inline content (whitespace-only runs dropped). */
export function group(nodes: readonly ElementContent[]): Array<Element | ElementContent[]> {
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

export class Layout {
  /** Lines of runs already laid out, by width (table cells repeat on every sheet). */
  private readonly lineCache = new WeakMap<TextRun[], Map<string, Line[]>>();

  constructor(
    readonly frame: Frame,
    /** The document's images by `src` (logos). */
    private readonly images: DocumentTree['images'] = undefined,
  ) {}

  /** The height slices may take on one page. */
  get pageRoom(): number {
    return this.frame.bottom - this.frame.top;
  }

  /** Lines of a paragraph (memoised for shared runs). */
  lines(runs: TextRun[], width: number, align: Align, cache = false): Line[] {
    if (!cache) return layoutLines(runs, { width, align, lineGap: LINE_GAP });
    let byWidth = this.lineCache.get(runs);
    if (!byWidth) this.lineCache.set(runs, (byWidth = new Map()));
    const key = `${width}|${align}`;
    let lines = byWidth.get(key);
    if (!lines) byWidth.set(key, (lines = layoutLines(runs, { width, align, lineGap: LINE_GAP })));
    return lines;
  }

  /** Lay out sibling nodes as blocks; runs of inline content form anonymous paragraphs. */
  blocks(nodes: readonly ElementContent[], x: number, width: number, c: Computed, anc: readonly string[], flow: Flow, parent: Tag | null): void {
    for (const g of group(nodes)) {
      if (Array.isArray(g)) this.inline(g, x, width, c, anc, flow, tag('P', parent), false);
      else this.element(g, x, width, c, anc, flow, parent);
    }
  }

  /** Slices of a paragraph of runs: one per line, widows and orphans of two lines. */
  paragraph(runs: TextRun[], x: number, width: number, c: Computed, flow: Flow, t: Tag, justify: boolean, extra: Box[] = []): Slice[] {
    if (runs.length === 0) return [];
    const align: Align = c.align === 'justify' ? (justify ? 'justify' : 'left') : c.align;
    return this.lineSlices(this.lines(runs, width, align), x, flow, t, extra);
  }

  /**
   * Inline content as a paragraph. An image of the document in the middle of the text (not on
   * a line of its own, see imageBlock) is drawn where the HTML shows it in the reading order:
   * the text before it ends its line, the image follows as a block (a Figure with its Alt,
   * inside the paragraph's element), and the text resumes under it.
   */
  private inline(
    nodes: readonly ElementContent[],
    x: number,
    width: number,
    c: Computed,
    anc: readonly string[],
    flow: Flow,
    t: Tag,
    justify: boolean,
    preserve = false,
  ): void {
    const parts = this.images?.size ? splitAtImages(nodes, this.images) : [nodes];
    for (const part of parts) {
      if ('type' in part) this.image(part, x, width, flow, t);
      else this.paragraph(collectRuns(part, c, anc, preserve), x, width, c, flow, t, justify);
    }
  }

  /** Whether inline content holds an image of the document (then it goes through `blocks`, which draws it). */
  holdsImage(nodes: readonly ElementContent[]): boolean {
    const images = this.images;
    return !!images?.size && nodes.some((n) => holdsImage(n, images));
  }

  lineSlices(lines: readonly Line[], x: number, flow: Flow, t: Tag | null, extra: Box[] = []): Slice[] {
    const n = lines.length;
    const made: Slice[] = [];
    lines.forEach((line, i) => {
      const boxes: Box[] = [{ kind: 'line', x, y: 0, line, tag: t }];
      if (i === 0) for (const b of extra) boxes.push(b);
      // A page may break after the second line and before the last two.
      const brk = i === 0 ? Break.Auto : i === 1 || i >= n - 1 ? Break.Avoid : Break.Auto;
      const s: Slice = { before: 0, height: line.height, boxes, brk, groups: null };
      made.push(s);
      flow.push(s);
    });
    return made;
  }

  element(el: Element, x: number, width: number, parent: Computed, ancestors: readonly string[], flow: Flow, parentTag: Tag | null): void {
    const cls = classes(el);
    if (cls.includes('page-break')) {
      flow.breakNext();
      return;
    }
    // The timetable grid (#18): positioned blocks, see grid.ts.
    if (cls.includes('grid-page')) return layoutGridPage(this, el, x, width, parent, ancestors, flow, parentTag);
    if (cls.includes('logos')) return this.logoRow(el, x, width, flow, parentTag);
    if (el.tagName === 'p' && this.imagesOnly(el)) return this.imageBlock(el, x, width, flow, parentTag);
    if (el.tagName === 'hr') {
      flow.push({
        before: 0,
        height: 8,
        boxes: [{ kind: 'rule', x1: x, y1: 3, x2: x + width, y2: 3, width: 0.5, color: '#999999' }],
        brk: Break.Auto,
        groups: null,
      });
      return;
    }
    const s = styleOf(el, ancestors);
    const c = inherit(parent, s);
    const anc = cls.length ? [...ancestors, ...cls] : ancestors;
    const role =
      HEADINGS[el.tagName] ??
      CONTAINERS[el.tagName] ??
      (el.tagName === 'blockquote' ? 'BlockQuote' : el.tagName === 'ul' || el.tagName === 'ol' ? 'L' : el.tagName === 'table' ? 'Table' : 'P');
    const t = tag(role, parentTag, el);
    if (s.marginTop) flow.space += s.marginTop;
    const indent = s.indent ?? 0;
    if (s.background || s.border) flow.groups.push({ x, width, fill: s.background, border: s.border, padX: 3, padY: 1 });
    if (s.keepTogether && !s.gutter) this.kept(el, x, width, c, anc, flow, t, s);
    else if (HEADINGS[el.tagName]) this.heading(el, x + indent, width - indent, c, anc, flow, t, s);
    else if (el.tagName === 'ul' || el.tagName === 'ol') this.list(el, x + indent, width - indent, c, s, anc, flow, t);
    else if (el.tagName === 'table') layoutTable(this, el, x, width, c, anc, flow, t);
    else if (cls.includes('badges')) this.badgeGrid(el, c, anc, flow, t);
    else if (s.gutter) this.timedRow(el, x, width, c, s.gutter, anc, flow, t, s.keepTogether === true);
    else if (el.children.every((n) => !isBlock(n))) {
      const justify = el.tagName === 'p' || cls.includes('justify');
      this.inline(el.children, x + indent, width - indent, c, anc, flow, t, justify, el.tagName === 'pre');
    } else this.blocks(el.children, x + indent, width - indent, c, anc, flow, t);
    if (s.background || s.border) flow.groups.pop();
    if (s.marginBottom) flow.space += s.marginBottom;
    if (s.keepWithNext) flow.keepNext();
  }

  /** A row of logos (`p.logos`), 40 pt high (narrower if the row is wider than the page), centred; each a Figure. */
  private logoRow(el: Element, x: number, width: number, flow: Flow, parentTag: Tag | null): void {
    const imgs = el.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'img');
    const found = imgs.flatMap((img) => {
      const image = this.images?.get(String(img.properties?.src ?? ''));
      return image ? [{ img, image }] : [];
    });
    if (found.length === 0) return;
    const GAP = 14;
    let h = 40;
    const widthAt = (hh: number) => found.reduce((s, f) => s + (hh * f.image.width) / f.image.height, 0) + GAP * (found.length - 1);
    if (widthAt(h) > width) h = Math.max(8, (h * (width - GAP * (found.length - 1))) / (widthAt(h) - GAP * (found.length - 1)));
    let cx = x + (width - widthAt(h)) / 2;
    const boxes: Box[] = [];
    for (const { img, image } of found) {
      const w = (h * image.width) / image.height;
      const alt = typeof img.properties?.alt === 'string' ? img.properties.alt.trim() : '';
      boxes.push({ kind: 'image', x: cx, y: 0, w, h, bytes: image.bytes, tag: alt ? tag('Figure', parentTag, img) : null });
      cx += w + GAP;
    }
    flow.push({ before: 0, height: h + 8, boxes, brk: Break.Auto, groups: null, unit: 'kept' });
  }

  /** A paragraph that holds images of the document and nothing else (`![alt](plan.png)` on its own line). */
  private imagesOnly(el: Element): boolean {
    let found = false;
    for (const n of el.children) {
      if (n.type === 'text' && n.value.trim() === '') continue;
      if (n.type !== 'element' || n.tagName !== 'img' || !this.images?.has(String(n.properties?.src ?? ''))) return false;
      found = true;
    }
    return found;
  }

  /**
   * Images of the text, one under the other: at their size (a pixel as 0.75 pt), narrowed to the
   * column and to two thirds of the page's height, each kept whole on a page; a Figure with its Alt.
   */
  private imageBlock(el: Element, x: number, width: number, flow: Flow, parentTag: Tag | null): void {
    for (const img of el.children) if (img.type === 'element') this.image(img, x, width, flow, parentTag);
  }

  /** One image of the document (`img`, its `src` among the document's images) as a kept block. */
  private image(img: Element, x: number, width: number, flow: Flow, parentTag: Tag | null): void {
    const image = this.images!.get(String(img.properties?.src ?? ''))!;
    let w = Math.min(width, image.width * 0.75);
    let h = (w * image.height) / image.width;
    const maxH = (this.pageRoom * 2) / 3;
    if (h > maxH) {
      w = (w * maxH) / h;
      h = maxH;
    }
    const alt = typeof img.properties?.alt === 'string' ? img.properties.alt.trim() : '';
    const box: Box = { kind: 'image', x: x + (width - w) / 2, y: 0, w, h, bytes: image.bytes, tag: alt ? tag('Figure', parentTag, img) : null };
    flow.push({ before: 4, height: h + 8, boxes: [box], brk: Break.Auto, groups: null, unit: 'kept' });
  }

  /** A heading: never justified, bookmarked (h2, h3), ruled under (h2). */
  private heading(el: Element, x: number, width: number, c: Computed, anc: readonly string[], flow: Flow, t: Tag, s: Style): void {
    const outline: Box[] = [];
    if (el.tagName === 'h2' || el.tagName === 'h3') {
      const title = textOf(el).replace(WS, ' ').trim();
      if (title) outline.push({ kind: 'outline', title, level: el.tagName === 'h2' ? 1 : 2 });
    }
    const made = this.paragraph(collectRuns(el.children, c, anc), x, width, c, flow, t, false, outline);
    // The lines of a heading stay together.
    for (let i = 1; i < made.length; i++) made[i].brk = Break.Avoid;
    if (s.rule && made.length) {
      const last = made[made.length - 1];
      last.boxes.push({ kind: 'rule', x1: x, y1: last.height, x2: x + width, y2: last.height, width: 0.6, color: c.color });
      last.height += 2;
    }
  }

  /** A block kept on one page when it fits one (else laid out as it comes). */
  private kept(el: Element, x: number, width: number, c: Computed, anc: readonly string[], flow: Flow, t: Tag, s: Style): void {
    const inner = new Flow();
    const indent = s.indent ?? 0;
    this.blocks(el.children, x + indent, width - indent, c, anc, inner, t);
    this.merge([inner], flow, true);
  }

  /**
   * Columns laid out side by side, pushed to `flow`: one slice when `kept` and it fits a page,
   * else bands cut where every column allows it.
   */
  merge(columns: Flow[], flow: Flow, kept: boolean, unit: 'kept' | 'row' = 'kept'): void {
    let h = 0;
    for (const col of columns) h = Math.max(h, col.height());
    const atomic = kept && h <= this.pageRoom * 0.9;
    const first = columns.map((col) => col.slices[0]).filter(Boolean);
    // The first band keeps what the first slices asked of the slice before (a heading's keep).
    const brk = first.some((s) => s.brk === Break.Always) ? Break.Always : first.some((s) => s.brk === Break.Avoid) ? Break.Avoid : Break.Auto;
    const bands = mergeColumns(
      columns.map((col) => ({ slices: col.slices })),
      { padTop: 0, padBottom: 0, minHeight: 0, atomic, unit: atomic ? unit : undefined },
    );
    bands.forEach((b, i) => {
      if (i === 0) b.brk = brk;
      flow.push(b);
    });
  }

  /** A `.item`: its `.when` child in the left gutter, the rest beside it. */
  private timedRow(el: Element, x: number, width: number, c: Computed, gutter: number, anc: readonly string[], flow: Flow, t: Tag, kept: boolean): void {
    const kids = el.children.filter((n): n is Element => n.type === 'element');
    const when = kids.find((k) => classes(k).includes('when'));
    const rest = kids.filter((k) => k !== when);
    const left = new Flow();
    if (when) this.element(when, x, gutter - 6, c, anc, left, t);
    const right = new Flow();
    this.blocks(rest, x + gutter, width - gutter, c, anc, right, t);
    // The columns' first margins are the row's.
    for (const col of [left, right]) if (col.slices[0]) col.slices[0].before = 0;
    this.merge([left, right], flow, kept);
  }

  private list(el: Element, x: number, width: number, c: Computed, s: Style, anc: readonly string[], flow: Flow, t: Tag): void {
    const items = el.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'li');
    const ordered = el.tagName === 'ol';
    const marker = s.marker ?? (ordered ? '1.' : '•');
    const start = Number(el.properties?.start ?? 1) || 1;
    const digits = String(start + items.length - 1).length;
    const indent = ordered ? 12 + 6 * digits : 11;
    items.forEach((item, i) => {
      // A task (GFM task list): its ballot box is the item's label, the text hangs beside it.
      const task = taskBox(item);
      const li = task ? task.li : item;
      const label = task ? task.label : ordered ? `${start + i}.` : marker;
      const ls = styleOf(li, anc);
      const lc = inherit(c, ls);
      const liTag = tag('LI', t, li);
      const labelFlow = new Flow();
      if (label) {
        const runs = plainRuns(label, { ...lc, color: MUTED, bold: false, italic: false, align: 'left', rise: 0 });
        this.paragraph(runs, x, indent - 2, lc, labelFlow, tag('Lbl', liTag), false);
      }
      const body = new Flow();
      const lcls = classes(li);
      this.blocks(li.children, x + indent, width - indent, lc, lcls.length ? [...anc, ...lcls] : anc, body, tag('LBody', liTag));
      if (body.slices[0]) body.slices[0].before = 0;
      if (ls.marginTop) flow.space += ls.marginTop;
      if (ls.background || ls.border) flow.groups.push({ x: x + indent, width: width - indent, fill: ls.background, border: ls.border, padX: 3, padY: 1 });
      this.merge([labelFlow, body], flow, false);
      if (ls.background || ls.border) flow.groups.pop();
      if (ls.marginBottom) flow.space += ls.marginBottom;
    });
  }

  /**
   * Name badges on label sheets: `.badges` children are laid out in a grid of cells covering
   * the whole A4 page (2 x 4 or 2 x 5), with light cut lines, each badge centred in its cell.
   */
  private badgeGrid(el: Element, c: Computed, anc: readonly string[], flow: Flow, t: Tag): void {
    const rowsPerPage = classes(el).includes('badges-2x5') ? 5 : 4;
    const cols = 2;
    const { pageWidth: pw, pageHeight: ph } = this.frame;
    const cw = pw / cols;
    const ch = ph / rowsPerPage;
    const badges = el.children.filter((n): n is Element => n.type === 'element');
    const perPage = cols * rowsPerPage;
    const inner = [...anc, ...classes(el)];
    for (let p = 0; p < badges.length; p += perPage) {
      const boxes: Box[] = [];
      for (let slot = 0; slot < perPage && p + slot < badges.length; slot++) {
        const b = badges[p + slot];
        const bx = (slot % cols) * cw;
        const by = Math.floor(slot / cols) * ch;
        const cut = (x1: number, y1: number, x2: number, y2: number): Box => ({ kind: 'rule', x1, y1, x2, y2, width: 0.3, color: '#bbbbbb', dash: 3 });
        boxes.push(cut(bx, by, bx + cw, by), cut(bx, by + ch, bx + cw, by + ch), cut(bx, by, bx, by + ch), cut(bx + cw, by, bx + cw, by + ch));
        const badgeFlow = new Flow();
        this.blocks(b.children, bx + 18, cw - 36, { ...c, align: 'center' }, [...inner, ...classes(b)], badgeFlow, tag('Div', t, b));
        const h = badgeFlow.height();
        let y = by + Math.max(10, (ch - h) / 2);
        badgeFlow.slices.forEach((s, i) => {
          if (i > 0) y += s.before;
          for (const box of s.boxes)
            boxes.push(box.kind === 'line' ? { ...box, y: box.y + y } : box.kind === 'rule' ? { ...box, y1: box.y1 + y, y2: box.y2 + y } : box);
          y += s.height;
        });
      }
      flow.push({ before: 0, height: ph, boxes, brk: p > 0 ? Break.Always : Break.Auto, groups: null, unit: 'kept' });
    }
  }
}

/**
 * Inline content cut at the images of the document it holds (at any depth: inside a link or an
 * emphasis too): the pieces of content between them, each element around a cut repeated on
 * both sides (its style and link go on), and the images themselves, in order. Content without
 * such an image comes back whole, as one piece.
 */
export function splitAtImages(nodes: readonly ElementContent[], images: ReadonlyMap<string, unknown>): Array<readonly ElementContent[] | Element> {
  const isImage = (n: ElementContent): boolean => n.type === 'element' && n.tagName === 'img' && images.has(String(n.properties?.src ?? ''));
  const holds = (n: ElementContent): boolean => holdsImage(n, images);
  if (!nodes.some(holds)) return [nodes];
  const out: Array<ElementContent[] | Element> = [[]];
  const add = (made: ElementContent[]) => {
    const piece = out[out.length - 1] as ElementContent[];
    for (const m of made) piece.push(m);
  };
  const walk = (n: ElementContent, wrap: (kids: ElementContent[]) => ElementContent[]) => {
    if (isImage(n)) {
      out.push(n as Element, []);
    } else if (n.type === 'element' && n.children.some(holds)) {
      const inner = (kids: ElementContent[]) => wrap([{ ...n, children: kids }]);
      let run: ElementContent[] = [];
      const flush = () => {
        if (run.length) add(inner(run));
        run = [];
      };
      for (const k of n.children) {
        if (holds(k)) {
          flush();
          walk(k, inner);
        } else run.push(k);
      }
      flush();
    } else add(wrap([n]));
  };
  for (const n of nodes) walk(n, (kids) => kids);
  return out.filter((p) => 'type' in p || p.length > 0);
}

/** Whether `n` is, or holds, an image of the document. */
function holdsImage(n: ElementContent, images: ReadonlyMap<string, unknown>): boolean {
  if (n.type !== 'element') return false;
  if (n.tagName === 'img') return images.has(String(n.properties?.src ?? ''));
  return n.children.some((k) => holdsImage(k, images));
}

/** A task item's ballot box as its label, and the item without it. */
function taskBox(li: Element): { label: string; li: Element } | null {
  const box = (n: ElementContent | undefined): Element | null =>
    n?.type === 'element' && n.tagName === 'input' && n.properties?.type === 'checkbox' ? n : null;
  const firstOf = (kids: ElementContent[]) => kids.find((n) => !(n.type === 'text' && n.value.trim() === ''));
  const first = firstOf(li.children);
  const own = box(first);
  if (own) return { label: own.properties.checked ? '☑' : '☐', li: { ...li, children: li.children.filter((n) => n !== own) } };
  // A loose list: the box opens the item's first paragraph.
  if (first?.type === 'element' && first.tagName === 'p') {
    const inner = box(firstOf(first.children));
    if (inner) {
      const p: Element = { ...first, children: first.children.filter((n) => n !== inner) };
      return { label: inner.properties.checked ? '☑' : '☐', li: { ...li, children: li.children.map((n) => (n === first ? p : n)) } };
    }
  }
  return null;
}
