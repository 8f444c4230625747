/** Markdown from the input (descriptions) to sanitised HTML: raw HTML and unsafe links are dropped. */
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype) // raw HTML is not passed through (allowDangerousHtml is off)
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: '' })
  .use(rehypeStringify)
  .freeze();

const cache = new Map<string, string>();

export function markdownToHtml(md: string): string {
  let html = cache.get(md);
  if (html === undefined) {
    html = String(processor.processSync(md));
    cache.set(md, html);
  }
  return html;
}
