/**
 * Layout is linear in the size of its input (issue #13, finding 2): a word wider than its line
 * is cut measuring each character once, a paragraph is broken in one pass, a title of 200 KB
 * is truncated in the running footer without measuring it again and again. The full sizes of
 * the issue (a 40,000-character word, a 200 KB title, a 1 MB CSV cell) run with
 * COOP_LONG_TESTS=1; by default the first two, and a 100 KB cell.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutLines, type TextRun } from '../src/render/pdf/lines.js';
import { loadAwareSeconds, run } from './helpers.js';
import { readPdf } from './pdf-read.js';

const LONG = process.env.COOP_LONG_TESTS === '1';
const DAYS = 'days:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n';

async function timedBuild(files: Record<string, string>, only: string): Promise<{ seconds: number; dir: string; code: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-linear-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const t0 = performance.now();
  const r = await run(['build', 'event.yaml', '-o', 'out', '--only', only, '--jobs', '1'], dir);
  return { seconds: (performance.now() - t0) / 1000, dir, code: r.code };
}

describe('line layout is linear', () => {
  // Every character one unit wide: the time is the layout's own.
  const measure = (_f: string, t: string) => t.length;
  const run1 = (text: string): TextRun[] => [{ text, font: 'regular', size: 10, color: '#000000', link: null, rise: 0 }];
  const time = (text: string) => {
    const t0 = performance.now();
    const lines = layoutLines(run1(text), { width: 80, align: 'justify', lineGap: 0 }, measure);
    return { ms: performance.now() - t0, lines };
  };

  it('cuts a word wider than its line in one pass: ten times longer, about ten times the time', () => {
    time('x'.repeat(20_000)); // warm-up
    const small = time('x'.repeat(40_000));
    const big = time('x'.repeat(400_000));
    expect(small.lines).toHaveLength(500);
    expect(big.lines).toHaveLength(5000);
    expect(big.lines.every((l) => l.width <= 80)).toBe(true);
    expect(big.ms).toBeLessThan(Math.max(50, small.ms) * 30);
  });

  it('breaks a paragraph of 200,000 words in one pass', () => {
    const words = 'mot '.repeat(200_000);
    const { ms, lines } = time(words);
    expect(lines).toHaveLength(10_000); // twenty three-letter words a line
    expect(ms).toBeLessThan(loadAwareSeconds(5) * 1000);
  });
});

describe('pathological inputs build in bounded time', () => {
  it('a 40,000-character word in a description', async () => {
    const r = await timedBuild({ 'event.yaml': `event:\n  title: Essai\n  description: "${'x'.repeat(40_000)}"\n${DAYS}` }, 'programme.pdf');
    expect(r.code).toBe(0);
    expect(r.seconds).toBeLessThan(loadAwareSeconds(15));
    const pdf = await readPdf(readFileSync(path.join(r.dir, 'out', 'programme.pdf')));
    expect(pdf.text.join('').replace(/\s/g, '')).toContain('x'.repeat(200));
  }, 60_000);

  it('a 200 KB title', async () => {
    const title = 'coopération '.repeat(17_000).slice(0, 200_000).trim();
    const r = await timedBuild({ 'event.yaml': `event:\n  title: "${title}"\n${DAYS}` }, 'programme.pdf');
    expect(r.code).toBe(0);
    expect(r.seconds).toBeLessThan(loadAwareSeconds(30));
  }, 90_000);

  it(`a ${LONG ? '1 MB' : '100 KB'} cell in the attendees' CSV`, async () => {
    const size = LONG ? 1_000_000 : 100_000;
    const cell = 'chargé de mission '
      .repeat(Math.ceil(size / 18))
      .slice(0, size)
      .trim();
    const r = await timedBuild(
      {
        'event.yaml': `event:\n  title: Essai\nattendees: [{ file: inscrits.csv }]\n${DAYS}`,
        'inscrits.csv': `Nom;Prénom;Fonction;Organisme\nDUPONT;Jean;${cell};Ville de Lyon\nMARTIN;Anne;Maire;Lyon\n`,
      },
      'participants.pdf,emargement.pdf',
    );
    expect(r.code).toBe(0);
    expect(r.seconds).toBeLessThan(LONG ? 120 : 20);
    expect(readdirSync(path.join(r.dir, 'out')).sort()).toEqual(['emargement.pdf', 'participants.pdf']);
  }, 240_000);
});

describe('no unbounded argument spread in the PDF engine', () => {
  it('no push(...list), Math.min(...list) or the like in src/render/pdf', () => {
    const dir = path.join(import.meta.dirname, '..', 'src', 'render', 'pdf');
    const found: string[] = [];
    for (const f of readdirSync(dir)) {
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\b(push|unshift|splice|min|max|apply|fromCharCode|fromCodePoint|concat)\((?:[^(){}[\]]*,)?\s*\.\.\./.test(line))
            found.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
