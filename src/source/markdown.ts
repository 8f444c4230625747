/** Markdown to mdast, as coop reads it everywhere (CommonMark + GFM: tables, task lists, footnotes). */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { installLinearEditMap } from './micromark-edit-map.js';

installLinearEditMap(); // micromark's EditMap.consume made linear (many lists)
const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parse Markdown (call MarkdownScanner first: some texts are too slow to parse). */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}
