/**
 * Markdown to mdast, as coop reads it everywhere (CommonMark + GFM: tables, task lists,
 * footnotes), and minutes files with their YAML front matter. Every parse of the check stage
 * goes through here: the command-line bundle loads this module (micromark, mdast-util-from-markdown
 * and their extensions: 240 kB to compile) on the first parse only (scripts/build.mjs), so a
 * check whose texts MarkdownScanner passes as plain never compiles micromark.
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { installLinearEditMap } from './micromark-edit-map.js';

installLinearEditMap(); // micromark's EditMap.consume made linear (many lists)
const parser = unified().use(remarkParse).use(remarkGfm).freeze();
const minutesParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Parse Markdown (call MarkdownScanner first: some texts are too slow to parse). */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** Parse a minutes file: Markdown with its `---` YAML front matter as a `yaml` node. */
export function parseMinutesMarkdown(text: string): Root {
  return minutesParser.parse(text);
}
