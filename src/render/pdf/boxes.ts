/**
 * What layout produces and drawing replays.
 *
 * Layout turns the document tree into a flow of *slices*: horizontal bands that are never cut
 * across pages (a line of text, a table row, a timed row of the programme kept whole), each
 * with the space above it, whether a page may break before it, and the *boxes* it holds (lines
 * of text, rules, outline entries) at positions relative to its top. Pagination places the
 * slices on pages; drawing writes each page's boxes where pagination put them. Nothing is
 * measured twice: the height a slice says is the height it is drawn with.
 *
 * Every box knows the structure element it belongs to (a `Tag`: its role in the document's
 * tree, H1, P, LI, TD…), or none when it is decoration (a rule, a fill): a tagged PDF
 * (PDF/UA) wraps each box's content in marked content and builds its structure tree from
 * those tags.
 */
import type { Element } from 'hast';
import type { Line } from './lines.js';

/** Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that coop's documents use. */
export type Role =
  | 'Document'
  | 'Sect'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TFoot'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'BlockQuote'
  | 'Figure';

/** A structure element: its role, its parent, and the document element it comes from. */
export interface Tag {
  role: Role;
  parent: Tag | null;
  el: Element | null;
  /**
   * The structure element a tagged PDF made for it (structure.ts's own record, null until its
   * first content is drawn): held by the tag, so it goes when the tag goes, and found without
   * a map lookup for every piece of text.
   */
  mark: object | null;
}

export function tag(role: Role, parent: Tag | null, el: Element | null = null): Tag {
  return { role, parent, el, mark: null };
}

/** A line of text: `line.items` drawn from (x, y + line.ascent), y the top of the line. */
export interface LineBox {
  kind: 'line';
  x: number;
  y: number;
  line: Line;
  tag: Tag | null;
  /** Drawn again as a repeat (a grid's headings on the page it goes on to): an artifact. */
  artifact?: boolean;
}

/** A filled rectangle (decoration: an artifact in a tagged PDF). */
export interface RectBox {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

/** A straight rule (decoration). */
export interface RuleBox {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
  dash?: number;
}

/** A bookmark to this place (h2 opens a level, h3 goes under it). */
export interface OutlineBox {
  kind: 'outline';
  title: string;
  level: 1 | 2;
}

/**
 * Nothing drawn, but the place of a structure element with no text (an empty table cell, which
 * a tagged table still needs so that its rows keep their columns).
 */
export interface AnchorBox {
  kind: 'anchor';
  tag: Tag;
}

/** An image (a logo): a Figure with its alternative text, or an artifact when it has none. */
export interface ImageBox {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  bytes: Uint8Array;
  tag: Tag | null;
}

export type Box = LineBox | RectBox | RuleBox | OutlineBox | AnchorBox | ImageBox;

/**
 * Decoration that spans several slices and is drawn per page over the part of it that page
 * holds: the background of a shaded block, the fill and frame of a table row.
 */
export interface Group {
  x: number;
  width: number;
  /** Drawn under the content. */
  fill?: string;
  /** Padding of the fill around the slices (a shaded item, a decision). */
  padX?: number;
  padY?: number;
  /** A left border of this colour (a decision). */
  border?: string;
  /** Fills of single columns (row header cells), under the content. */
  cells?: Array<{ x: number; w: number; color: string }>;
  /** A frame with column rules at these x, over the content (a table row). */
  frame?: { color: string; columns: number[] };
}

/** Whether a page may break before a slice. */
export const enum Break {
  Auto,
  /** Keep with the slice before (a heading with its first lines, a paragraph's orphans and widows, a row's parts). */
  Avoid,
  /** A page break (the next sheet of a sign-in sheet). */
  Always,
}

export interface Slice {
  /** Space above, dropped when the slice starts a page. */
  before: number;
  height: number;
  boxes: Box[];
  brk: Break;
  /** Enclosing decorations, outermost first. */
  groups: Group[] | null;
  /** A table body row: the header rows to repeat above it when it starts a page. */
  header?: Slice[] | null;
  /** A unit that cannot be cut (a table row, a kept block): why a page may end short. */
  unit?: 'row' | 'kept';
  /**
   * Blank rows that fill the rest of the page after this slice (a sign-in sheet): the row to
   * repeat, drawn as many times as fits before the bottom of the page.
   */
  fill?: Slice;
  /** Drawn as an artifact (a table header repeated on a new page). */
  artifact?: boolean;
}
