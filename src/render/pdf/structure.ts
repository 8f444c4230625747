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
import { dictOf, structParents, structParentTree, structTreeRoot, type AnnotationReference } from './pdfkit-internals.js';

type Doc = PDFKit.PDFDocument;
type Ref = PDFKit.PDFKitReference;

/** A kid of a structure element: another element, marked content on a page, an annotation. */
type Kid = { elem: Ref } | { page: Ref; mcid: number } | { annot: Ref; page: Ref };

interface Elem {
  ref: Ref;
  kids: Kid[];
}

/** The language of a piece of text in another script than the document's: zh, ar, or null. */
export function scriptLang(text: string, cjkFont: boolean): string | null {
  if (cjkFont) return 'zh';
  return ARABIC.test(text) ? 'ar' : null;
}
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export class StructureTree {
  private readonly elems = new Map<Tag, Elem>();
  /** Spans of another language and links, by their parent element and key (one per line piece run). */
  private readonly inline = new Map<Elem, { key: string; elem: Elem }>();
  private readonly all: Elem[] = [];
  private pageKey = -1;
  private pageParents: unknown[] | null = null;
  private readonly root: Elem;
  private lastLink: Elem | null = null;
  /** Text laid out without an element (none today): a paragraph of the document. */
  private loose: Tag | null = null;

  constructor(
    private readonly doc: Doc,
    /** The document's language (`fr`, `en`): runs in it need no `/Lang` of their own. */
    private readonly lang: string,
    private readonly rootTag: Tag,
    /** False: an untagged PDF (the bench's comparison), nothing is written. */
    readonly enabled = true,
  ) {
    this.root = enabled ? this.make(rootTag.role, null, rootTag.el) : { ref: null as unknown as Ref, kids: [] };
    this.elems.set(rootTag, this.root);
  }

  /** Called when a page starts: its marked content is numbered from 0. */
  page(): void {
    this.pageParents = null;
    this.pageKey = -1;
  }

  /**
   * The opening operator of marked content for `t` (and, inside it, a `Span` of another
   * language or a `Link`), on the current page; close it with `EMC`.
   */
  open(tagOrNull: Tag | null, lang: string | null = null, link: string | null = null): string {
    const t = tagOrNull ?? (this.loose ??= tag('P', this.rootTag));
    let e = this.elem(t);
    let role: string = t.role;
    if (link) {
      e = this.child(e, `link:${link}`, 'Link');
      this.lastLink = e;
      role = 'Link';
    }
    if (lang && lang !== this.lang) {
      e = this.child(e, `lang:${lang}`, 'Span', lang);
      role = 'Span';
    }
    const mcid = this.mcid(e.ref);
    e.kids.push({ page: this.doc.page.dictionary, mcid });
    return `/${role} <</MCID ${mcid}>> BDC`;
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
        const key = this.doc.createStructParentTreeNextKey();
        dictOf(a.annotationRef).StructParent = key;
        structParentTree(this.doc).add(key, e.ref);
        e.kids.push({ annot: a.annotationRef, page: this.doc.page.dictionary });
      },
    };
  }

  /** Write the tree (after the last page). */
  finish(): void {
    if (!this.enabled) return;
    const root = structTreeRoot(this.doc);
    root.data.K = [this.root.ref];
    dictOf(this.root.ref).P = root;
    for (const e of this.all) {
      const d = dictOf(e.ref);
      let pg: Ref | null = null;
      const k: unknown[] = [];
      for (const kid of e.kids) {
        if ('elem' in kid) k.push(kid.elem);
        else if ('mcid' in kid) {
          pg ??= kid.page;
          k.push(kid.page === pg ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
        } else k.push({ Type: 'OBJR', Obj: kid.annot, Pg: kid.page });
      }
      if (pg) d.Pg = pg;
      d.K = k;
      e.ref.end(undefined);
    }
  }

  private mcid(owner: Ref): number {
    const doc = this.doc;
    if (!this.pageParents) {
      this.pageKey = (doc.page as unknown as { structParentTreeKey: number }).structParentTreeKey;
      this.pageParents = structParents(doc, this.pageKey);
    }
    this.pageParents.push(owner);
    return this.pageParents.length - 1;
  }

  private elem(t: Tag): Elem {
    let e = this.elems.get(t);
    if (e) return e;
    const parent = t.parent ? this.elem(t.parent) : this.root;
    e = this.make(t.role, parent, t.el, t);
    this.elems.set(t, e);
    return e;
  }

  /** An inline element (Span, Link) under `t`: the same one while consecutive pieces continue it (a link over two lines). */
  private child(parent: Elem, key: string, role: 'Span' | 'Link', lang?: string): Elem {
    const k = `${role}|${key}`;
    const last = this.inline.get(parent);
    const lastKid = parent.kids[parent.kids.length - 1];
    if (last && last.key === k && lastKid && 'elem' in lastKid && lastKid.elem === last.elem.ref) return last.elem;
    const e = this.make(role, parent, null);
    if (lang) dictOf(e.ref).Lang = new String(lang);
    this.inline.set(parent, { key: k, elem: e });
    return e;
  }

  private make(role: Role | 'Span' | 'Link', parent: Elem | null, el: Element | null, t?: Tag): Elem {
    const data: Record<string, unknown> = { S: role };
    if (parent) data.P = parent.ref;
    const lang = el?.properties?.lang;
    if (typeof lang === 'string' && lang.trim() && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang.trim())) data.Lang = new String(lang.trim());
    if (role === 'TH') data.A = { O: 'Table', Scope: scopeOf(el, t) };
    if (role === 'TH' || role === 'TD') {
      const span = Number(el?.properties?.colSpan ?? 1);
      if (span > 1 && span <= 1000) data.A = { ...((data.A as object) ?? { O: 'Table' }), ColSpan: span };
    }
    const alt = el?.properties?.alt;
    if (role === 'Figure' && typeof alt === 'string') data.Alt = new String(alt);
    const e: Elem = { ref: this.doc.ref(data), kids: [] };
    if (parent) parent.kids.push({ elem: e.ref });
    this.all.push(e);
    return e;
  }
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
