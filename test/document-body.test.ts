/**
 * A document's body goes to two or three back ends (HTML, PDF, Word): a body of one part is
 * parsed and typeset once, and each back end is given a tree of its own to change.
 */
import type { Element, Root } from 'hast';
import { parseFragment } from 'parse5';
import { describe, expect, it, vi } from 'vitest';
import { DocumentBody } from '../src/render/document.js';
import { accessibleHtml } from '../src/render/html-a11y.js';

vi.mock('parse5', async (importOriginal) => {
  const mod = await importOriginal<typeof import('parse5')>();
  return { ...mod, parseFragment: vi.fn(mod.parseFragment) };
});

const html =
  '<p class="lead note">Le 1er mai, <b>Pékin 北京</b></p><table><tr><th>Salle</th><td>1</td></tr></table><p><img src="images/plan.png" alt="Plan"></p>';

describe('the body of a document (DocumentBody.parts)', () => {
  it('a body of one part is parsed once; each back end gets a tree no other back end sees changed; new images are resolved', () => {
    vi.mocked(parseFragment).mockClear();
    const body = new DocumentBody(html, 'fr');
    const first = [...body.parts()];
    const second = [...body.parts()];
    expect(parseFragment).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    // The HTML back end adds languages and header scopes in place; a class list may be changed too.
    accessibleHtml(first[0], 'fr');
    ((first[0].children[0] as Element).properties.className as string[]).push('changed');
    const third = [...body.parts()];
    expect(third).toEqual(second);
    expect(third).not.toEqual(first);
    expect(JSON.stringify(first)).toContain('"lang":"zh"');
    expect(JSON.stringify(third)).not.toMatch(/"lang"|"scope"|changed/);
    // Typeset once: the ordinal's suffix is raised in every copy.
    expect(JSON.stringify(third)).toContain('"tagName":"sup"');
    expect(parseFragment).toHaveBeenCalledTimes(1);
    // Images given after a first reading (not read from the project: the alternative text) are resolved in the next.
    const img = (tree: Root[]) => JSON.stringify(tree).match(/"src":"[^"]*"/g);
    expect(img(third)).toBeNull();
    body.images = new Map([['images/plan.png', { name: 'assets/plan.png', width: 100, height: 50 }]]);
    expect(img([...body.parts()])).toEqual(['"src":"assets/plan.png"']);
  });
});
