/**
 * One rendering path: a Handlebars template gives an HTML fragment; it is parsed once into
 * a hast tree, typography is applied to its text, and both back ends (HTML page, PDF
 * layout) consume that same tree.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment } from 'parse5';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { applyTypography, splitOrdinals, type Locale } from '../typography/index.js';
import { version } from '../version.js';
import type { Templates } from './templates.js';
import { PART_SIZE, splitTopLevel } from './parts.js';
import { cutAllowedAfter } from './pdf/styles.js';

const stringifier = unified().use(rehypeStringify, { characterReferences: { useNamedReferences: false } });

export interface DocumentTree {
  tree: DocumentBody;
  locale: Locale;
  title: string;
  subject: string;
  author: string;
  draft: boolean;
  /** Fixed date for reproducible PDFs. */
  date: Date;
  /** A4 landscape (a sign-in sheet with many half-days). */
  landscape?: boolean;
  /** A running header printed at the top of every page. */
  header?: string;
  /** No header, footer or page margins: the document draws whole pages (badges). */
  bare?: boolean;
  /** A3 rather than A4 (the timetable grid, `documents.grille.paper: a3`). */
  paper?: 'a4' | 'a3';
  /** Narrow page margins (the timetable grid: no running header, the page is the grid's). */
  compact?: boolean;
}

/**
 * A document's body: the HTML fragment its template gave, parsed and typeset part by part
 * when a back end asks (see parts.ts); a short document is one part.
 */
export class DocumentBody {
  private split: string[] | null = null;

  constructor(
    readonly html: string,
    readonly locale: Locale,
  ) {}

  /**
   * The body as hast trees, one per top-level part, each made only when it is reached. Both
   * back ends share the cutting (done once), so the cuts follow the PDF layout's rule: never
   * after a heading kept with what follows.
   */
  *parts(): Generator<Root> {
    this.split ??= splitTopLevel(this.html, PART_SIZE, cutAllowedAfter);
    for (const part of this.split) yield parseTypeset(part, this.locale);
  }
}

export function renderTree(templates: Templates, name: string, data: unknown, locale: Locale): DocumentBody {
  return new DocumentBody(templates.render(name, data), locale);
}

function parseTypeset(html: string, locale: Locale): Root {
  // parse5 straight, without source positions: rehype-parse records a position object for
  // every node, which a 10,000-item programme pays for in memory and garbage collection.
  const tree = fromParse5(parseFragment(html), { space: 'html' }) as Root;
  typeset(tree, locale);
  return tree;
}

const RAW = new Set(['code', 'pre', 'script', 'style', 'sup', 'sub']);

/**
 * Typography per distinct text: a sign-in sheet repeats each name on every sheet, a
 * programme its rooms and roles. Bounded, so a huge document cannot grow it without end.
 */
const typesetCache = { fr: new Map<string, string>(), en: new Map<string, string>() };

function typography(text: string, locale: Locale): string {
  const cache = typesetCache[locale];
  let out = cache.get(text);
  if (out === undefined) {
    out = applyTypography(text, locale);
    if (cache.size > 200_000) cache.clear();
    cache.set(text, out);
  }
  return out;
}

function typeset(node: Root | Element, locale: Locale): void {
  let out: Array<RootContent | ElementContent> | null = null;
  const children = node.children as Array<RootContent | ElementContent>;
  children.forEach((child, i) => {
    if (child.type === 'text') {
      child.value = typography(child.value, locale);
      // French ordinals get a raised suffix (1er, XXIe): a <sup> both back ends print.
      const pieces = splitOrdinals(child.value, locale);
      if (pieces.length > 1) {
        out ??= children.slice(0, i);
        for (const p of pieces) {
          out.push(p.sup ? { type: 'element', tagName: 'sup', properties: { className: ['ordinal'] }, children: [{ type: 'text', value: p.text }] } : { type: 'text', value: p.text });
        }
        return;
      }
    } else if (child.type === 'element' && !RAW.has(child.tagName)) typeset(child, locale);
    out?.push(child);
  });
  if (out) node.children = out as typeof node.children;
}

export function toHtmlPage(templates: Templates, doc: DocumentTree): string {
  let body = '';
  for (const part of doc.tree.parts()) body += stringifier.stringify(part);
  return templates.render('layout.hbs', {
    lang: doc.locale,
    version,
    title: applyTypography(doc.title, doc.locale),
    css: templates.text('style.css'),
    bodyClass: doc.draft ? 'draft' : '',
    body,
  });
}
