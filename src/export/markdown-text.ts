/**
 * Markdown as plain text, for formats without markup (calendar descriptions, schedules).
 */
import type { Nodes, Parent, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { installLinearEditMap } from '../source/micromark-edit-map.js';

// The same parser as the HTML programme (CommonMark, no GFM), so both read a description alike.
installLinearEditMap(); // micromark's EditMap.consume made linear (many lists)
const markdown = unified().use(remarkParse).freeze();

function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      // A soft line break of the YAML block is only a wrap: it becomes a space.
      return node.value.replace(/[ \t]*\n[ \t]*/g, ' ');
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'link': {
      const label = childrenText(node);
      return label && label !== node.url && `mailto:${label}` !== node.url ? `${label} (${node.url})` : node.url;
    }
    case 'html':
      return '';
    default:
      return 'children' in node ? childrenText(node) : '';
  }
}

function childrenText(node: Parent): string {
  return (node.children as Nodes[]).map(inlineText).join('');
}

function blockText(node: Nodes): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return childrenText(node).trim();
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const body = item.children.map(blockText).filter(Boolean).join('\n');
          // Continuation lines of an item are indented under its text.
          return marker + body.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
        })
        .join('\n');
    case 'blockquote':
      return node.children.map(blockText).filter(Boolean).join('\n\n').replace(/^/gm, '> ');
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '---';
    case 'html':
      return '';
    default:
      return 'children' in node ? childrenText(node).trim() : '';
  }
}

/** Markdown as plain text: paragraphs unwrapped, lists kept as "- ", emphasis and HTML dropped. */
export function markdownToText(md: string): string {
  const tree = markdown.parse(md) as Root;
  return tree.children.map(blockText).filter(Boolean).join('\n\n');
}
