/**
 * The timetable grid (issue #18): a `section.grid-page` holding a `table.grid` (made by
 * templates/partials/grid-table.hbs from src/render/grid.ts), laid out as positioned blocks.
 *
 * The table is read as HTML lays it out (row and column spans); each body row that carries
 * `data-start`/`data-end` (minutes) is a stretch of time, as tall as its minutes times the
 * page's scale; the other rows (session headings, breaks) are bands as tall as their text. A
 * block is a cell: its top and height follow its rows, so blocks of parallel sessions sit side
 * by side at the heights of their times. The scale is chosen so that the grid, the headings
 * above it and the notes below it fill one page; a grid that would need a scale below
 * `SCALE_MIN` goes on over several pages, cut only where no block crosses.
 *
 * A block whose text does not fit its height shows the lines that fit and a note number
 * ("→ 3", a label); the rest of its lines go to the notes under the grid, unchanged (measured
 * once, at the block's width). Their content is written right after the block's own lines, so
 * the PDF's text reads in the HTML's order — block by block, each whole — wherever the lines
 * are drawn (see test/same-text.ts), and every line box keeps the tag of the element it comes
 * from (a tagged PDF will put the moved lines in their block's structure element).
 */
import type { Element, ElementContent } from 'hast';
import { Break, tag, type Box, type Slice, type Tag } from './boxes.js';
import { Flow, shift } from './flow.js';
import { group, type Layout } from './layout.js';
import { type Line } from './lines.js';
import { collectRuns, plainRuns } from './runs.js';
import { ACCENT, classes, FRAME, HEAD_FILL, inherit, SHADE, styleOf, type Computed } from '../styles.js';

/** Width of the time ruler (the HTML view uses the same, src/render/grid.ts). */
const RULER = 34;
/** Space between a block's frame and its text. */
const PAD_X = 3;
const PAD_Y = 2;
/** A block at least this wide puts its time in a gutter beside its text. */
const WIDE = 240;
const GUTTER = 64;
/** Room kept at a block's right for its note number. */
const MARKER_W = 14;
/** Points per minute: the most a grid is stretched, and the least floor below which it goes on over pages (see `floor`). */
const SCALE_MAX = 6;
const SCALE_MIN = 0.8;
/** The most the least scale can be (one-minute items): a block of a minute holds a line. */
const SCALE_FLOOR_MAX = 24;
const UNIT_GAP = 0.8;
const NOTE_LABEL = 16;
const NOTE_GAP = 10;
const NOTES_TOP = 7;
const CONFLICT = '#c00000';
const TICK = '#c9d3de';
const LANE_RULE = '#dde3ea';
const RULER_RULE = '#9aa9bb';

const FILLS: Record<string, string> = {
  'item-debate': SHADE,
  'item-discussion': SHADE,
  'item-break': '#efece3',
  'item-meal': '#efece3',
  'session-break': '#efece3',
  'session-meal': '#efece3',
  'grid-session': '#f4f7fa',
};

interface GridCell {
  el: Element;
  row: number;
  col: number;
  rows: number;
  cols: number;
  ruler: boolean;
  cls: string[];
  /** An empty cell (a free stretch of a lane): nothing is drawn. */
  empty: boolean;
}

interface GridRow {
  el: Element;
  /** Minutes of a stretch of time; null for a band (sized by its text). */
  minutes: number | null;
  /** Its start, minutes since midnight (a timed row). */
  start: number | null;
  /** The end of the time a band covers without drawing it to scale (a break), minutes. */
  until: number | null;
}

interface Parsed {
  head: GridCell[];
  headRow: Element | null;
  rows: GridRow[];
  /** Body cells in document order. */
  cells: GridCell[];
  ncols: number;
}

const elements = (n: Element) => n.children.filter((k): k is Element => k.type === 'element');
const spanOf = (v: unknown) => Math.max(1, Math.min(1000, Number(v ?? 1) || 1));

/** The table as HTML lays it out: each cell's row, column and spans. */
function parse(table: Element): Parsed {
  let headRow: Element | null = null;
  const bodyRows: Element[] = [];
  for (const sec of elements(table)) {
    if (sec.tagName === 'thead') headRow ??= elements(sec).find((r) => r.tagName === 'tr') ?? null;
    else if (sec.tagName === 'tbody' || sec.tagName === 'tfoot') {
      for (const r of elements(sec)) if (r.tagName === 'tr') bodyRows.push(r);
    } else if (sec.tagName === 'tr') bodyRows.push(sec);
  }
  const cellsOf = (tr: Element) => elements(tr).filter((c) => c.tagName === 'td' || c.tagName === 'th');
  const head: GridCell[] = [];
  let hc = 0;
  if (headRow) {
    for (const el of cellsOf(headRow)) {
      const cols = spanOf(el.properties?.colSpan);
      head.push({ el, row: 0, col: hc, rows: 1, cols, ruler: hc === 0, cls: classes(el), empty: false });
      hc += cols;
    }
  }
  const rows: GridRow[] = bodyRows.map((el) => {
    const a = Number(el.properties?.dataStart);
    const b = Number(el.properties?.dataEnd);
    const timed = el.properties?.dataStart !== undefined && Number.isFinite(a) && Number.isFinite(b);
    const until = Number(el.properties?.dataUntil);
    return {
      el,
      minutes: timed ? Math.max(0, Math.min(24 * 60, b - a)) : null,
      start: timed ? a : null,
      until: !timed && el.properties?.dataUntil !== undefined && Number.isFinite(until) ? until : null,
    };
  });
  // The slot grid: which (row, column) a span above already takes.
  const taken: Array<Set<number>> = rows.map(() => new Set());
  const cells: GridCell[] = [];
  let ncols = hc;
  rows.forEach((r, ri) => {
    let col = 0;
    for (const el of cellsOf(r.el)) {
      while (taken[ri].has(col)) col++;
      const cols = spanOf(el.properties?.colSpan);
      const span = Math.min(spanOf(el.properties?.rowSpan), rows.length - ri);
      for (let k = ri; k < ri + span; k++) for (let j = col; j < col + cols; j++) taken[k].add(j);
      const cls = classes(el);
      const empty = cls.includes('grid-empty') || cls.includes('grid-gap') || el.children.every((k) => k.type === 'text' && k.value.trim() === '');
      cells.push({ el, row: ri, col, rows: span, cols, ruler: el.tagName === 'th' && col === 0, cls, empty });
      col += cols;
      if (col > ncols) ncols = col;
    }
  });
  return { head, headRow, rows, cells, ncols: Math.max(ncols, 2) };
}

/** A line of a block, at its place in the block's content (x from the content's left, y from its top). */
interface Placed {
  line: Line;
  dx: number;
  dy: number;
  tag: Tag;
}

interface Content {
  lines: Placed[];
  height: number;
}

/** A block's text laid out at one width: its units (paragraphs, list items) one under the other, its time in a gutter when wide. */
class BlockText {
  private readonly byWidth = new Map<number, Content>();
  private readonly units: Array<{ el: Element | null; nodes: readonly ElementContent[]; c: Computed; anc: readonly string[]; tag: Tag; when: boolean }> = [];

  constructor(
    private readonly L: Layout,
    cell: Element,
    c: Computed,
    anc: readonly string[],
    readonly cellTag: Tag,
  ) {
    const cc = inherit(c, styleOf(cell, anc));
    const cls = classes(cell);
    const walk = (nodes: readonly ElementContent[], pc: Computed, pa: readonly string[], parent: Tag) => {
      for (const g of group(nodes)) {
        if (Array.isArray(g)) {
          this.units.push({ el: null, nodes: g, c: pc, anc: pa, tag: tag('P', parent), when: false });
          continue;
        }
        const gc = classes(g);
        const ec = inherit(pc, styleOf(g, pa));
        const ea = gc.length ? [...pa, ...gc] : pa;
        if (g.tagName === 'ul' || g.tagName === 'ol') {
          const list = tag('L', parent, g);
          for (const li of elements(g).filter((k) => k.tagName === 'li')) {
            const lic = classes(li);
            const liTag = tag('LI', list, li);
            walk(li.children, inherit(ec, styleOf(li, ea)), lic.length ? [...ea, ...lic] : ea, tag('LBody', liTag));
          }
        } else if (g.children.some((k) => k.type === 'element' && !isInline(k))) {
          walk(g.children, ec, ea, tag(g.tagName === 'section' ? 'Sect' : 'Div', parent, g));
        } else {
          const role = /^h[1-6]$/.test(g.tagName) ? (g.tagName.toUpperCase() as Tag['role']) : 'P';
          this.units.push({ el: g, nodes: g.children, c: ec, anc: ea, tag: tag(role, parent, g), when: gc.includes('grid-when') });
        }
      }
    };
    walk(cell.children, cc, cls.length ? [...anc, ...cls] : anc, cellTag);
  }

  get isEmpty(): boolean {
    return this.units.length === 0;
  }

  /** The lines at a content width (each width laid out once). */
  at(width: number): Content {
    let got = this.byWidth.get(width);
    if (got) return got;
    const out: Placed[] = [];
    const gutter = width >= WIDE && this.units[0]?.when === true;
    let y = 0;
    let gutterBottom = 0;
    let started = false;
    this.units.forEach((u, i) => {
      const runs = collectRuns(u.nodes, u.c, u.anc);
      if (runs.length === 0) return;
      const inGutter = gutter && i === 0;
      const w = inGutter ? GUTTER - 4 : gutter ? width - GUTTER : width;
      const dx = gutter && !inGutter ? GUTTER : 0;
      let uy = inGutter ? 0 : y + (started ? UNIT_GAP : 0);
      for (const line of this.L.lines(runs, Math.max(8, w), u.c.align === 'justify' ? 'left' : u.c.align)) {
        out.push({ line, dx, dy: uy, tag: u.tag });
        uy += line.height;
      }
      if (inGutter) gutterBottom = uy;
      else {
        y = uy;
        started = true;
      }
    });
    got = { lines: out, height: Math.max(y, gutterBottom) };
    this.byWidth.set(width, got);
    return got;
  }
}

function isInline(n: Element): boolean {
  return ['a', 'abbr', 'b', 'br', 'code', 'del', 'em', 'i', 'kbd', 'mark', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'wbr'].includes(
    n.tagName,
  );
}

/** What of a block shows at a given height: the lines that fit, the rest for a note. */
interface Fit {
  shown: Placed[];
  rest: Placed[];
}

function fit(text: BlockText, width: number, avail: number): Fit {
  const full = text.at(width);
  if (fits(full, avail)) return { shown: full.lines, rest: [] };
  // It overflows: laid out again beside its note number.
  const narrow = text.at(Math.max(8, width - MARKER_W));
  let k = 0;
  while (k < narrow.lines.length && narrow.lines[k].dy + narrow.lines[k].line.height <= avail + 0.01) k++;
  return { shown: narrow.lines.slice(0, k), rest: narrow.lines.slice(k) };
}

const fits = (c: Content, avail: number) => c.height <= avail + 0.01;

/** The label runs of note `n` (the block's marker, and the note's number). */
const labelStyle = (c: Computed): Computed => ({ ...c, size: 6.5, bold: true, italic: false, color: ACCENT, align: 'left', rise: 0 });

interface Note {
  n: number;
  cell: GridCell;
  lines: Placed[];
  /** The smallest `dx` of its lines (a wide block's text beside its time gutter). */
  left: number;
  width: number;
  height: number;
  /** Where the note is drawn, from the top of the notes area. */
  x: number;
  y: number;
}

/** Notes in balanced columns under the grid: their positions and the area's height. */
function placeNotes(notes: Note[], width: number): number {
  if (notes.length === 0) return 0;
  let colW = 0;
  for (const n of notes) colW = Math.max(colW, NOTE_LABEL + n.width);
  colW = Math.min(colW, width);
  const ncols = Math.max(1, Math.floor((width + NOTE_GAP) / (colW + NOTE_GAP)));
  // Columns filled one after the other up to the share of each plus the tallest note: the last
  // one then always has room for the rest (what pagination counts on).
  let total = 0;
  let tallest = 0;
  for (const n of notes) {
    total += n.height + 1;
    tallest = Math.max(tallest, n.height + 1);
  }
  const target = total / ncols + tallest;
  let col = 0;
  let y = 0;
  let h = 0;
  for (const n of notes) {
    if (y > 0 && y + n.height + 1 > target + 0.01 && col < ncols - 1) {
      col++;
      y = 0;
    }
    n.x = col * (colW + NOTE_GAP);
    n.y = y;
    y += n.height + 1;
    h = Math.max(h, y);
  }
  return NOTES_TOP + h;
}

/** A block's note: the lines of it that did not fit, keeping their places relative to each other. */
function noteOf(f: Fit, cell: GridCell, n: number): Note {
  let left = Infinity;
  for (const p of f.rest) left = Math.min(left, p.dx);
  let w = 0;
  let h = 0;
  const top = f.rest[0].dy;
  for (const p of f.rest) {
    w = Math.max(w, p.dx - left + p.line.width);
    h = Math.max(h, p.dy - top + p.line.height);
  }
  return { n, cell, lines: f.rest, left, width: w, height: h, x: 0, y: 0 };
}

/** The rows a grid page holds and the scale it is drawn at. */
interface PagePlan {
  from: number;
  to: number;
  scale: number;
}

export function layoutGridPage(L: Layout, el: Element, x: number, width: number, c: Computed, anc: readonly string[], flow: Flow, parent: Tag | null): void {
  const cls = classes(el);
  const sect = tag('Sect', parent, el);
  const innerAnc = cls.length ? [...anc, ...cls] : anc;
  const sc = inherit(c, styleOf(el, anc));
  const kids = el.children;
  const at = kids.findIndex((k) => k.type === 'element' && k.tagName === 'table' && classes(k).includes('grid'));
  flow.breakNext();
  if (at < 0) {
    L.blocks(kids, x, width, sc, innerAnc, flow, sect);
    return;
  }
  const pre = new Flow();
  L.blocks(kids.slice(0, at), x, width, sc, innerAnc, pre, sect);
  const post = new Flow();
  L.blocks(kids.slice(at + 1), x, width, sc, innerAnc, post, sect);
  if (post.slices.length) post.slices[0].before = Math.max(post.slices[0].before, 4);
  const postH = post.slices.length ? post.height() + post.slices[0].before : 0;
  const preH = pre.slices.length ? pre.height() + 4 : 0;
  const pages = gridSlices(L, kids[at] as Element, x, width, sc, innerAnc, sect, L.pageRoom - preH, postH);
  // A page the grid goes on to repeats the headings above it, as an artifact.
  const repeat: Box[] = [];
  let y = 0;
  pre.slices.forEach((s, i) => {
    if (i > 0) y += s.before;
    for (const b of s.boxes) {
      if (b.kind === 'outline') continue;
      const moved = shift(b, y);
      repeat.push(moved.kind === 'line' ? { ...moved, artifact: true } : moved);
    }
    y += s.height;
  });
  for (const s of pre.slices) flow.push(s);
  pages.forEach((s, i) => {
    if (i === 0) {
      s.before = pre.slices.length ? 4 : 0;
      s.brk = pre.slices.length ? Break.Avoid : s.brk;
    } else {
      s.brk = Break.Always;
      if (repeat.length) {
        s.boxes = [...repeat, ...s.boxes.map((b) => shift(b, preH))];
        s.height += preH;
      }
    }
    flow.push(s);
  });
  post.slices.forEach((s, i) => {
    if (i === 0) s.brk = Break.Avoid;
    flow.push(s);
  });
}

/**
 * The grid as page slices: one when it fits a page, else cut where no block crosses. `room`:
 * the height a page has for the grid; `after`: what the last page keeps under it (the legend
 * and the notes of the document).
 */
function gridSlices(
  L: Layout,
  table: Element,
  x: number,
  width: number,
  c: Computed,
  anc: readonly string[],
  parent: Tag,
  room: number,
  after: number,
): Slice[] {
  const g = parse(table);
  const tableTag = tag('Table', parent, table);
  const tcls = classes(table);
  const tanc = tcls.length ? [...anc, ...tcls] : anc;
  const tc = inherit(c, styleOf(table, anc));
  const laneW = (width - RULER) / (g.ncols - 1);
  const colX = (col: number) => x + (col === 0 ? 0 : RULER + (col - 1) * laneW);
  const widthOf = (cell: GridCell) => (cell.col === 0 ? RULER + Math.max(0, cell.cols - 1) * laneW : cell.cols * laneW);

  // Tags: THead / TBody, a TR per row, a TH or TD per cell.
  const headTag = tag('THead', tableTag);
  const bodyTag = tag('TBody', tableTag);
  const headRowTag = g.headRow ? tag('TR', headTag, g.headRow) : null;
  const rowTags = g.rows.map((r) => tag('TR', bodyTag, r.el));
  const cellTag = (cell: GridCell, rowTag: Tag | null) => tag(cell.el.tagName === 'th' ? 'TH' : 'TD', rowTag, cell.el);

  // The column headers, laid out once (repeated, as an artifact, on a page the grid goes on to).
  const head = g.head.map((cell) => ({ cell, text: new BlockText(L, cell.el, tc, tanc, cellTag(cell, headRowTag)) }));
  let headH = 0;
  for (const h of head) headH = Math.max(headH, h.text.at(widthOf(h.cell) - 2 * PAD_X).height);
  headH = g.head.length ? headH + 2 * PAD_Y + 1 : 0;

  const texts = g.cells.map((cell) => (cell.empty ? null : new BlockText(L, cell.el, tc, tanc, cellTag(cell, rowTags[cell.row]))));
  // The cells starting in each row: a page visits its own rows only.
  const byRow: number[][] = g.rows.map(() => []);
  g.cells.forEach((cell, i) => {
    byRow[cell.row].push(i);
  });
  const eachCell = (from: number, to: number, f: (cell: GridCell, i: number) => void) => {
    for (let r = from; r < to; r++) for (const i of byRow[r]) f(g.cells[i], i);
  };
  const inner = (cell: GridCell) => widthOf(cell) - 2 - 2 * PAD_X;
  // Bands: as tall as their text.
  const bandH = g.rows.map(() => 0);
  g.cells.forEach((cell, i) => {
    const t = texts[i];
    if (!t || g.rows[cell.row].minutes !== null || cell.rows !== 1) return;
    bandH[cell.row] = Math.max(bandH[cell.row], t.at(inner(cell)).height + 2 * PAD_Y + 2);
  });
  g.rows.forEach((r, i) => {
    if (r.minutes === null) bandH[i] = Math.max(bandH[i], 8);
  });
  const heightOf = (r: number, scale: number) => (g.rows[r].minutes === null ? bandH[r] : g.rows[r].minutes! * scale);

  /** Each cell's fit at a scale: what shows, what goes to a note (depends on the cell's own rows only). */
  const fitCache = new Map<number, Array<Fit | null>>();
  const fitsAt = (scale: number): Array<Fit | null> => {
    let got = fitCache.get(scale);
    if (got) return got;
    got = g.cells.map((cell, i) => {
      const t = texts[i];
      if (!t) return null;
      // A ruler's time is a label over its rows: never moved to a note.
      if (cell.ruler) return { shown: t.at(inner(cell)).lines, rest: [] };
      let h = 0;
      for (let r = cell.row; r < cell.row + cell.rows; r++) h += heightOf(r, scale);
      return fit(t, inner(cell), h - 2 * PAD_Y - 1);
    });
    if (fitCache.size > 64) fitCache.clear();
    fitCache.set(scale, got);
    return got;
  };
  /** The notes of the cells starting in rows [from, to) at a scale. */
  const notesAt = (from: number, to: number, scale: number): Note[] => {
    const fits = fitsAt(scale);
    const notes: Note[] = [];
    eachCell(from, to, (cell, i) => {
      const f = fits[i];
      if (f?.rest.length) notes.push(noteOf(f, cell, notes.length + 1));
    });
    return notes;
  };

  const minutesIn = (from: number, to: number) => {
    let m = 0;
    for (let r = from; r < to; r++) m += g.rows[r].minutes ?? 0;
    return m;
  };
  const bandsIn = (from: number, to: number) => {
    let h = 0;
    for (let r = from; r < to; r++) h += g.rows[r].minutes === null ? bandH[r] : 0;
    return h;
  };

  /** The scale at which rows [from, to) and their notes fill `avail`, or null below `floor`. */
  const scaleFor = (from: number, to: number, avail: number, floor: number): number | null => {
    const m = minutesIn(from, to);
    const fixed = headH + bandsIn(from, to);
    if (m === 0) return fixed <= avail ? SCALE_MAX : null;
    let notesH = 0;
    for (let k = 0; k < 8; k++) {
      const s = Math.min(SCALE_MAX, (avail - fixed - notesH) / m);
      if (s < floor) return null;
      const h = placeNotes(notesAt(from, to, s), width);
      if (fixed + m * s + h <= avail + 0.01) return s;
      notesH = Math.max(h, notesH + 1);
    }
    return null;
  };

  // The least scale worth a page: the one at which most blocks show their first line.
  const oneLine: number[] = [];
  g.cells.forEach((cell, i) => {
    const t = texts[i];
    if (!t || cell.ruler) return;
    let m = 0;
    for (let r = cell.row; r < cell.row + cell.rows; r++) {
      if (g.rows[r].minutes === null) return;
      m += g.rows[r].minutes!;
    }
    let first = 0;
    for (const p of t.at(inner(cell)).lines) if (p.dy === 0) first = Math.max(first, p.line.height);
    if (m > 0) oneLine.push((first + 2 * PAD_Y + 1.5) / m);
  });
  oneLine.sort((a, b) => a - b);
  const floor = Math.min(SCALE_FLOOR_MAX, Math.max(SCALE_MIN, oneLine.length ? oneLine[Math.floor((oneLine.length - 1) * 0.8)] : SCALE_MIN));

  const n = g.rows.length;
  let plans: PagePlan[] = [];
  const whole = scaleFor(0, n, room - after, floor);
  if (whole !== null) plans.push({ from: 0, to: n, scale: whole });
  else {
    // Over several pages, cut between rows that no block crosses; best where the ruler has a
    // tick too (`clean`).
    const crossing = new Array<boolean>(n + 1).fill(false);
    const ruled = new Array<boolean>(n + 1).fill(false);
    for (const cell of g.cells) for (let r = cell.row + 1; r < cell.row + cell.rows; r++) (cell.ruler ? ruled : crossing)[r] = true;
    const cuts: number[] = [];
    for (let r = 1; r < n; r++) if (!crossing[r]) cuts.push(r);
    cuts.push(n);
    const clean = (r: number) => r === n || !ruled[r];
    /** Pages at scale s, greedily (the notes counted in one column: an upper bound). */
    const paginate = (s: number): PagePlan[] => {
      const fits = fitsAt(s);
      // Each row's notes: their total height, the tallest and the widest (for the columns they take).
      const rowNotes = new Array<number>(n).fill(0);
      const rowTallest = new Array<number>(n).fill(0);
      const rowWidest = new Array<number>(n).fill(0);
      g.cells.forEach((cell, i) => {
        const f = fits[i];
        if (!f?.rest.length) return;
        const note = noteOf(f, cell, 0);
        rowNotes[cell.row] += note.height + 1;
        rowTallest[cell.row] = Math.max(rowTallest[cell.row], note.height + 1);
        rowWidest[cell.row] = Math.max(rowWidest[cell.row], NOTE_LABEL + note.width);
      });
      const out: PagePlan[] = [];
      let from = 0;
      let k = 0;
      while (from < n) {
        let best = -1;
        let bands = 0;
        let minutes = 0;
        let notes = 0;
        let tallest = 0;
        let widest = 0;
        let bestClean = -1;
        let cleanHeight = 0;
        let r = from;
        for (let j = k; j < cuts.length; j++) {
          for (; r < cuts[j]; r++) {
            if (g.rows[r].minutes === null) bands += bandH[r];
            else minutes += g.rows[r].minutes!;
            notes += rowNotes[r];
            tallest = Math.max(tallest, rowTallest[r]);
            widest = Math.max(widest, rowWidest[r]);
          }
          // The notes in balanced columns (see placeNotes): no column taller than its share plus one note.
          const ncols = Math.max(1, Math.floor((width + NOTE_GAP) / (Math.min(widest, width) + NOTE_GAP)));
          const h = headH + bands + minutes * s + (notes ? NOTES_TOP + notes / ncols + tallest : 0);
          if (h <= room + 0.01 && (cuts[j] < n || h + after <= room + 0.01)) {
            best = j;
            if (clean(cuts[j])) {
              bestClean = j;
              cleanHeight = h;
            }
          } else if (h > room + 0.01) break;
        }
        // A cut at a tick of the ruler, unless that leaves much of the page empty.
        if (best >= 0 && !clean(cuts[best]) && bestClean >= 0 && cleanHeight >= room * 0.6) best = bestClean;
        if (best < 0) {
          // One run taller than a page: squeezed onto it.
          const to = cuts[k];
          const avail = to === n ? room - after : room;
          out.push({
            from,
            to,
            scale: scaleFor(from, to, avail, 0.05) ?? Math.max(0.05, (avail - headH - bandsIn(from, to)) / Math.max(1, minutesIn(from, to))),
          });
          from = to;
          k++;
        } else {
          out.push({ from, to: cuts[best], scale: s });
          from = cuts[best];
          k = best + 1;
        }
      }
      return out;
    };
    plans = paginate(floor);
    // As large a scale as keeps that many pages: the pages filled, not the first ones only.
    let lo = floor;
    let hi = Math.max(SCALE_MAX, floor * 2);
    for (let i = 0; i < 10; i++) {
      const mid = (lo + hi) / 2;
      if (paginate(mid).length <= plans.length) lo = mid;
      else hi = mid;
    }
    plans = paginate(lo);
  }

  return plans.map((plan, pi) => drawPage(plan, pi > 0));

  function drawPage(plan: PagePlan, continued: boolean): Slice {
    const { from, to, scale } = plan;
    const rowH = (r: number) => heightOf(r, scale);
    const rowY: number[] = [];
    let y = headH;
    for (let r = from; r < to; r++) {
      rowY[r] = y;
      y += rowH(r);
    }
    const gridBottom = y;
    const fitsBy = fitsAt(scale);
    const notes = notesAt(from, to, scale);
    const notesH = placeNotes(notes, width);
    const noteByCell = new Map<GridCell, Note>();
    for (const note of notes) noteByCell.set(note.cell, note);
    const boxes: Box[] = [];
    const rule = (x1: number, y1: number, x2: number, y2: number, color: string, w = 0.4): Box => ({ kind: 'rule', x1, y1, x2, y2, width: w, color });
    const place = (p: Placed, bx: number, by: number, t: Tag | null = p.tag) => boxes.push({ kind: 'line', x: bx + p.dx, y: by + p.dy, line: p.line, tag: t });
    // Column headers.
    if (headH) {
      boxes.push({ kind: 'rect', x, y: 0, w: width, h: headH, color: HEAD_FILL });
      for (const h of head) {
        const content = h.text.at(widthOf(h.cell) - 2 * PAD_X);
        // A header repeated on a page the grid goes on to is an artifact (as a table's).
        for (const p of content.lines)
          boxes.push({ kind: 'line', x: colX(h.cell.col) + PAD_X + p.dx, y: PAD_Y + p.dy, line: p.line, tag: p.tag, artifact: continued });
      }
    }
    // Ruler ticks and lane rules, under the blocks.
    eachCell(from, to, (cell) => {
      if (cell.ruler) boxes.push(rule(x, rowY[cell.row], x + width, rowY[cell.row], TICK));
    });
    for (let r = from; r < to; r++)
      if (g.rows[r].minutes === null) boxes.push({ kind: 'rect', x: x + RULER, y: rowY[r], w: width - RULER, h: rowH(r), color: '#fbfcfd' });
    const laneTop = headH ? 0 : rowY[from];
    for (const h of head)
      if (h.cell.col > 0)
        boxes.push(rule(colX(h.cell.col), laneTop, colX(h.cell.col), gridBottom, h.cell.col === 1 ? RULER_RULE : LANE_RULE, h.cell.col === 1 ? 0.5 : 0.4));
    boxes.push(rule(x, gridBottom, x + width, gridBottom, FRAME, 0.5));
    // Where time jumps (nothing scheduled between two stretches: lunch), a dashed rule.
    let lastEnd: number | null = null;
    let afterLast = from;
    for (let r = from; r < to; r++) {
      const row = g.rows[r];
      if (row.until !== null && lastEnd !== null) lastEnd = Math.max(lastEnd, row.until);
      if (row.start === null) continue;
      if (lastEnd !== null && row.start > lastEnd)
        boxes.push({ kind: 'rule', x1: x, y1: rowY[afterLast], x2: x + width, y2: rowY[afterLast], width: 0.8, color: FRAME, dash: 2 });
      lastEnd = row.start + row.minutes!;
      afterLast = r + 1;
    }
    if (headH) boxes.push(rule(x, headH, x + width, headH, FRAME, 0.5));
    // The cells, in the order the HTML reads them; a block's note right after it.
    eachCell(from, to, (cell, i) => {
      const t = texts[i];
      if (!t) return;
      const f = fitsBy[i]!;
      const top = rowY[cell.row];
      let h = 0;
      for (let r = cell.row; r < cell.row + cell.rows; r++) h += rowH(r);
      const cx = colX(cell.col);
      const cw = widthOf(cell);
      if (cell.ruler) {
        for (const p of f.shown) place(p, cx + 1 + PAD_X, top + PAD_Y);
      } else {
        const conflict = cell.cls.includes('grid-conflict');
        const fill = cell.cls.map((k) => FILLS[k]).find(Boolean) ?? '#ffffff';
        const bx = cx + 1;
        const bw = cw - 2;
        const by = top + 0.5;
        const bh = h - 1;
        boxes.push({ kind: 'rect', x: bx, y: by, w: bw, h: bh, color: conflict ? '#fdeeee' : fill });
        const frame = conflict ? CONFLICT : FRAME;
        const lw = conflict ? 1.2 : 0.5;
        boxes.push(
          rule(bx, by, bx + bw, by, frame, lw),
          rule(bx, by + bh, bx + bw, by + bh, frame, lw),
          rule(bx, by, bx, by + bh, frame, lw),
          rule(bx + bw, by, bx + bw, by + bh, frame, lw),
        );
        if (cell.cls.includes('grid-session') && !conflict) boxes.push({ kind: 'rect', x: bx, y: by, w: 2, h: bh, color: ACCENT });
        for (const p of f.shown) place(p, bx + PAD_X, by + PAD_Y);
        const note = noteByCell.get(cell);
        if (note) {
          const label = `→${note.n}`;
          const m = L.lines(plainRuns(label, labelStyle(c)), MARKER_W + 10, 'left')[0];
          const mTag = tag('Lbl', t.cellTag);
          if (m) boxes.push({ kind: 'line', x: bx + bw - PAD_X - m.width, y: Math.max(by + 0.5, by + bh - PAD_Y - m.height), line: m, tag: mTag });
          // The note: its number (a label), then the block's other lines, where the notes are.
          const ny = gridBottom + NOTES_TOP + note.y;
          const nl = L.lines(plainRuns(`${note.n}.`, labelStyle(c)), NOTE_LABEL, 'left')[0];
          if (nl) boxes.push({ kind: 'line', x: x + note.x, y: ny + 0.5, line: nl, tag: mTag });
          const first = note.lines[0].dy;
          for (const p of note.lines)
            boxes.push({ kind: 'line', x: x + note.x + NOTE_LABEL + p.dx - note.left, y: ny + p.dy - first, line: p.line, tag: p.tag });
        }
      }
    });
    if (notes.length) boxes.push(rule(x, gridBottom + NOTES_TOP / 2, x + Math.min(width, 160), gridBottom + NOTES_TOP / 2, LANE_RULE));
    return { before: 0, height: gridBottom + notesH, boxes, brk: Break.Auto, groups: null, unit: 'kept' };
  }
}
