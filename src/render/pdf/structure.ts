/**
 * The structure tree of a tagged PDF (PDF/UA-1, ISO 14289-1): one structure element per `Tag`
 * the layout gave the boxes (see boxes.ts), made when its first content is drawn, so that the
 * tree's order is the reading order the pages are drawn in; each piece of text on a page is
 * marked content (`/P <</MCID n>> BDC … EMC`) that the page's entry in the parent tree points
 * back to its element from.
 *
 * coop writes its own content operators (text.ts), so pdfkit's `struct()` closures, which mark
 * what pdfkit itself draws, do not fit: the elements are written here, with pdfkit's structure
 * tree root, parent tree and marked-content numbering (`StructParents`) underneath.
 *
 * - Runs in another script than the document's language get their own `Span` with `/Lang`
 *   (Chinese, Arabic); an element of the document tree with a `lang` attribute carries it.
 * - Link text is a `Link` element holding the text and the annotation (an `OBJR`), the
 *   annotation pointing back through its `StructParent`.
 * - Header cells (`TH`) say their scope (Column in a table head, Row in a body).
 * - Everything else drawn (rules, fills, running headers, footers, page numbers, the PROJET
 *   mark, cut lines, repeated table headers) is an artifact: not in the tree.
 */
import type { Element } from 'hast';
import { tag, type Role, type Tag } from './boxes.js';
import { dictOf, newObjectId, structTreeRoot, writeObjects, type AnnotationReference } from './pdfkit-internals.js';
import { langOf } from './runs.js';

type Doc = PDFKit.PDFDocument;
type Ref = PDFKit.PDFKitReference;

interface Elem {
  /** Its object number (written by `finish`, not through a pdfkit reference: a programme has thousands). */
  id: number;
  role: string;
  /** The tree it belongs to (a tag's `mark` is only this tree's when it says so). */
  tree: StructureTree;
  /** Its parent element; null for the root (under the structure tree root). */
  parent: Elem | null;
  /**
   * Its kids in order, kept as they come and serialised by `finish`: a number is an MCID on
   * its page (`pg`), an element is a kid element, a string is a kid written out already
   * (a marked-content reference on another page, an annotation's `OBJR`).
   */
  kids: Array<number | Elem | string>;
  /** The page its first marked content is on (its `/Pg`), as written. */
  pg: string | null;
  /** Its last kid, when that is an element (a Span or Link that the next piece may continue). */
  last: Elem | null;
  /** The Span or Link last made under it and its key (a link over two lines stays one Link). */
  inline: { key: string; elem: Elem } | null;
  /** More entries of its dictionary, serialised (/Lang, /Alt, /A). */
  extra: string;
  /** Written out already (see `StructureTree.release`): no kid may be added any more. */
  written: boolean;
}

/**
 * Elements of the document tree that are only presentation (a `div`, the anonymous paragraph
 * of a list item's or a cell's text): their content goes to their parent's element. A
 * programme has one per item and per speaker: folding them keeps the tree (and the cost of
 * writing it) to what a reader navigates by.
 */
function folded(t: Tag): boolean {
  if (t.role === 'Div') return t.parent !== null;
  if (t.role === 'P' && t.el === null && t.parent) {
    const r = t.parent.role;
    return r === 'LBody' || r === 'Lbl' || r === 'TD' || r === 'TH' || r === 'LI';
  }
  return false;
}

/** The language of a piece of text in another script than the document's: zh, ar, or null. */
export function scriptLang(text: string, cjkFont: boolean): string | null {
  if (cjkFont) return 'zh';
  return ARABIC.test(text) ? 'ar' : null;
}
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export class StructureTree {
  /** The parent tree, serialised: for each page its elements by MCID, for each annotation its Link. */
  private readonly parentTree: Array<[number, string]> = [];
  private nextKey = 0;
  /** The elements of the current page's MCIDs (object numbers), and the page's key in the parent tree. */
  private pageParents: number[] | null = null;
  private pageKey = 0;
  /** The current page's dictionary and its reference as written (once per page, not per piece of text). */
  private pageRef: Ref | null = null;
  private pageStr = '';
  /** The root element's reference (the structure tree root written by pdfkit points to it). */
  private readonly top: Ref | null;
  private readonly root: Elem;
  private lastLink: Elem | null = null;
  /** Text laid out without an element (a line box whose tag is null): a paragraph of the document. */
  private loose: Tag | null = null;
  /** The root's last child element, and those before it waiting for the end of the page (see `release`). */
  private openTop: Elem | null = null;
  private done: Elem[] = [];

  constructor(
    private readonly doc: Doc,
    /** The document's language (`fr`, `en`): runs in it need no `/Lang` of their own. */
    private readonly lang: string,
    private readonly rootTag: Tag,
    /** False: an untagged PDF (the bench's comparison), nothing is written. */
    readonly enabled = true,
  ) {
    this.top = enabled ? doc.ref({}) : null;
    this.root = this.make(rootTag.role, null, rootTag.el, undefined, this.top ? this.top.id : 0);
    rootTag.mark = this.root;
  }

  /** Called when a page starts: its marked content is numbered from 0. */
  page(): void {
    this.closePage();
    for (const e of this.done) this.release(e);
    this.done = [];
    this.pageRef = null;
  }

  /** The finished page's entry in the parent tree. */
  private closePage(): void {
    if (this.pageParents) {
      let refs = '';
      for (const id of this.pageParents) refs += refs ? ` ${id} 0 R` : `${id} 0 R`;
      this.parentTree.push([this.pageKey, `[${refs}]`]);
    }
    this.pageParents = null;
  }

  /** The current page's reference, as written in `/Pg`. */
  private currentPage(): string {
    const page = this.doc.page.dictionary;
    if (page !== this.pageRef) {
      this.pageRef = page;
      this.pageStr = String(page);
    }
    return this.pageStr;
  }

  /**
   * The opening operator of marked content for `t` (and, inside it, a `Span` of another
   * language or a `Link`), on the current page; close it with `EMC`.
   */
  open(tagOrNull: Tag | null, lang: string | null = null, link: string | null = null): string {
    // Loose text after a later element starts a paragraph of its own (the earlier one is written).
    if (!tagOrNull && (this.loose?.mark as Elem | null | undefined)?.written) this.loose = null;
    const t = tagOrNull ?? (this.loose ??= tag('P', this.rootTag));
    let e = this.elem(t);
    if (e.written) throw new Error(`structure tree: content for a ${e.role} element already written (drawn after a later top-level element)`);
    if (link) {
      e = this.child(e, `link:${link}`, 'Link');
      this.lastLink = e;
    }
    if (lang && lang !== this.lang) e = this.child(e, `lang:${lang}`, 'Span', lang);
    const mcid = this.mcid(e.id);
    const page = this.currentPage();
    if (e.pg === null) e.pg = page;
    e.kids.push(e.pg === page ? mcid : `<</Type /MCR /Pg ${page} /MCID ${mcid}>>`);
    e.last = null;
    return `/${e.role} <</MCID ${mcid}>> BDC`;
  }

  /** Make `t`'s element now (an element without content: an empty table cell). */
  touch(t: Tag): void {
    if (this.enabled) this.elem(t);
  }

  /** The `Link` element the last link text was marked in, as the parent of its annotation. */
  linkParent(): AnnotationParent {
    const e = this.lastLink;
    if (!e) throw new Error('linkParent() before any link text');
    return {
      add: (a: AnnotationReference) => {
        if (e.written) throw new Error('structure tree: a link annotation for a Link element already written');
        const key = this.nextKey++;
        dictOf(a.annotationRef).StructParent = key;
        this.parentTree.push([key, `${e.id} 0 R`]);
        e.kids.push(`<</Type /OBJR /Obj ${String(a.annotationRef)} /Pg ${this.currentPage()}>>`);
        e.last = null;
      },
    };
  }

  /**
   * Write the tree (after the last page). Its elements are many small objects (eleven thousand
   * for a 1,000-item programme): they are serialised here and written in one piece, instead of
   * the three writes and the dictionary conversion pdfkit spends on each of its objects, into
   * the document's object streams (see pdfkit-internals.ts `packObjects`).
   */
  finish(): void {
    if (!this.enabled) return;
    this.closePage();
    const root = structTreeRoot(this.doc);
    // The parent tree through a pdfkit reference too (pdfkit writes the structure tree root).
    const tree = this.doc.ref({});
    root.data.K = [this.top];
    root.data.ParentTree = tree;
    root.data.ParentTreeNextKey = this.nextKey;
    const rootRef = String(root);
    const left = unwritten(this.root);
    // Serialised straight into bytes (ASCII), the dictionaries alone (the object streams number
    // them), with the parent tree last.
    const out = new ByteWriter(left.length * 96);
    const ids = new Int32Array(left.length + 1);
    const starts = new Int32Array(left.length + 2);
    serialise(left, out, ids, starts, rootRef);
    this.parentTree.sort((a, b) => a[0] - b[0]);
    ids[left.length] = tree.id;
    starts[left.length] = out.pos;
    out.text('<</Nums [');
    for (let i = 0; i < this.parentTree.length; i++) {
      if (i > 0) out.byte(32);
      out.int(this.parentTree[i][0]);
      out.byte(32);
      out.text(this.parentTree[i][1]);
    }
    out.text(']>>\n');
    starts[left.length + 1] = out.pos;
    writeObjects(this.doc, out.bytes(), ids, starts);
    this.parentTree.length = 0;
  }

  /**
   * Write out a child of the root and everything under it, at the first page started after
   * the next child of the root was made: content is drawn in reading order, which is the
   * tree's order (the order test/pdf-structure.test.ts checks on every page), so nothing is
   * added to it afterwards but its link annotations, made when its page is complete. A
   * 5,000-page sign-in sheet thus holds one sheet's elements at a time, not 850,000.
   */
  private release(top: Elem): void {
    const list = unwritten(top);
    const out = new ByteWriter(list.length * 96);
    const ids = new Int32Array(list.length);
    const starts = new Int32Array(list.length + 1);
    serialise(list, out, ids, starts, '');
    starts[list.length] = out.pos;
    writeObjects(this.doc, out.bytes(), ids, starts);
    for (const e of list) {
      e.written = true;
      e.kids = [];
      e.last = null;
      e.inline = null;
    }
  }

  private mcid(owner: number): number {
    if (!this.pageParents) {
      this.pageKey = this.nextKey++;
      dictOf(this.doc.page.dictionary).StructParents = this.pageKey;
      this.pageParents = [];
    }
    this.pageParents.push(owner);
    return this.pageParents.length - 1;
  }

  private elem(t: Tag): Elem {
    const known = t.mark as Elem | null;
    if (known !== null && known.tree === this) return known;
    const parent = t.parent ? this.elem(t.parent) : this.root;
    const e = folded(t) ? parent : this.make(t.role, parent, t.el, t);
    t.mark = e;
    return e;
  }

  /** An inline element (Span, Link) under `t`: the same one while consecutive pieces continue it (a link over two lines). */
  private child(parent: Elem, key: string, role: 'Span' | 'Link', lang?: string): Elem {
    const k = `${role}|${key}`;
    const last = parent.inline;
    if (last && last.key === k && parent.last === last.elem) return last.elem;
    const e = this.make(role, parent, null);
    if (lang) e.extra += ` /Lang ${pdfText(lang)}`;
    parent.inline = { key: k, elem: e };
    return e;
  }

  private make(role: Role | 'Span' | 'Link', parent: Elem | null, el: Element | null, t?: Tag, id = newObjectId(this.doc)): Elem {
    let extra = '';
    const lang = langOf(el?.properties?.lang);
    if (lang) extra += ` /Lang ${pdfText(lang)}`;
    const attrs: string[] = [];
    if (role === 'TH') attrs.push(`/Scope /${scopeOf(el, t)}`);
    if (role === 'TH' || role === 'TD') {
      const span = Number(el?.properties?.colSpan ?? 1);
      if (span > 1 && span <= 1000) attrs.push(`/ColSpan ${Math.floor(span)}`);
    }
    if (attrs.length) extra += ` /A <</O /Table ${attrs.join(' ')}>>`;
    const alt = el?.properties?.alt;
    if (role === 'Figure' && typeof alt === 'string') extra += ` /Alt ${pdfText(alt)}`;
    if (parent?.written) throw new Error(`structure tree: a ${role} element under a ${parent.role} element already written`);
    const e: Elem = { id, role, tree: this, parent, kids: [], pg: null, last: null, inline: null, extra, written: false };
    if (parent) {
      if (parent === this.root && this.enabled) {
        if (this.openTop) this.done.push(this.openTop);
        this.openTop = e;
      }
      parent.kids.push(e);
      parent.last = e;
    }
    return e;
  }
}

/** `top` and the elements under it not written yet, in tree order. */
function unwritten(top: Elem): Elem[] {
  const list: Elem[] = [];
  const stack: Elem[] = [top];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.written) continue;
    list.push(e);
    for (let j = e.kids.length - 1; j >= 0; j--) {
      const k = e.kids[j];
      if (typeof k === 'object') stack.push(k);
    }
  }
  return list;
}

/**
 * Elements' dictionaries into `out`, each followed by a newline: element `list[i]` as object
 * `ids[i]` from `starts[i]`. `rootRef` is the structure tree root, the root element's parent.
 */
function serialise(list: readonly Elem[], out: ByteWriter, ids: Int32Array, starts: Int32Array, rootRef: string): void {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    ids[i] = e.id;
    starts[i] = out.pos;
    out.text('<</S /');
    out.text(e.role);
    out.text(' /P ');
    if (e.parent) out.ref(e.parent.id);
    else out.text(rootRef);
    if (e.pg) {
      out.text(' /Pg ');
      out.text(e.pg);
    }
    out.text(' /K [');
    for (let j = 0; j < e.kids.length; j++) {
      const k = e.kids[j];
      if (j > 0) out.byte(32);
      if (typeof k === 'number') out.int(k);
      else if (typeof k === 'string') out.text(k);
      else out.ref(k.id);
    }
    out.byte(93);
    out.text(e.extra);
    out.text('>>\n');
  }
}

/** ASCII written into a growing buffer: the structure tree's serialisation. */
class ByteWriter {
  private buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** A string of ASCII (PDF syntax, hex strings): one byte per character. */
  text(s: string): void {
    this.room(s.length);
    if (s.length > 16) this.pos += this.buf.write(s, this.pos, 'latin1');
    else for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** A non-negative integer. */
  int(n: number): void {
    this.room(16);
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    for (let i = digits - 1, m = n; i >= 0; i--, m = Math.floor(m / 10)) this.buf[this.pos + i] = 48 + (m % 10);
    this.pos += digits;
  }

  /** An indirect reference `n 0 R`. */
  ref(n: number): void {
    this.int(n);
    this.text(' 0 R');
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

/** A text string of a PDF dictionary: UTF-16BE with its byte order mark, in hex (any character, nothing to escape). */
export function pdfText(s: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

/** What pdfkit's `annotate` accepts as `structParent`: anything with `add`. */
export interface AnnotationParent {
  add(a: AnnotationReference): void;
}

/** A header cell's scope: its `scope` attribute, else Column in a table head and Row in a body. */
function scopeOf(el: Element | null, t: Tag | undefined): 'Column' | 'Row' | 'Both' {
  const s = el?.properties?.scope;
  if (s === 'col' || s === 'colgroup') return 'Column';
  if (s === 'row' || s === 'rowgroup') return 'Row';
  for (let p = t?.parent; p; p = p.parent) {
    if (p.role === 'THead') return 'Column';
    if (p.role === 'Table') break;
  }
  // A body row's first header cell heads its row; a row of header cells only (no thead) heads columns.
  const row = t?.parent?.el;
  if (row && row.children.every((c) => c.type !== 'element' || c.tagName === 'th')) return 'Column';
  return 'Row';
}
