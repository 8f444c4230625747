/**
 * Markdown from the input (descriptions, minutes) to sanitised HTML: raw HTML is not passed
 * through, and the tree goes through coop's one sanitiser (sanitize.ts), the same that every
 * template's output goes through.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { remarkSupSub } from './supsub.js';
import { checkMarkdownTree, MarkdownScanner } from '../source/markdown-limits.js';
import { sanitizeTree } from './sanitize.js';
import { installLinearEditMap } from '../source/micromark-edit-map.js';

/** The sanitiser as a rehype step. */
function rehypeCoopSanitize() {
  return (tree: HastRoot) => sanitizeTree(tree);
}

installLinearEditMap(); // micromark's EditMap.consume made linear (many lists)
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkSupSub) // <sup> and <sub> kept, the rest of raw HTML dropped
  .use(remarkRehype) // raw HTML is not passed through (allowDangerousHtml is off)
  .use(rehypeCoopSanitize)
  .use(rehypeStringify)
  .freeze();

const fromMdast = unified().use(remarkSupSub).use(remarkRehype).use(rehypeCoopSanitize).use(rehypeStringify).freeze();

/** An mdast tree (the body of minutes, within the Markdown limits since it was loaded) to sanitised HTML. */
export function mdastToHtml(tree: MdRoot): string {
  const hast = fromMdast.runSync(tree);
  return fromMdast.stringify(hast);
}

/** Markdown beyond coop's limits, met while rendering (a template that renders a field the checks did not scan). */
export class MarkdownLimitError extends Error {}

const cache = new Map<string, string>();

export function markdownToHtml(md: string): string {
  let html = cache.get(md);
  if (html === undefined) {
    // Texts of the input were scanned when loaded; this one may not have been.
    const { problem, measure } = new MarkdownScanner().scan(md);
    if (problem) throw new MarkdownLimitError(`Markdown beyond coop's limits (line ${problem.line} of the text): ${problem.message.en}`);
    const tree = processor.parse(md);
    if (measure) {
      const deep = checkMarkdownTree(tree);
      if (deep) throw new MarkdownLimitError(`Markdown beyond coop's limits (line ${deep.line} of the text): ${deep.message.en}`);
    }
    html = processor.stringify(processor.runSync(tree));
    if (cache.size > 50_000) cache.clear();
    cache.set(md, html);
  }
  return html;
}
