/**
 * minutes/mentions.ts reads `@id` mentions and owner words a character at a time (issue #21:
 * the regular expressions it replaces cost ~20–30 ms of compilation in every check with
 * minutes). It must find what they found, on any text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMentions, isOwnerWord, replaceMentions } from '../src/minutes/mentions.js';

// The regular expressions as they were (src/minutes/model.ts and src/render/minutes-body.ts).
const MENTION = /(^|[\s(,;/])@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)/gu;
const WRITTEN = /(^|[\s(,;/])(\\?)@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)/gu;
const OWNER_WORD = /^\(?@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:[,;/&]@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)*[,;)]*$/u;

const byRegex = (text: string) => [...text.matchAll(MENTION)].map((m) => ({ start: m.index, pre: m[1], id: m[2] }));
const byScan = (text: string) => findMentions(text).map((m) => ({ start: m.start, pre: m.pre, id: m.id }));
const writtenByRegex = (text: string) =>
  [...text.matchAll(WRITTEN)].map((m) => ({ at: m.index + m[1].length + m[2].length, id: m[3], escaped: m[2] === '\\' }));
const writtenByScan = (text: string) => findMentions(text, true).map((m) => ({ at: m.at, id: m.id, escaped: m.escaped }));
const tag = (all: string, pre: string, id: string) => `${pre}<${id}|${all}>`;

function same(text: string): void {
  expect(byScan(text), JSON.stringify(text)).toEqual(byRegex(text));
  expect(writtenByScan(text), JSON.stringify(text)).toEqual(writtenByRegex(text));
  expect(replaceMentions(text, tag)).toBe(text.replace(MENTION, tag));
  for (const w of text.split(/\s+/)) expect(isOwnerWord(w), JSON.stringify(w)).toBe(OWNER_WORD.test(w));
}

const root = path.join(import.meta.dirname, '..');
const seeds = [path.join(root, '..', 'shared', 'seeds'), path.join(root, '..', '..', 'shared', 'seeds')].find((d) => existsSync(d));

describe('mentions and owner words, read a character at a time', () => {
  it('find what the regular expressions found in the examples and the seeds', () => {
    const texts: string[] = [];
    for (const dir of readdirSync(path.join(root, 'examples'))) {
      const d = path.join(root, 'examples', dir);
      for (const f of readdirSync(d, { recursive: true }) as string[]) if (f.endsWith('.md')) texts.push(readFileSync(path.join(d, f), 'utf8'));
    }
    for (const f of seeds ? readdirSync(seeds) : []) texts.push(readFileSync(path.join(seeds!, f), 'utf8'));
    expect(texts.some((t) => byRegex(t).length > 0)).toBe(true);
    for (const t of texts) same(t);
  });

  it('find what the regular expressions found in random texts around @, dots, separators and other scripts', () => {
    const units = [
      '@',
      '\\',
      '.',
      '(',
      ')',
      ',',
      ';',
      '/',
      '&',
      ' ',
      '\n',
      '\u00a0',
      '\u2028',
      '\u3000',
      'a',
      'Z',
      '0',
      '_',
      '-',
      'é',
      'ß',
      'Ж',
      '中',
      '٣',
      '\u0301',
      '𝐀',
      '\ud835',
      '😀',
      '’',
      '€',
      'x',
    ];
    const text = fc.array(fc.constantFrom(...units), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (t) => {
        same(t);
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with JavaScript on which characters are white space before a mention (every BMP character)', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const t = `x${String.fromCharCode(c)}@a`;
      if (byScan(t).length !== byRegex(t).length) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('reads the usual cases', () => {
    expect(byScan('Relancer @arf et @cuf.dupont. Puis (@x/@y)')).toEqual([
      { start: 8, pre: ' ', id: 'arf' },
      { start: 16, pre: ' ', id: 'cuf.dupont' },
      { start: 35, pre: '(', id: 'x' },
      { start: 38, pre: '/', id: 'y' },
    ]);
    expect(findMentions('voir \\@arf', true).map((m) => m.escaped)).toEqual([true]);
    expect(['@arf', '(@arf,', '@arf/@cuf)', '@arf.', 'a@arf', '@'].map(isOwnerWord)).toEqual([true, true, true, false, false, false]);
  });
});
