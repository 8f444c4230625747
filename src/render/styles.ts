/**
 * The print style sheet, the printed side of templates/style.css: tag and class styles shared
 * by the PDF layout engine (render/pdf/) and the Word back end (render/docx/), the computed
 * style an element inherits, and where a long body may be cut into parts (render/document.ts).
 * It imports no back end. Keep it in step with the CSS: what the CSS says of a class, print
 * does (sizes in points, colours the same).
 */
import type { Element } from 'hast';

export const ACCENT = '#1f4e79';
export const MUTED = '#555555';
export const SHADE = '#eef2f6';
/** Table rules and header fills. */
export const FRAME = '#8a9bb0';
export const HEAD_FILL = '#e6ecf2';
export const TH_FILL = '#f3f6f9';

export interface Style {
  size?: number;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
  marginTop?: number;
  marginBottom?: number;
  indent?: number;
  background?: string;
  keepWithNext?: boolean;
  keepTogether?: boolean;
  rule?: boolean;
  /** Raised (superscript) or lowered (subscript) smaller text. */
  script?: 'super' | 'sub';
  /**
   * Capitals. No style of coop's sets it any more (a kicker in capitals turned "11 h 30" into
   * "11 H 30"): the PDF engine ignores it; kept for back ends that read this table.
   */
  uppercase?: boolean;
  /** Width of the left gutter of a timed row (`.item` with a `.when` child). */
  gutter?: number;
  /** Table rows: at least this tall (a row to sign in). Table cells: at least this wide. */
  minHeight?: number;
  minWidth?: number;
  marker?: string;
  /** A left border (a decision), in this colour. */
  border?: string;
}

export const tagStyles: Record<string, Style> = {
  h1: { size: 17, bold: true, color: ACCENT, marginTop: 4, marginBottom: 6, keepWithNext: true },
  h2: { size: 13.5, bold: true, color: ACCENT, marginTop: 14, marginBottom: 6, keepWithNext: true, rule: true },
  h3: { size: 11.5, bold: true, marginTop: 10, marginBottom: 2, keepWithNext: true },
  h4: { size: 10.5, bold: true, marginTop: 8, marginBottom: 2, keepWithNext: true },
  h5: { size: 10, bold: true, marginTop: 6, marginBottom: 2, keepWithNext: true },
  h6: { size: 10, bold: true, italic: true, marginTop: 6, marginBottom: 2, keepWithNext: true },
  p: { marginBottom: 3 },
  ul: { marginBottom: 3, marker: '•' },
  ol: { marginBottom: 3, marker: '1.' },
  li: { marginBottom: 1 },
  blockquote: { indent: 14, italic: true, color: MUTED, marginBottom: 4 },
  strong: { bold: true },
  b: { bold: true },
  em: { italic: true },
  i: { italic: true },
  a: { color: ACCENT },
  sup: { script: 'super' },
  sub: { script: 'sub' },
  th: { bold: true, align: 'left' },
  td: { align: 'left' },
  table: { marginBottom: 6 },
};

export const classStyles: Record<string, Style> = {
  'doc-header': { align: 'center', marginBottom: 10 },
  'draft-banner': { color: '#ffffff', background: '#bb0000', bold: true, align: 'center', marginBottom: 6 },
  // Spaced small capitals would upper-case data ("11 h 30" → "11 H 30"): the kicker stays as written.
  kicker: { color: MUTED, size: 10, marginBottom: 0 },
  dates: { bold: true, size: 11.5, marginBottom: 2 },
  venue: { color: MUTED, size: 9.5, marginBottom: 1 },
  organisers: { color: MUTED, size: 9.5, marginBottom: 1 },
  support: { color: MUTED, size: 9.5, marginBottom: 1 },
  audience: { color: MUTED, size: 9.5, marginBottom: 1 },
  // A session's time, room and chair belong to its heading: kept with what follows.
  'session-meta': { color: MUTED, size: 9.5, marginBottom: 2, keepWithNext: true },
  'session-people': { color: MUTED, size: 9.5, marginBottom: 2, keepWithNext: true },
  item: { marginTop: 2, marginBottom: 4, keepTogether: true, gutter: 92 },
  'item-debate': { background: SHADE },
  'item-break': { background: SHADE },
  'item-meal': { background: SHADE },
  'item-discussion': { background: SHADE },
  when: { color: ACCENT, size: 9.5, marginBottom: 0 },
  'item-title': { bold: true, marginBottom: 1 },
  speakers: { marker: '–', marginBottom: 1 },
  status: { color: '#a04000', italic: true },
  representative: { color: MUTED },
  description: { size: 9, color: '#333333' },
  approval: { color: '#2e7d32', bold: true },
  overdue: { color: '#b00000', bold: true },
  decision: { background: '#fff4d6', indent: 6, border: '#d9a400' },
  'contains-task-list': { marker: '' },
  facts: { size: 9 },
  'action-table': { size: 9 },
  'annex-table': { size: 8.5 },
  justify: { align: 'justify' },
  'minutes-body': { align: 'justify' },
  'people-table': { size: 9 },
  'group-row': { keepWithNext: true },
  'sign-table': { size: 9 },
  'sign-row': { minHeight: 30 },
  sign: { minWidth: 70, size: 8 },
  'sign-date': { size: 7.5, bold: false },
  'speakers-table': { size: 9 },
  'to-chase': { background: '#fff1e6' },
  slot: { marginBottom: 2 },
  count: { color: MUTED, size: 9.5 },
  compact: { marginBottom: 4 },
  'badge-name': { size: 17, bold: true, marginBottom: 4 },
  'badge-role': { size: 9.5, color: MUTED, marginBottom: 2 },
  'badge-org': { size: 11, bold: true, color: ACCENT, marginBottom: 8 },
  'badge-event': { size: 7.5, color: MUTED },
  // Programmes as secretariats write them (FORMAT.md §5.1): parallel blocks, untimed parts
  // (no time column), rooms still to assign, languages, topics.
  'parallel-title': { size: 12, color: ACCENT, marginTop: 10, marginBottom: 2, keepWithNext: true },
  'item-untimed': { gutter: 0, indent: 10 },
  'room-to-confirm': { italic: true },
  'session-languages': { color: MUTED, size: 9.5, italic: true, marginBottom: 2 },
  topic: { italic: true },
  declined: { color: MUTED },

  // Procès-verbal: the chair's and the secretary's signatures (#16)
  'signature-row': { minHeight: 64 },
  certified: { marginTop: 8, marginBottom: 2, bold: true, keepWithNext: true },

  // The timetable grid (#18, pdf/grid.ts): no text under 6.5 pt.
  'grid-doc-header': { align: 'left', marginBottom: 2 },
  'grid-heading': { size: 12, marginTop: 0, marginBottom: 4, rule: false },
  grid: { size: 7.5 },
  'grid-corner': { size: 7, color: MUTED, bold: false },
  'grid-room': { size: 8, bold: true, align: 'left' },
  'grid-time': { size: 7, color: MUTED, bold: false },
  'grid-when': { size: 7, color: ACCENT },
  'grid-flag': { size: 7, bold: true, color: '#c00000' },
  'grid-title': { bold: true },
  'grid-session-title': { size: 8, bold: true, color: ACCENT, marginTop: 0, marginBottom: 0, keepWithNext: false },
  'grid-meta': { size: 7, color: MUTED },
  'grid-parts': { size: 7.5 },
  'grid-legend': { size: 7.5, color: MUTED, marginTop: 2, marginBottom: 1 },
  'grid-notes-title': { size: 7.5, bold: true, marginTop: 4, marginBottom: 1 },
  'grid-note': { size: 7.5, marginBottom: 1 },
};

/** Items that are not talks have a soft title (italic, not bold), as in the CSS. */
export const softItemKinds = new Set(['item-debate', 'item-break', 'item-meal', 'item-discussion']);

/** Elements laid out inline (in a paragraph's runs); every other element is a block. */
export const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'br',
  'code',
  'del',
  'em',
  'i',
  'kbd',
  'mark',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'img',
  'input',
  'wbr',
]);

const styleCache = new Map<string, Style>();

/** The style of a tag with classes: the tag's, then each class's (memoised: a document has few distinct kinds of element). */
export function styleByKey(tagName: string, cls: readonly string[], soft: boolean): Style {
  const key = `${tagName}.${cls.join('.')}${soft ? '!' : ''}`;
  let s = styleCache.get(key);
  if (!s) {
    s = { ...(tagStyles[tagName] ?? {}) };
    for (const c of cls) s = { ...s, ...(classStyles[c] ?? {}) };
    if (soft) s = { ...s, bold: false, italic: true };
    styleCache.set(key, s);
  }
  return s;
}

export function classes(el: Element): string[] {
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

/** The style of an element: its tag's, then its classes' (memoised: a programme has few distinct kinds of element). */
export function styleOf(el: Element, ancestors: readonly string[]): Style {
  const known = (el as { [STYLE]?: Style })[STYLE];
  if (known) return known;
  const cls = classes(el);
  const titled = cls.includes('item-title');
  const s = styleByKey(el.tagName, cls, titled && ancestors.some((a) => softItemKinds.has(a)));
  if (!titled) (el as { [STYLE]?: Style })[STYLE] = s;
  return s;
}

/** What an element's text is drawn with, inherited from its ancestors. */
export interface Computed {
  size: number;
  color: string;
  bold: boolean;
  italic: boolean;
  align: 'left' | 'center' | 'right' | 'justify';
  /** Baseline shift of superscripts and subscripts, in points. */
  rise: number;
}

export const ROOT_STYLE: Computed = { size: 10, color: '#111111', bold: false, italic: false, align: 'left', rise: 0 };

export function inherit(parent: Computed, s: Style): Computed {
  let size = s.size ?? parent.size;
  let rise = parent.rise;
  if (s.script === 'super') {
    rise += parent.size * 0.33;
    size = parent.size * 0.7;
  } else if (s.script === 'sub') {
    rise -= parent.size * 0.15;
    size = parent.size * 0.7;
  }
  return {
    size,
    color: s.color ?? parent.color,
    bold: s.bold ?? parent.bold,
    italic: s.italic ?? parent.italic,
    align: s.align ?? parent.align,
    rise,
  };
}

/**
 * Whether a long document may be cut into parts after this top-level element (see
 * render/parts.ts): never after one kept with what follows (a heading), nor after a
 * paragraph or inline content a heading before it could be kept with.
 */
export function cutAllowedAfter({ tagName, className }: { tagName: string; className: string }): boolean {
  if (INLINE.has(tagName) || tagName === 'p') return false;
  return !styleByKey(tagName, className.split(/\s+/).filter(Boolean), false).keepWithNext;
}
