import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment } from 'parse5';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { splitTopLevel } from '../src/render/parts.js';

const stringify = (html: string) =>
  unified()
    .use(rehypeStringify)
    .stringify(fromParse5(parseFragment(html), { space: 'html' }) as Root);
/** Parsing the parts one by one must give exactly the tree of the whole. */
const same = (html: string, size: number, cutAfter?: Parameters<typeof splitTopLevel>[2]) => {
  const parts = splitTopLevel(html, size, cutAfter);
  expect(parts.join('')).toBe(html);
  expect(parts.map(stringify).join('')).toBe(stringify(html));
  return parts;
};

describe('splitTopLevel: a long fragment cut where parsing parts gives the whole tree', () => {
  const sheet = (i: number) =>
    `${i ? '<div class="page-break"></div>\n' : ''}<h2 class="sheet-period">Jour ${i}</h2>\n<table><thead><tr><th>N°</th><th>NOM</th></tr></thead><tbody>\n${Array.from({ length: 30 }, (_, k) => `<tr><td>${k}</td><td>Nom ${k} &amp; fils</td></tr>`).join('\n')}</tbody></table>\n`;
  const sheets = Array.from({ length: 12 }, (_, i) => sheet(i)).join('');

  it('cuts a sign-in sheet between sheets, never after a kept heading', () => {
    const parts = same(sheets, 500, ({ tagName }) => tagName !== 'h2');
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts.slice(1)) expect(p.startsWith('<div class="page-break">') || p.startsWith('<table>')).toBe(true);
    for (const p of parts.slice(0, -1)) expect(p.trimEnd().endsWith('</h2>')).toBe(false);
  });

  it('leaves a short fragment whole (no tokenizing pass)', () => {
    expect(splitTopLevel(sheets)).toEqual([sheets]);
  });

  it('never cuts inside an element left open, raw text, or after top-level text', () => {
    // An unclosed <p> (its end implied), a script holding "</div>", a stray end tag, a comment,
    // and inline text at the top level: each stays whole with its neighbours.
    const tricky = [
      '<div>a</div><p>open paragraph<div>b</div>',
      '<div>c</div><script>var s = "</div><div>";</script><div>d</div>',
      '<section></span>e</section><!-- <div> --><div>f</div>',
      'text at the top <b>bold</b> <div>g</div><ul><li>one<li>two</ul>',
      '<textarea></div><div></textarea><div>h</div><svg><path/></svg><img src="x"><div>i</div>',
      // Formatting left open in a block is reopened by the tree builder in what follows;
      // misnested tags move nodes: no cut may come after them.
      '<div>j</div><div><b>gras</div>',
      '<div>k</div><div><a href="#">lien</div>',
      '<div>l</div><b><div>x</b><div>y</div>',
    ];
    for (const t of tricky) same(t.repeat(20), 40);
    // The first <p> is never closed: after it, no top level to cut at.
    expect(same('<div>a</div><p>open paragraph'.repeat(30), 10).length).toBe(2);
  });
});
