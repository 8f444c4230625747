/** Markdown from the input (descriptions) to sanitised HTML: raw HTML and unsafe links are dropped. */
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import type { Root as MdRoot } from 'mdast';
import { remarkSupSub } from './supsub.js';

// GitHub's sanitisation schema, plus the one class coop puts on decision paragraphs.
const schema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'decision']],
    li: [['className', 'task-list-item', 'decision']],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkSupSub) // <sup> and <sub> kept, the rest of raw HTML dropped
  .use(remarkRehype) // raw HTML is not passed through (allowDangerousHtml is off)
  .use(rehypeSanitize, schema)
  .use(rehypeStringify)
  .freeze();

const fromMdast = unified().use(remarkSupSub).use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify).freeze();

/** An mdast tree (the body of minutes) to sanitised HTML. */
export function mdastToHtml(tree: MdRoot): string {
  const hast = fromMdast.runSync(tree);
  return fromMdast.stringify(hast);
}

const cache = new Map<string, string>();

export function markdownToHtml(md: string): string {
  let html = cache.get(md);
  if (html === undefined) {
    html = String(processor.processSync(md));
    cache.set(md, html);
  }
  return html;
}
