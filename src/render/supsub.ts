/**
 * `<sup>…</sup>` and `<sub>…</sub>` written in Markdown (raw HTML, which coop otherwise drops):
 * kept as superscript and subscript, in the HTML and the PDF. Only these two tags, in pairs
 * within one paragraph; anything else of raw HTML is still dropped.
 */
import type { Parent, PhrasingContent, Root } from 'mdast';

const OPEN = /^<(sup|sub)>$/i;
const CLOSE = /^<\/(sup|sub)>$/i;

function wrap(parent: Parent): void {
  const kids = parent.children as PhrasingContent[];
  if (!kids.some((k) => k.type === 'html')) {
    for (const k of kids) if ('children' in k) wrap(k as Parent);
    return;
  }
  const out: PhrasingContent[] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    const open = k.type === 'html' ? OPEN.exec(k.value.trim()) : null;
    if (open) {
      const tag = open[1].toLowerCase();
      let j = i + 1;
      while (j < kids.length && !(kids[j].type === 'html' && CLOSE.exec((kids[j] as { value: string }).value.trim())?.[1].toLowerCase() === tag)) j++;
      if (j < kids.length) {
        // An emphasis node renamed: remark-rehype makes it a <sup> or <sub> element.
        const inner = kids.slice(i + 1, j);
        const node: PhrasingContent = { type: 'emphasis', children: inner as never, data: { hName: tag } };
        wrap(node as Parent);
        out.push(node);
        i = j;
        continue;
      }
    }
    if ('children' in k) wrap(k as Parent);
    out.push(k);
  }
  parent.children = out;
}

/** A unified plugin (mdast transformer). */
export function remarkSupSub() {
  return (tree: Root) => {
    const visit = (node: Parent) => {
      for (const c of node.children) {
        if (c.type === 'paragraph' || c.type === 'heading' || c.type === 'tableCell') wrap(c as Parent);
        else if ('children' in c) visit(c as Parent);
      }
    };
    visit(tree);
  };
}
