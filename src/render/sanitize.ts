/**
 * The one sanitiser of the document tree (hast) that both back ends consume: Markdown from
 * the input and the output of every template (coop's and the user's) go through it.
 *
 * - Only listed elements survive (GitHub's list, plus the sectioning elements coop's templates
 *   use); `script`, `style`, `iframe`, `object`… are dropped with their content, any other
 *   unknown element is replaced by its content.
 * - Only listed attributes survive, with text values; no event handlers; `style` only as a
 *   style sheet that loads nothing (see sanitizeCss).
 * - Links (`a href`) are kept only when absolute `http:`, `https:`, `mailto:` or `tel:`, or a
 *   fragment of the page (`#fn-1`): no `javascript:`, `file:`, `smb:`, and no relative or
 *   protocol-relative link (`../../etc/passwd`, `//host/x`) that a PDF would turn into an action.
 * - Remote images (`http:`, `//host`) and `data:` images are never kept (a tracking pixel is a
 *   remote image): the image becomes its alternative text. Relative images are kept for the
 *   image support to resolve inside the project.
 * - Control characters (C0 but tab and line ends, DEL, C1) and lone surrogates become U+FFFD
 *   in text and attribute values: HTML forbids them, a PDF prints them as boxes.
 * - The tree may not nest deeper than MAX_DEPTH elements: deeper nesting is an error, never a
 *   stack overflow later (both back ends walk the tree recursively).
 *
 * Written for coop rather than taken from hast-util-sanitize: that one copies every node (a
 * sign-in sheet is a million nodes) and spreads children into arrays (a crash past ~120,000).
 * The lists of elements and attributes are its GitHub lists, extended.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { defaultSchema } from 'hast-util-sanitize';

/** Elements deeper than this are refused (a browser flattens past 512; Markdown is limited to 32 levels). */
export const MAX_DEPTH = 256;

export class NestingError extends Error {
  constructor(readonly depth: number) {
    super(`the HTML nests more than ${MAX_DEPTH} elements deep`);
  }
}

const EXTRA_TAGS = [
  'section',
  'header',
  'footer',
  'main',
  'article',
  'aside',
  'nav',
  'figure',
  'figcaption',
  'caption',
  'colgroup',
  'col',
  'abbr',
  'mark',
  'small',
  'time',
  'cite',
  'dfn',
  'u',
  'bdi',
  'bdo',
  'address',
  'wbr',
];
/** Elements that may load something or run something: never kept (`picture`/`source` fetch through srcset). */
const NEVER = new Set(['picture', 'source']);
const FRAGMENT_TAGS = new Set([...(defaultSchema.tagNames ?? []).filter((t) => !NEVER.has(t)), ...EXTRA_TAGS]);
const PAGE_TAGS = new Set([...FRAGMENT_TAGS, 'html', 'head', 'body', 'meta', 'title', 'style']);

/** Dropped with everything inside them (the rest of the unknown elements give their content). */
const STRIP = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'textarea',
  'select',
  'title',
  'head',
  'base',
  'link',
  'meta',
  'svg',
  'math',
  'audio',
  'video',
  'canvas',
  'form',
  'button',
]);
const PAGE_STRIP = new Set([...STRIP].filter((t) => !['style', 'title', 'head', 'meta'].includes(t)));

/** Elements that only make sense inside others (a `tr` outside a table would break out of it). */
const ANCESTORS: Record<string, string[]> = { ...(defaultSchema.ancestors ?? {}), li: ['ol', 'ul'], caption: ['table'], col: ['table'], colgroup: ['table'] };

/** Risky attributes of GitHub's global list that coop has no use for. */
const NOT_GLOBAL = new Set(['action', 'method', 'encType', 'acceptCharset', 'accept', 'useMap', 'isMap', 'noHref', 'coords', 'shape']);
const GLOBAL = new Set([
  ...(defaultSchema.attributes?.['*'] ?? []).filter((a): a is string => typeof a === 'string' && !NOT_GLOBAL.has(a)),
  'className',
  'role',
  'translate',
]);
const BY_TAG: Record<string, Set<string>> = {
  a: new Set(['href', 'hrefLang', 'rel']),
  img: new Set(['src', 'alt', 'width', 'height', 'title']),
  input: new Set(['type', 'checked', 'disabled']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  td: new Set(['colSpan', 'rowSpan', 'headers', 'scope', 'abbr']),
  th: new Set(['colSpan', 'rowSpan', 'headers', 'scope', 'abbr']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
  del: new Set(['cite', 'dateTime']),
  ins: new Set(['cite', 'dateTime']),
  time: new Set(['dateTime']),
  meta: new Set(['charSet', 'name', 'content']),
  html: new Set(['lang', 'dir']),
};

/** `aria-*` and `data-*` attributes are inert without scripts. */
const PREFIXED = /^(aria|data)[A-Z]/;

/** Control characters that HTML forbids and a PDF cannot print, and lone surrogates. */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with control characters and lone surrogates replaced by U+FFFD (the input unchanged when it has none). */
export function cleanControls(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, '\uFFFD') : s;
}

/** A link that may be kept: absolute http(s), mailto or tel, or a fragment of the page. */
export function isSafeHref(href: string): boolean {
  const h = href.trim();
  if (h.startsWith('#')) return !/[\s\u0000-\u001F]/.test(h);
  return /^(https?:\/\/[^\s/\\?#@]|mailto:[^\s]|tel:[+\d(])/i.test(h);
}

/** A relative image path that stays a path (no scheme, not absolute, not protocol-relative). */
export function isLocalImage(src: string): boolean {
  const s = src.trim();
  return s !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(s) && !s.startsWith('/') && !s.startsWith('\\');
}

/**
 * An image of coop's own output folder, `assets/NAME` (a logo, a Markdown image read from the
 * project): the only `src` a written document keeps (the document stage, document.ts, gives each
 * Markdown image read its asset name and turns any other into its alternative text).
 */
export function isAssetImage(src: string): boolean {
  return /^assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(src);
}

interface Context {
  tags: Set<string>;
  strip: Set<string>;
  stack: string[];
}

/**
 * Sanitise a hast tree in place (a fragment: a document body, Markdown). Throws NestingError
 * when it nests deeper than MAX_DEPTH elements.
 */
export function sanitizeTree<T extends Root | Element>(tree: T): T {
  clean(tree, { tags: FRAGMENT_TAGS, strip: STRIP, stack: [] });
  return tree;
}

/** Sanitise a whole page (a layout: html, head, meta, title, style), in place. */
export function sanitizePage(tree: Root): Root {
  clean(tree, { tags: PAGE_TAGS, strip: PAGE_STRIP, stack: [] });
  return tree;
}

function clean(parent: Root | Element, ctx: Context): void {
  if (ctx.stack.length > MAX_DEPTH) throw new NestingError(ctx.stack.length);
  const input = parent.children as Array<RootContent | ElementContent>;
  let out: Array<RootContent | ElementContent> | null = null;
  for (let i = 0; i < input.length; i++) {
    const node = input[i];
    let keep: RootContent | ElementContent | Array<RootContent | ElementContent> | null = node;
    if (node.type === 'text') {
      node.value = cleanControls(node.value);
    } else if (node.type === 'element') {
      keep = cleanElement(node, ctx);
    } else if (node.type === 'doctype') {
      keep = ctx.tags === PAGE_TAGS ? node : null;
    } else {
      keep = null; // comments, raw HTML nodes
    }
    if (keep !== node && out === null) out = input.slice(0, i);
    if (out !== null) {
      if (Array.isArray(keep)) for (const k of keep) out.push(k);
      else if (keep) out.push(keep);
    }
  }
  if (out !== null) parent.children = out as typeof parent.children;
}

function cleanElement(el: Element, ctx: Context): Element | ElementContent[] | null {
  const name = el.tagName;
  if (ctx.strip.has(name)) return null;
  const known =
    ctx.tags.has(name) &&
    (!Object.hasOwn(ANCESTORS, name) || ANCESTORS[name].some((a) => ctx.stack.includes(a))) &&
    // A link inside a link (the parser makes one from misnested tables) reads back differently.
    !(name === 'a' && ctx.stack.includes('a'));
  ctx.stack.push(name);
  try {
    if (name === 'style') {
      // Only in a page: its text is a style sheet.
      for (const c of el.children) if (c.type === 'text') c.value = sanitizeCss(c.value);
      el.children = el.children.filter((c) => c.type === 'text');
    } else if (el.children.length > 0) clean(el, ctx);
  } finally {
    ctx.stack.pop();
  }
  if (!known) return el.children as ElementContent[];
  el.properties = cleanProperties(name, el.properties ?? {});
  // A link to anything else is no link: its text stays, in neither back end styled as a link.
  if (name === 'a' && (el.properties.href === undefined || !isSafeHref(String(el.properties.href)))) {
    return el.properties.id === undefined
      ? (el.children as ElementContent[])
      : { type: 'element', tagName: 'span', properties: { id: el.properties.id }, children: el.children };
  }
  if (name === 'img') {
    const src = el.properties.src;
    if (typeof src !== 'string' || !isLocalImage(src)) {
      const alt = typeof el.properties.alt === 'string' ? el.properties.alt : '';
      return alt ? [{ type: 'text', value: alt }] : null;
    }
  }
  // A page's <meta> says a charset or a name's content; no http-equiv (a refresh to elsewhere).
  if (name === 'meta' && el.properties.charSet === undefined && el.properties.name === undefined) return null;
  if (name === 'input') {
    if (el.properties.type !== 'checkbox') return null;
    el.properties.disabled = true;
  }
  for (const key of ['cite']) {
    const v = el.properties[key];
    if (v !== undefined && !/^https?:\/\//i.test(String(v))) delete el.properties[key];
  }
  return el;
}

function cleanProperties(tag: string, props: Properties): Properties {
  const out: Properties = {};
  const own = BY_TAG[tag];
  for (const key of Object.keys(props)) {
    const v = props[key];
    // An inline style loads nothing either (its url() and the like removed).
    if (key === 'style' && typeof v === 'string') {
      out.style = sanitizeCss(v);
      continue;
    }
    if (!(GLOBAL.has(key) || PREFIXED.test(key) || own?.has(key))) continue;
    if (typeof v === 'string') out[key] = cleanControls(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (Array.isArray(v))
      out[key] = v
        .map((x) => (typeof x === 'string' ? cleanControls(x) : x))
        .filter((x): x is string | number => typeof x === 'string' || typeof x === 'number');
  }
  return out;
}

/**
 * A style sheet that loads nothing and cannot leave its `<style>` element: `@import` and
 * `url(…)` (remote fonts, tracking images), `image-set(…)`, `expression(…)` are neutralised
 * (the declaration becomes invalid and browsers skip it), comments removed, and `</style` or
 * `<!--` cannot close or confuse the element. CSS escapes are decoded first, so `u\72 l(` is
 * caught like `url(`.
 */
export function sanitizeCss(css: string): string {
  let s = cleanControls(css)
    // comments first: u/**/rl( would otherwise hide a url(
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
    // hex escapes of harmless characters, and escaped letters, decoded
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\f]?/g, (all, hex: string) => {
      const cp = parseInt(hex, 16);
      const c = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
      return /^[\p{L}\p{N}\-_(@:. ]$/u.test(c) ? c : all;
    })
    .replace(/\\([A-Za-z(@:-])/g, '$1');
  // Functions that load something, with their argument (innermost first: image-set(url(…))).
  const loader = /\b(url|image-set|-webkit-image-set|image|cross-fade|element|expression|paint)\s*\(\s*("[^"]*"|'[^']*'|[^()]*)\)/gi;
  for (let i = 0; i < 8 && loader.test(s); i++) s = s.replace(loader, 'none');
  s = s
    .replace(/@import\b[^;]*;?/gi, '')
    .replace(/\b(url|image-set|-webkit-image-set|image|cross-fade|element|expression|paint)\s*\(/gi, 'coop-removed(')
    .replace(/(-moz-binding|behavior)\s*:/gi, 'coop-removed:')
    // No `<` at all: `</style>` cannot close the element, `<!--` cannot open a comment. A `<`
    // in a CSS string or `content:` is written `\3C ` there, which CSS reads as the same.
    .replace(/</g, '\\3C ')
    .replace(/-->/g, '--\\3E ');
  return s;
}
