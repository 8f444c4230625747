/**
 * micromark's EditMap.consume, made linear by src/source/micromark-edit-map.ts (issue #21): the
 * same trees as micromark's own consume on every Markdown text coop has, and work that grows
 * with the document, not with its square.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Root } from 'mdast';
import { EditMap } from 'micromark-util-edit-map';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/source/markdown.js';
import { editMapWork, linearConsume, originalConsume } from '../src/source/micromark-edit-map.js';

const root = path.join(import.meta.dirname, '..');
// The seeds (the raw texts of the programmes coop was made from) sit beside the checkout, or
// beside the folder of worktrees; a clone without them skips that test, visibly.
const seeds = [path.join(root, '..', 'shared', 'seeds'), path.join(root, '..', '..', 'shared', 'seeds')].find((d) => existsSync(d));
const minutesParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

function setConsume(f: typeof linearConsume): void {
  Object.defineProperty(EditMap.prototype, 'consume', { value: f, writable: true, configurable: true, enumerable: false });
}

/** The parse of `text` with micromark's own consume, then with the linear one (restored whatever happens). */
function bothTrees(text: string, parse: (t: string) => Root): { original: string; linear: string } {
  setConsume(originalConsume);
  let original: string;
  try {
    original = JSON.stringify(parse(text));
  } finally {
    setConsume(linearConsume);
  }
  return { original, linear: JSON.stringify(parse(text)) };
}

/** Minutes as a hurried secretariat writes them: every point a heading, a list, a quote, a paragraph. */
function manyLists(points: number): string {
  let md = '---\ntitle: Compte rendu\n---\n\n# Compte rendu\n\n';
  for (let i = 1; i <= points; i++) {
    md += `## Point ${i}\n\n- présent : A${i}\n- excusé : B${i}\n  - suppléé par C${i}\n\n> Citation ${i}\n> suite\n\n1. un\n2. deux\nligne paresseuse ${i}\n\nTexte du point ${i}.\n\n`;
  }
  return md;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

describe('micromark EditMap.consume, linear', () => {
  it('is installed on the EditMap micromark uses, by the modules that parse Markdown', () => {
    expect(editMapWork.installed).toBe(true);
    expect(EditMap.prototype.consume).toBe(linearConsume);
    const before = editMapWork.consumes;
    parseMarkdown('- a\n- b\n\nparagraphe\n');
    expect(editMapWork.consumes).toBeGreaterThan(before);
  });

  // bin.test.ts imports dist/build.js in the worker it may share with this file: that copy of
  // the module must find the patch in place, not install its own (CI failed on 3 December when
  // it did).
  const distCopy = path.join(root, 'dist', 'source', 'micromark-edit-map.js');
  it.skipIf(!existsSync(distCopy))('is one patch however many copies of the module a process loads', async () => {
    const other = (await import(pathToFileURL(distCopy).href)) as typeof import('../src/source/micromark-edit-map.js');
    other.installLinearEditMap();
    expect(other.linearConsume).toBe(linearConsume);
    expect(other.originalConsume).toBe(originalConsume);
    expect(other.editMapWork).toBe(editMapWork);
    expect(originalConsume).not.toBe(linearConsume);
    expect(EditMap.prototype.consume).toBe(linearConsume);
  });

  it.skipIf(seeds === undefined)('gives the trees of micromark’s own consume: the seeds', () => {
    const seedFiles = readdirSync(seeds!).filter((f) => f.endsWith('.txt'));
    expect(seedFiles.length).toBeGreaterThan(0);
    for (const seed of seedFiles) {
      const text = readFileSync(path.join(seeds!, seed), 'utf8');
      for (const parse of [parseMarkdown, (t: string) => minutesParser.parse(t)]) {
        const { original, linear } = bothTrees(text, parse);
        expect(linear, seed).toBe(original);
      }
    }
  });

  it('gives the trees of micromark’s own consume: the examples’ Markdown, many lists', () => {
    const files = markdownFiles(path.join(root, 'examples'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const { original, linear } = bothTrees(readFileSync(file, 'utf8'), (t) => minutesParser.parse(t));
      expect(linear, file).toBe(original);
    }
    const generated = bothTrees(manyLists(80), (t) => minutesParser.parse(t));
    expect(generated.linear).toBe(generated.original);
    expect(generated.linear.length).toBeGreaterThan(100_000);
  });

  it('moves a number of events proportional to the document (micromark’s own: to its square)', () => {
    const moved = (points: number, consume: typeof linearConsume): number => {
      let count = 0;
      const counting = function (this: EditMap, events: unknown[]) {
        const r = consume.call(this, events);
        // micromark's consume writes back every event; the linear one, those after the first change.
        count += consume === originalConsume ? events.length : 0;
        return r;
      };
      const before = editMapWork.moved;
      setConsume(counting);
      try {
        minutesParser.parse(manyLists(points));
      } finally {
        setConsume(linearConsume);
      }
      return consume === originalConsume ? count : editMapWork.moved - before;
    };
    const small = moved(40, linearConsume);
    const big = moved(160, linearConsume);
    expect(small).toBeGreaterThan(0);
    // Four times the points: about four times the events moved (16 times if quadratic).
    expect(big / small).toBeLessThan(5);
    // The measure tells a quadratic consume apart: micromark's own, on the same documents.
    const originalBig = moved(160, originalConsume);
    expect(originalBig / moved(40, originalConsume)).toBeGreaterThan(10);
    expect(originalBig).toBeGreaterThan(20 * big);
  });
});
