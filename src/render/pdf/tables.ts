/**
 * Tables: column widths from content, one slice per row (never cut, unless a row is taller
 * than a page: then it is cut where none of its cells has a line across), the header rows
 * repeated at the top of every page the table continues on, a row header cell shaded, cells
 * spanning columns (`colspan`), no row left alone on a page after the header or at the end.
 */
import type { Element, ElementContent } from 'hast';
import { Break, tag, type Group, type Slice, type Tag } from './boxes.js';
import { Flow, mergeColumns } from './flow.js';
import { tokenWidth, fontKey } from './fonts.js';
import type { TextRun } from './lines.js';
import { isBlock, textOf, type Layout } from './layout.js';
import { collectRuns } from './runs.js';
import { classes, FRAME, HEAD_FILL, inherit, styleOf, TH_FILL, type Computed, type Style } from '../styles.js';

/** Space between a cell's frame and its content. */
const PAD = 3;
const WS = /[ \t\n\r\f]+/g;

interface Row {
  el: Element;
  cells: Element[];
  head: boolean;
  style: Style;
  /** The section it is in (thead, tbody, tfoot), for its structure element. */
  section: Element | null;
}

/** Plain-text cells share their runs by text and style, across tables and sheets of a document. */
const PLAIN_RUNS = Symbol('coop.plainRuns');
type WithCache = Layout & { [PLAIN_RUNS]?: Map<string, TextRun[]> };

const span = (cell: Element) => Math.max(1, Math.min(1000, Number(cell.properties?.colSpan ?? 1) || 1));

export function layoutTable(L: Layout, el: Element, x: number, width: number, c: Computed, anc: readonly string[], flow: Flow, t: Tag): void {
  const rows: Row[] = [];
  // Without a thead, leading rows of header cells are the header.
  const hasHead = el.children.some((k) => k.type === 'element' && k.tagName === 'thead');
  const walk = (n: Element, head: boolean, section: Element | null) => {
    for (const k of n.children) {
      if (k.type !== 'element') continue;
      if (k.tagName === 'tr') {
        const cells = k.children.filter((x): x is Element => x.type === 'element' && (x.tagName === 'td' || x.tagName === 'th'));
        let allTh = cells.length > 0;
        for (const cell of cells) if (cell.tagName !== 'th') allTh = false;
        rows.push({ el: k, cells, head: head || (!hasHead && allTh && rows.every((r) => r.head)), style: styleOf(k, anc), section });
      } else if (k.tagName === 'thead' || k.tagName === 'tbody' || k.tagName === 'tfoot') walk(k, head || k.tagName === 'thead', k);
    }
  };
  walk(el, false, null);
  if (rows.length === 0) return;
  let ncol = 0;
  for (const r of rows) {
    let n = 0;
    for (const cell of r.cells) n += span(cell);
    if (n > ncol) ncol = n;
  }
  if (ncol === 0) return;
  const widths = columnWidths(rows, ncol, width, c, anc);
  const cache = ((L as WithCache)[PLAIN_RUNS] ??= new Map());
  const computed = new Map<Style, { cc: Computed; key: string }>();
  const computedOf = (cell: Element) => {
    const st = styleOf(cell, anc);
    let v = computed.get(st);
    if (!v) {
      const cc = inherit(c, st);
      computed.set(st, (v = { cc, key: `${cc.size}|${cc.color}|${cc.bold}|${cc.italic}|${cc.align}|${cc.rise}` }));
    }
    return v;
  };
  const runsOf = (cell: Element, cc: Computed, key: string): TextRun[] => {
    const only = cell.children.length === 1 && cell.children[0].type === 'text' ? cell.children[0].value : cell.children.length === 0 ? '' : null;
    if (only === null) return collectRuns(cell.children, cc, anc);
    const k = `${only}\u0000${key}`;
    let r = cache.get(k);
    if (!r) {
      r = collectRuns(cell.children, cc, anc);
      if (cache.size > 100_000) cache.clear();
      cache.set(k, r);
    }
    return r;
  };
  const sections = new Map<Element | null, Tag>();
  const sectionTag = (r: Row): Tag => {
    let s = sections.get(r.section);
    if (!s)
      sections.set(
        r.section,
        (s = r.section ? tag(r.section.tagName === 'thead' ? 'THead' : r.section.tagName === 'tfoot' ? 'TFoot' : 'TBody', t, r.section) : t),
      );
    return s;
  };

  /** A row's slices: its cells side by side, with the row's fill and frame. */
  const layoutRow = (r: Row, into: Flow, room: number): Slice[] => {
    const rowTag = tag('TR', sectionTag(r), r.el);
    const columns: Flow[] = [];
    const cellFills: Array<{ x: number; w: number; color: string }> = [];
    const rules: number[] = [];
    let cx = x;
    let col = 0;
    r.cells.forEach((cell, i) => {
      const n = span(cell);
      let w = 0;
      for (let k = col; k < col + n && k < ncol; k++) w += widths[k];
      col += n;
      if (i > 0) rules.push(cx);
      const cellFlow = new Flow();
      const { cc, key } = computedOf(cell);
      const cellTag = tag(cell.tagName === 'th' ? 'TH' : 'TD', rowTag, cell);
      const inner = w - 2 * PAD;
      if (cell.children.every((k) => !isBlock(k)) && !L.holdsImage(cell.children)) {
        const runs = runsOf(cell, cc, key);
        if (runs.length) L.lineSlices(L.lines(runs, inner, cc.align === 'justify' ? 'left' : cc.align, true), cx + PAD, cellFlow, cellTag);
        // An empty cell (a signature) still has its place in the tagged table.
        else cellFlow.push({ before: 0, height: 0, boxes: [{ kind: 'anchor', tag: cellTag }], brk: Break.Auto, groups: null });
      } else {
        const cls = classes(cell);
        L.blocks(cell.children, cx + PAD, inner, cc, cls.length ? [...anc, ...cls] : anc, cellFlow, cellTag);
        if (cellFlow.slices[0]) cellFlow.slices[0].before = 0;
      }
      if (cell.tagName === 'th' && !r.head) cellFills.push({ x: cx, w, color: TH_FILL });
      columns.push(cellFlow);
      cx += w;
    });
    const fill = r.head ? HEAD_FILL : r.style.background;
    const group: Group = { x, width, fill, cells: cellFills.length ? cellFills : undefined, frame: { color: FRAME, columns: rules } };
    const cols = columns.map((f) => ({ slices: f.slices }));
    const options = { padTop: PAD, padBottom: PAD, minHeight: r.style.minHeight ?? 0, atomic: true, unit: 'row' as const };
    let made = mergeColumns(cols, options);
    // A row taller than a page is cut where no cell has a line across.
    if (made[0].height > room) made = mergeColumns(cols, { ...options, atomic: false });
    into.groups.push(group);
    for (const s of made) into.push(s);
    into.groups.pop();
    return made;
  };

  const headRows = rows.filter((r) => r.head);
  const body = rows.filter((r) => !r.head);
  // The header rows: laid out once, drawn again (as an artifact) on every page the table continues on.
  const headFlow = new Flow();
  for (const r of headRows) layoutRow(r, headFlow, L.pageRoom);
  const header = headFlow.slices;
  let headerHeight = 0;
  for (const s of header) headerHeight += s.height;
  header.forEach((s, i) => {
    if (i > 0) s.brk = Break.Avoid;
    flow.push(s);
  });
  const fillPage = classes(el).includes('sign-fill');
  const room = L.pageRoom - headerHeight;
  body.forEach((r, i) => {
    const made = layoutRow(r, new Flow(), room);
    // Kept with the header; the last row never alone on a page; a group title with its first row.
    const keep = (i === 0 && header.length > 0) || (i === body.length - 1 && body.length >= 3) || (i > 0 && styleOf(body[i - 1].el, anc).keepWithNext);
    made.forEach((s, k) => {
      if (k === 0 && keep) s.brk = Break.Avoid;
      if (header.length) s.header = header;
      if (fillPage && i === body.length - 1 && k === made.length - 1) s.fill = made[0];
      flow.push(s);
    });
  });
}

/**
 * Column widths: each column at least as wide as its longest word (so "Présence" never breaks)
 * or its declared minimum (a signature column), at most an equal share; the rest shared in
 * proportion to the columns' text lengths. Cells spanning columns take no part.
 */
function columnWidths(rows: Row[], ncol: number, width: number, c: Computed, anc: readonly string[]): number[] {
  const min = new Array<number>(ncol).fill(0);
  const fixed = new Array<boolean>(ncol).fill(false);
  const longest = new Array<number>(ncol).fill(0);
  for (const r of rows) {
    let col = 0;
    for (const cell of r.cells) {
      const n = span(cell);
      if (n === 1 && col < ncol) {
        const st = styleOf(cell, anc);
        const cc = inherit(c, st);
        if (st.minWidth) {
          min[col] = Math.max(min[col], st.minWidth - 2 * PAD - 1);
          fixed[col] = true;
        }
        const font = fontKey(r.head || cc.bold, cc.italic);
        const text = textOf(cell as ElementContent)
          .replace(WS, ' ')
          .trim();
        if (text.length > longest[col]) longest[col] = text.length;
        let from = 0;
        for (let i = 0; i <= text.length; i++) {
          if (i === text.length || text.charCodeAt(i) === 32) {
            if (i > from) {
              const word = text.slice(from, i);
              // A word too long to be a column's minimum (a URL) is cut anyway.
              const w = word.length > 40 ? 0 : tokenWidth(font, word, cc.size);
              if (w > min[col]) min[col] = w;
            }
            from = i + 1;
          }
        }
      }
      col += n;
    }
  }
  let used = 0;
  for (let i = 0; i < ncol; i++) {
    min[i] = Math.min(min[i] + 2 * PAD + 1, width / ncol);
    used += min[i];
  }
  const spare = Math.max(0, width - used);
  const weights = longest.map((l, i) => (fixed[i] ? 0 : Math.max(4, Math.min(40, l))));
  let total = 0;
  for (const w of weights) total += w;
  if (total === 0) total = 1;
  return min.map((m, i) => m + (weights[i] / total) * spare);
}
