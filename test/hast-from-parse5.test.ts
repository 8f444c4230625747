/**
 * hastFromParse5 (src/render/hast-from-parse5.ts) gives exactly what hast-util-from-parse5
 * gives: the same nodes, properties in the same order, on the examples' pages, on HTML made to
 * reach its unusual paths (SVG, MathML, templates, selector-like tag names, attributes named
 * like Object.prototype's keys, boolean, number and list attributes) and on random fragments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse, parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { hastFromParse5 } from '../src/render/hast-from-parse5.js';
import { builtExample, exampleDirs } from './helpers.js';

const SEED = Number(process.env.COOP_FUZZ_SEED ?? 20120301);

/** Both conversions of `html`, as fragment and as document, in JSON (which keeps the properties' order). */
function both(html: string): Array<[string, string]> {
  return [parseFragment(html), parse(html)].map((tree) => [JSON.stringify(hastFromParse5(tree)), JSON.stringify(fromParse5(tree, { space: 'html' }))]);
}

const cases = [
  '<p class="a  b" id="x">texte <b>gras</b></p>',
  '<P CLASS="A" Title="T">majuscules</P>',
  '<td colspan="2" rowspan="x" headers="h1 h2">1</td>',
  '<input type="checkbox" disabled checked="checked" hidden="">',
  '<img src="a.png" width="10" height="1e3" alt="">',
  '<a.b class="c">sélecteur</a.b><x#y>id</x#y><d.e#f.g>tout</d.e#f.g>',
  '<div constructor="1" __proto__="2" toString="3" hasOwnProperty="4" class="k">prototype</div>',
  '<div 1="a" b="b" 0="c" class="z">clés entières</div>',
  '<svg viewBox="0 0 10 10"><foreignObject><p class="in">html</p></foreignObject><circle cx="1" r="2"/></svg>',
  '<math><mi mathvariant="bold">x</mi><annotation-xml encoding="text/html"><p>y</p></annotation-xml></math>',
  '<template><p class="t">dans un modèle</p></template>',
  '<ÉLÉMENT class="u">non ASCII</ÉLÉMENT><x-y data-foo="1" aria-hidden="true">custom</x-y>',
  '<!-- commentaire --><!DOCTYPE html><table><tr><td>sans tbody</td></tr></table>',
  '<form accept-charset="utf-8 latin1" accept="a, b"><meta content="a,b" name="keywords"></form>',
  '<ol start="3" reversed><li value="2">n</li></ol><p draggable="true" contenteditable>éd</p>',
  '<b class="x"><p>réouverture</b> des éléments</p><p class="x">&amp; &nbsp; &#0;</p>',
];

describe('hastFromParse5 is hast-util-from-parse5', () => {
  it('on HTML that reaches its unusual paths', () => {
    for (const html of cases) for (const [fast, reference] of both(html)) expect(fast, html).toBe(reference);
  });

  it("on every example's HTML pages", async () => {
    let pages = 0;
    for (const dir of exampleDirs()) {
      const out = await builtExample(dir);
      for (const file of readdirSync(out).filter((f) => f.endsWith('.html'))) {
        const html = readFileSync(path.join(out, file), 'utf8');
        for (const [fast, reference] of both(html)) expect(fast, `${dir}/${file}`).toBe(reference);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(20);
  }, 120_000);

  it(`on random fragments (seed ${SEED})`, () => {
    const pieces = [
      '<p>',
      '</p>',
      '<p class="a b">',
      '<span title="t">',
      '</span>',
      '<td colspan="2">',
      '<table>',
      '<tr>',
      '<svg>',
      '</svg>',
      '<circle r="1">',
      '<math>',
      '<template>',
      '</template>',
      '<a.b>',
      '<x#y>',
      '<B CLASS="Q">',
      '<input disabled>',
      '<div 2="x" a="y">',
      '<div constructor="c">',
      '<!-- c -->',
      'texte',
      ' ',
      '&amp;',
      '<',
      '>',
      '"',
      '=',
    ];
    const html = fc
      .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(html, (input) => {
        for (const [fast, reference] of both(input)) expect(fast, input).toBe(reference);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('gives each element its own properties: the attribute sets it remembers are copied, not shared', () => {
    const first = hastFromParse5(parseFragment('<p class="a b">1</p>'));
    const p = first.children[0] as Element;
    (p.properties.className as string[]).push('changed');
    p.properties.id = 'changed';
    const again = hastFromParse5(parseFragment('<p class="a b">2</p>')) as Root;
    expect((again.children[0] as Element).properties).toEqual({ className: ['a', 'b'] });
  });
});
