#!/usr/bin/env node
// npm run bench:markdown-growth [-- SCALE]: is reading minutes linear in their size? For each shape
// a hurried secretariat can write (very long lists, many lists, nested block quotes, many
// headings, long GFM tables, many actions), minutes of 1x and 4x the size are loaded the way
// `coop check` loads them (loadMinutesText of dist/: scan, micromark, the minutes model), and the
// CPU time of each (median of 3, in process, after a warm-up) and its ratio are printed: about 4
// is linear, 16 quadratic. SCALE (default 1) multiplies both sizes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const model = path.join(root, 'dist', 'minutes', 'model.js');
if (!existsSync(model)) {
  console.error('bench:markdown-growth: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}
const { loadMinutesText } = await import(pathToFileURL(model).href);
const scale = Number(process.argv[2] ?? 1);

const front = '---\nkind: minutes\ntitle: Essai\ndate: 2026-02-10\n---\n\n';
const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');
const shapes = {
  'one list, n items': (n) => repeat(n, (i) => `- point ${i} de la liste, avec un peu de texte\n`),
  'one list, n items with a sub-item': (n) => repeat(n, (i) => `- point ${i} de la liste\n  - détail ${i}\n`),
  'n lists between paragraphs': (n) => repeat(n, (i) => `Paragraphe ${i}.\n\n- a ${i}\n- b ${i}\n\n`),
  'one block quote, n lines': (n) => repeat(n, (i) => `> ligne ${i} de la citation, avec un peu de texte\n`),
  'n block quotes nested 4 deep': (n) => repeat(n, (i) => `> > > > citation ${i}\n\n`),
  'n headings': (n) => repeat(n, (i) => `## Point ${i}\n\n`),
  'n headings, each with a paragraph': (n) => repeat(n, (i) => `## Point ${i}\n\nTexte du point ${i}.\n\n`),
  'a GFM table of n / 4 rows': (n) => '| a | b | c |\n| --- | --- | --- |\n' + repeat(Math.floor(n / 4), (i) => `| ${i} | deux | trois |\n`),
  'n actions (task items with @id and due:)': (n) => repeat(n, (i) => `- [ ] Relancer le point ${i} @p1 due:2026-03-01\n\n`),
  'one paragraph, n lines': (n) => repeat(n, (i) => `ligne ${i} du même paragraphe\n`),
  'n lazy continuation lines in a block quote': (n) => '> début\n' + repeat(n, (i) => `suite paresseuse ${i}\n`),
  'n lazy continuation lines in a list item': (n) => '- début\n' + repeat(n, (i) => `suite paresseuse ${i}\n`),
};

async function cpu(text) {
  const t = process.cpuUsage();
  const r = await loadMinutesText(text, 'minutes/essai.md');
  const d = process.cpuUsage(t);
  if (r.model === null && r.problems.length > 0) throw new Error(`refused: ${r.problems[0].message}`);
  return (d.user + d.system) / 1000;
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const base = Math.round(2000 * scale);
console.log(`| shape | size 1x | CPU 1x (ms) | size 4x | CPU 4x (ms) | ratio |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const [name, make] of Object.entries(shapes)) {
  const small = front + make(base);
  const big = front + make(4 * base);
  try {
    await cpu(small); // warm-up
    const a = [];
    const b = [];
    for (let r = 0; r < 3; r++) {
      a.push(await cpu(small));
      b.push(await cpu(big));
    }
    const kb = (s) => `${(s.length / 1024).toFixed(0)} kB`;
    console.log(`| ${name} | ${kb(small)} | ${median(a).toFixed(0)} | ${kb(big)} | ${median(b).toFixed(0)} | ${(median(b) / median(a)).toFixed(1)} |`);
  } catch (e) {
    console.log(`| ${name} | | | | | ${e instanceof Error ? e.message : String(e)} |`);
  }
}
