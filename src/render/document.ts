/**
 * One rendering path: a Handlebars template gives an HTML fragment; it is parsed once into
 * a hast tree, typography is applied to its text, and both back ends (HTML page, PDF
 * layout) consume that same tree.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { randomBytes } from 'node:crypto';
import { defaultTreeAdapter, parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { applyTypography, splitOrdinals, type Locale } from '../typography/index.js';
import { version } from '../version.js';
import { TemplateError, type Templates } from './templates.js';
import { isAssetImage, MAX_DEPTH, NestingError, sanitizeCss, sanitizePage, sanitizeTree } from './sanitize.js';
import { PART_SIZE, splitTopLevel } from './parts.js';
import { cutAllowedAfter } from './styles.js';
import { accessibleHtml } from './html-a11y.js';
import { hastFromParse5 } from './hast-from-parse5.js';

const stringifier = unified().use(rehypeStringify, { characterReferences: { useNamedReferences: false } });

export interface DocumentTree {
  body: DocumentBody;
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
  /** Images the body shows (`<img src>`), read from the project: the PDF embeds them, the HTML has them copied next to it. */
  images?: ReadonlyMap<string, { bytes: Uint8Array; width: number; height: number; type?: 'png' | 'jpeg' }>;
}

/**
 * A document's body: the HTML fragment its template gave, parsed and typeset part by part
 * when a back end asks (see parts.ts); a short document is one part.
 */
export class DocumentBody {
  private split: string[] | null = null;
  /**
   * The tree of a body of one part, with the images it was resolved with: an event's
   * document goes to two or three back ends (HTML, PDF, Word), and parsing and typesetting it
   * once each was 4 % of twenty seminars built in one process, profiled.
   */
  private single: { images: DocumentBody['images']; tree: Root } | null = null;

  /**
   * The Markdown images read from the project, by their address as written: each `<img>` of
   * the body with such a `src` is given its `assets/…` name and its size; any other `<img>` of
   * the body that is not an asset (a file refused by the checks) becomes its alternative text.
   */
  images: ReadonlyMap<string, { name: string; width: number; height: number }> = new Map();

  constructor(
    readonly html: string,
    readonly locale: Locale,
    /** The template file the HTML came from, for errors found in it. */
    readonly source: string = '',
  ) {}

  /**
   * The body as hast trees, one per top-level part, each made only when it is reached. Both
   * back ends share the cutting (done once), so the cuts follow the PDF layout's rule: never
   * after a heading kept with what follows.
   */
  *parts(): Generator<Root> {
    this.split ??= splitTopLevel(this.html, PART_SIZE, cutAllowedAfter);
    if (this.split.length === 1) {
      // One part (a body under 2 × PART_SIZE): parsed once for all the back ends, each given
      // its own copy (the HTML one adds attributes).
      if (this.single?.images !== this.images) this.single = { images: this.images, tree: this.parsePart(this.split[0]) };
      yield copyTree(this.single.tree);
      return;
    }
    for (const part of this.split) yield this.parsePart(part);
  }

  private parsePart(part: string): Root {
    const tree = parseTypeset(part, this.locale, this.source);
    if (HAS_IMAGE.test(part)) resolveImages(tree, this.images);
    return tree;
  }
}

/** A copy of a hast tree that shares nothing a back end may change: nodes, properties and their lists. */
function copyTree<T extends Root | RootContent>(node: T): T {
  const copy: Record<string, unknown> = { ...node };
  if ('properties' in node && node.properties) {
    const properties: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(node.properties)) properties[name] = Array.isArray(value) ? [...value] : value;
    copy.properties = properties;
  }
  if ('children' in node) copy.children = node.children.map((c) => copyTree(c));
  if ('content' in node && node.content) copy.content = copyTree(node.content as Root);
  if (node.data) copy.data = { ...node.data };
  return copy as T;
}

/** The widest an image of the text is shown in the HTML, in CSS pixels (the PDF: the column). */
const IMAGE_MAX_WIDTH = 640;

/**
 * Whether a part's HTML may hold an image: an `<img` tag, in any case, or `<image`, which HTML
 * parses as one. Most parts (a sign-in sheet's pages, a programme's sessions) have none and
 * are not walked.
 */
const HAS_IMAGE = /<im(?:g|age)[\s/>]/i;

/** See DocumentBody.images. */
function resolveImages(node: Root | Element, images: DocumentBody['images']): void {
  for (let i = 0; i < node.children.length; i++) {
    const n = node.children[i];
    if (n.type !== 'element') continue;
    if (n.tagName !== 'img') {
      resolveImages(n, images);
      continue;
    }
    const src = String(n.properties?.src ?? '');
    const image = images.get(src);
    // A logo's <img> already names its asset (a bare name under assets/).
    if (!image && isAssetImage(src)) continue;
    if (image) {
      const width = Math.min(image.width, IMAGE_MAX_WIDTH);
      n.properties = { ...n.properties, src: image.name, width, height: Math.round((width * image.height) / image.width) };
    } else {
      const alt = typeof n.properties?.alt === 'string' ? n.properties.alt : '';
      node.children.splice(i, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
      if (!alt) i--;
    }
  }
}

export function renderTree(templates: Templates, name: string, data: unknown, locale: Locale): DocumentBody {
  return new DocumentBody(templates.render(name, data), locale, templates.fileOf(name));
}

/**
 * A parse5 tree adapter that counts the elements it creates: HTML's "reconstruct the active
 * formatting elements" can make a few kilobytes of unclosed `<b class=…>` and `<p>` into
 * millions of elements. No part may have more elements than characters.
 */
function countingAdapter(limit: number): typeof defaultTreeAdapter {
  let count = 0;
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++count > limit) throw new NestingError(-1);
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
  };
}

/** The depth of a parse5 tree, without recursion (hast-util-from-parse5 recurses once per level). */
function parse5Depth(root: DefaultTreeAdapterMap['parentNode']): number {
  let max = 0;
  const stack: Array<[DefaultTreeAdapterMap['node'], number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) return depth;
    const kids = (node as { childNodes?: DefaultTreeAdapterMap['node'][] }).childNodes;
    if (kids) for (const k of kids) stack.push([k, depth + 1]);
    const content = (node as { content?: DefaultTreeAdapterMap['node'] }).content;
    if (content) stack.push([content, depth + 1]);
  }
  return max;
}

/** HTML (a template's output) to a sanitised hast tree; a tree too deep or too large is the template's error. */
export function parseSafely(html: string, source: string, page = false): Root {
  try {
    const adapter = countingAdapter(html.length + 1000);
    // parse5 straight, without source positions: rehype-parse records a position object for
    // every node, which a 10,000-item programme pays for in memory and garbage collection.
    const p5 = page ? parse(html, { treeAdapter: adapter }) : parseFragment(html, { treeAdapter: adapter });
    if (parse5Depth(p5) > MAX_DEPTH) throw new NestingError(MAX_DEPTH + 1);
    const tree = hastFromParse5(p5);
    return page ? sanitizePage(tree) : sanitizeTree(tree);
  } catch (err) {
    if (!(err instanceof NestingError)) throw err;
    throw new TemplateError(
      source,
      1,
      1,
      err.depth < 0
        ? 'the HTML this template produces makes more elements than it has characters (unclosed formatting tags?)'
        : `the HTML this template produces nests more than ${MAX_DEPTH} elements deep`,
    );
  }
}

function parseTypeset(html: string, locale: Locale, source: string): Root {
  const tree = parseSafely(html, source);
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
          out.push(
            p.sup
              ? { type: 'element', tagName: 'sup', properties: { className: ['ordinal'] }, children: [{ type: 'text', value: p.text }] }
              : { type: 'text', value: p.text },
          );
        }
        return;
      }
    } else if (child.type === 'element' && !RAW.has(child.tagName)) typeset(child, locale);
    out?.push(child);
  });
  if (out) node.children = out as typeof node.children;
}

/** Placeholders for the body and the style sheet while the layout alone is sanitised (letters and digits only). */
const BODY_TOKEN = `coopbody${randomBytes(12).toString('hex')}`;
const CSS_TOKEN = `coopcss${randomBytes(12).toString('hex')}`;

/**
 * The HTML page: `layout.hbs` around the body. The layout (a user may override it) is rendered
 * with placeholders, sanitised as a page (no script, no remote stylesheet, no refresh), and
 * the placeholders then replaced by the body (sanitised part by part) and the style sheet
 * (sanitised as CSS). The body must sit in the page's body, the style sheet in a `<style>`.
 */
export function toHtmlPage(templates: Templates, doc: DocumentTree): string {
  let body = '';
  for (const part of doc.body.parts()) body += stringifier.stringify(accessibleHtml(part, doc.locale));
  const layout = templates.fileOf('layout.hbs');
  const html = templates.render('layout.hbs', {
    lang: doc.locale,
    version,
    title: applyTypography(doc.title, doc.locale),
    css: CSS_TOKEN,
    bodyClass: doc.draft ? 'draft' : '',
    body: BODY_TOKEN,
  });
  const tree = parseSafely(html, layout, true);
  // Where the placeholders landed: the body in a text of <body>, the style sheet in a <style>,
  // nowhere else (an attribute, a <title>), so that neither can break out of its place.
  let bodies = 0;
  let sheets = 0;
  let misplaced = false;
  const walk = (node: Root | Element, raw: string | null, inBody: boolean) => {
    for (const child of node.children as Array<RootContent | ElementContent>) {
      if (child.type === 'text') {
        const b = child.value.split(BODY_TOKEN).length - 1;
        const c = child.value.split(CSS_TOKEN).length - 1;
        bodies += b;
        sheets += c;
        if ((b > 0 && (raw !== null || !inBody)) || (c > 0 && raw !== 'style')) misplaced = true;
      } else if (child.type === 'element') {
        walk(child, child.tagName === 'style' || child.tagName === 'title' ? child.tagName : raw, inBody || child.tagName === 'body');
      }
    }
  };
  walk(tree, null, false);
  const out = stringifier.stringify(tree);
  const pieces = out.split(BODY_TOKEN);
  if (bodies !== 1 || misplaced || pieces.length !== 2 || out.split(CSS_TOKEN).length - 1 !== sheets) {
    throw new TemplateError(layout, 1, 1, "the layout must place {{{body}}} once, inside the page's <body>, and {{{css}}} only inside a <style> element");
  }
  const [before, after] = pieces;
  const css = sanitizeCss(templates.text('style.css'));
  const page = before.split(CSS_TOKEN).join(css) + body + after.split(CSS_TOKEN).join(css);
  return html.endsWith('\n') && !page.endsWith('\n') ? `${page}\n` : page;
}
