/**
 * The flow slices are laid out into, and the merging of side-by-side columns (a table row's
 * cells, a timed row's time and content, a list item's label and body) into slices.
 */
import { Break, type Box, type Group, type Slice } from './boxes.js';

export class Flow {
  readonly slices: Slice[] = [];
  /** Space waiting to go above the next slice (margins). */
  space = 0;
  /** How the next slice may follow the previous one. */
  brk: Break = Break.Auto;
  /** Decorations open around what is laid out now, outermost first. */
  readonly groups: Group[] = [];

  /** `sink`: where slices go as they are made (the paginator); else they are kept in `slices`. */
  constructor(private readonly sink: ((s: Slice) => void) | null = null) {}

  /** Lines still to keep with what came before (after a heading). */
  private keepLines = 0;

  push(s: Slice): void {
    s.before += this.space;
    this.space = 0;
    if (this.brk === Break.Always) s.brk = Break.Always;
    else if (this.brk === Break.Avoid && s.brk === Break.Auto) s.brk = Break.Avoid;
    this.brk = Break.Auto;
    if (this.keepLines > 0) {
      // A heading keeps its first two lines, or the first kept block (a timed row, a table row).
      this.keepLines = s.unit ? 0 : this.keepLines - 1;
      if (this.keepLines > 0) this.brk = Break.Avoid;
    }
    if (this.groups.length) s.groups = s.groups ? [...this.groups, ...s.groups] : this.groups.slice();
    if (this.sink) this.sink(s);
    else this.slices.push(s);
  }

  /** Keep what follows with the previous slice: its first two lines, or its first kept block (a heading with its text). */
  keepNext(): void {
    if (this.brk !== Break.Always) this.brk = Break.Avoid;
    this.keepLines = 2;
  }

  /** Start the next slice on a new page. */
  breakNext(): void {
    this.brk = Break.Always;
  }

  /** The height of the slices laid out so far (kept, not sunk), with the space between them. */
  height(): number {
    let h = 0;
    this.slices.forEach((s, i) => (h += (i > 0 ? s.before : 0) + s.height));
    return h;
  }
}

/** A column of slices at its place in a merge. */
export interface Column {
  slices: Slice[];
}

export interface MergeOptions {
  /** Space above and below the columns' content (a cell's padding). */
  padTop: number;
  padBottom: number;
  /** At least this tall (a row to sign in). */
  minHeight: number;
  /** One slice whatever its height (a table row, a kept block), or cut where every column allows it. */
  atomic: boolean;
  unit?: 'row' | 'kept';
}

interface Positioned {
  slice: Slice;
  top: number;
  bottom: number;
}

function positions(col: Column, padTop: number): Positioned[] {
  const out: Positioned[] = [];
  let y = padTop;
  col.slices.forEach((s) => {
    y += s.before;
    out.push({ slice: s, top: y, bottom: y + s.height });
    y += s.height;
  });
  return out;
}

/** Boxes of a slice moved down by `dy`; its decorations' extents recorded (an atomic slice's are fixed). */
function shifted(p: Positioned, dy: number, out: Box[], inner: Map<Group, { top: number; bottom: number }>): void {
  for (const b of p.slice.boxes) out.push(dy === 0 ? b : shift(b, dy));
  if (p.slice.groups) {
    for (const g of p.slice.groups) {
      const span = inner.get(g);
      const top = dy;
      const bottom = dy + p.slice.height;
      if (span) {
        span.top = Math.min(span.top, top);
        span.bottom = Math.max(span.bottom, bottom);
      } else inner.set(g, { top, bottom });
    }
  }
}

export function shift(b: Box, dy: number): Box {
  switch (b.kind) {
    case 'line':
    case 'rect':
    case 'image':
      return { ...b, y: b.y + dy };
    case 'rule':
      return { ...b, y1: b.y1 + dy, y2: b.y2 + dy };
    default:
      return b;
  }
}

/** The boxes that draw a decoration over [top, bottom) (for a slice whose extents are fixed). */
export function groupBoxes(g: Group, top: number, bottom: number): { under: Box[]; over: Box[] } {
  const under: Box[] = [];
  const over: Box[] = [];
  const padX = g.padX ?? 0;
  const padY = g.padY ?? 0;
  if (g.fill) under.push({ kind: 'rect', x: g.x - padX, y: top - padY, w: g.width + 2 * padX, h: bottom - top + 2 * padY, color: g.fill });
  if (g.border) under.push({ kind: 'rect', x: g.x - padX, y: top - padY, w: 2.2, h: bottom - top + 2 * padY, color: g.border });
  for (const c of g.cells ?? []) under.push({ kind: 'rect', x: c.x, y: top, w: c.w, h: bottom - top, color: c.color });
  if (g.frame) {
    const { color, columns } = g.frame;
    const r = (x1: number, y1: number, x2: number, y2: number): Box => ({ kind: 'rule', x1, y1, x2, y2, width: 0.4, color });
    over.push(r(g.x, top, g.x + g.width, top), r(g.x, bottom, g.x + g.width, bottom), r(g.x, top, g.x, bottom), r(g.x + g.width, top, g.x + g.width, bottom));
    for (const cx of columns) over.push(r(cx, top, cx, bottom));
  }
  return { under, over };
}

/**
 * Side-by-side columns as slices: one slice (atomic), or bands cut where no column has a
 * slice across the cut and none asks to keep its slices together there.
 */
export function mergeColumns(cols: Column[], o: MergeOptions): Slice[] {
  const placed = cols.map((c) => positions(c, o.padTop));
  let end = o.minHeight;
  for (const p of placed) if (p.length) end = Math.max(end, p[p.length - 1].bottom + o.padBottom);
  end = Math.max(end, o.padTop + o.padBottom);
  // A page break inside a column (a cell) cuts it whatever `atomic` says.
  const forced = placed.some((col) => col.some((p, i) => i > 0 && p.slice.brk === Break.Always));
  const cuts = o.atomic && !forced ? [] : cutPoints(placed, end);
  const bounds = [0, ...cuts, end];
  const out: Slice[] = [];
  // One pointer per column: each slice is visited once, whatever the number of bands.
  const next = placed.map(() => 0);
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k];
    const b = bounds[k + 1];
    let boxes: Box[] = [];
    const inner = new Map<Group, { top: number; bottom: number }>();
    let brk = Break.Auto as Break;
    placed.forEach((col, c) => {
      let i = next[c];
      // The first slice of a band after a forced break (a page break inside a cell).
      if (k > 0 && i > 0 && i < col.length && col[i].top < b - 1e-9 && col[i].slice.brk === Break.Always) brk = Break.Always;
      while (i < col.length && col[i].top < b - 1e-9) {
        shifted(col[i], col[i].top - a, boxes, inner);
        i++;
      }
      next[c] = i;
    });
    if (k > 0 && o.atomic && brk !== Break.Always) brk = Break.Avoid;
    let groups: Group[] | null = null;
    if (inner.size) {
      if (o.atomic || bounds.length === 2) {
        // Fixed extents: the inner decorations become boxes, under and over the content.
        let under: Box[] = [];
        let over: Box[] = [];
        for (const [g, span] of inner) {
          const d = groupBoxes(g, span.top, span.bottom);
          under = under.concat(d.under);
          over = over.concat(d.over);
        }
        boxes = under.concat(boxes, over);
      } else groups = [...inner.keys()];
    }
    out.push({ before: 0, height: b - a, boxes, brk, groups, unit: o.unit });
  }
  return out;
}

/** Where bands may be cut: bottoms of slices that no column crosses and none keeps together. */
function cutPoints(placed: Positioned[][], end: number): number[] {
  const candidates = new Set<number>();
  for (const col of placed) for (let i = 0; i + 1 < col.length; i++) candidates.add(col[i].bottom);
  const sorted = [...candidates].sort((x, y) => x - y);
  const cuts: number[] = [];
  const ptr = placed.map(() => 0);
  for (const y of sorted) {
    if (y <= 0 || y >= end - 1e-9) continue;
    let ok = true;
    for (let c = 0; c < placed.length && ok; c++) {
      const col = placed[c];
      let i = ptr[c];
      while (i < col.length && col[i].bottom <= y + 1e-9) i++;
      ptr[c] = i;
      if (i >= col.length) continue; // the column has ended
      const s = col[i];
      if (s.top < y - 1e-9)
        ok = false; // a slice across the cut
      else if (i > 0 && s.slice.brk === Break.Avoid) ok = false; // kept with the slice before
    }
    if (ok) cuts.push(y);
  }
  return cuts;
}
