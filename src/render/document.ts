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
import { applyTypography, type Locale } from '../typography/index.js';
import { version } from '../version.js';
import type { Templates } from './templates.js';

const stringifier = unified().use(rehypeStringify, { characterReferences: { useNamedReferences: false } });

export interface DocumentTree {
  tree: Root;
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
}

export function renderTree(templates: Templates, name: string, data: unknown, locale: Locale): Root {
  const html = templates.render(name, data);
  // parse5 straight, without source positions: rehype-parse records a position object for
  // every node, which a 10,000-item programme pays for in memory and garbage collection.
  const tree = fromParse5(parseFragment(html), { space: 'html' }) as Root;
  typeset(tree, locale);
  return tree;
}

const RAW = new Set(['code', 'pre', 'script', 'style']);

function typeset(node: Root | Element, locale: Locale): void {
  for (const child of node.children as Array<RootContent | ElementContent>) {
    if (child.type === 'text') child.value = applyTypography(child.value, locale);
    else if (child.type === 'element' && !RAW.has(child.tagName)) typeset(child, locale);
  }
}

export function toHtmlPage(templates: Templates, doc: DocumentTree): string {
  const body = stringifier.stringify(doc.tree);
  return templates.render('layout.hbs', {
    lang: doc.locale,
    version,
    title: applyTypography(doc.title, doc.locale),
    css: templates.text('style.css'),
    bodyClass: doc.draft ? 'draft' : '',
    body,
  });
}
