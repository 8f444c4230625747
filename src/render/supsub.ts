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
  // Where the next </sup> and </sub> are, from each position: found in one pass from the end,
  // so that thousands of unclosed <sup> cost no more than reading them (a search forward from
  // each one was quadratic: 30,000 of them, 150 KB of a description, took 14 s).
  const next = { sup: new Int32Array(kids.length + 1), sub: new Int32Array(kids.length + 1) };
  next.sup[kids.length] = next.sub[kids.length] = kids.length;
  for (let i = kids.length - 1; i >= 0; i--) {
    const k = kids[i];
    const close = k.type === 'html' ? CLOSE.exec(k.value.trim())?.[1].toLowerCase() : undefined;
    next.sup[i] = close === 'sup' ? i : next.sup[i + 1];
    next.sub[i] = close === 'sub' ? i : next.sub[i + 1];
  }
  const out: PhrasingContent[] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    const open = k.type === 'html' ? OPEN.exec(k.value.trim()) : null;
    if (open) {
      const tag = open[1].toLowerCase() as 'sup' | 'sub';
      const j = next[tag][i + 1];
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
