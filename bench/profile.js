#!/usr/bin/env node
// npm run bench:profile [-- [check] seed | N]: where a build's time goes. Runs `coop build` (every
// document, one thread), or `coop check` with `check` first, under `node --cpu-prof` on the
// seed-sized example or on a generated event of N items (with its minutes), and prints the CPU
// time by part of the pipeline (self time, so the parts
// add up). It runs the tsc output (dist/), not the bundle, so that every sample names the
// module it comes from. Writes nothing in the project; the .cpuprofile is kept in a temporary
// folder (printed) for Chrome DevTools or speedscope. Module loading weighs more here than in the
// installed command, which runs the esbuild bundle (`coop --version`: 0.07 s).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv[2] === 'check';
const what = process.argv[checkOnly ? 3 : 2] ?? 'seed';
if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench:profile: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}
const work = mkdtempSync(path.join(os.tmpdir(), 'coop-profile-'));
let event = path.join(root, 'examples', 'universites-automne', 'event.yaml');
if (what !== 'seed') {
  execFileSync(process.execPath, [path.join(root, 'bench', 'generate.js'), String(Number(what)), work]);
  event = path.join(work, 'event.yaml');
}
const runner = path.join(work, 'run.mjs');
writeFileSync(
  runner,
  `import { main } from ${JSON.stringify(path.join(root, 'dist', 'cli', 'main.js'))};\n` +
    `process.exitCode = await main({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });\n`,
);
const profDir = path.join(work, 'prof');
const t = process.hrtime.bigint();
const command = checkOnly ? ['check', event, '--format', 'json'] : ['build', event, '-o', path.join(work, 'out'), '--quiet', '--jobs', '1'];
const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '250', runner, ...command], {
  encoding: 'utf8',
  cwd: root,
});
const wall = Number(process.hrtime.bigint() - t) / 1e9;
if (r.status !== 0 && r.status !== 1) {
  console.error(r.stderr);
  process.exit(1);
}
const file = path.join(profDir, readdirSync(profDir)[0]);
const prof = JSON.parse(readFileSync(file, 'utf8'));

/** The part of the pipeline a sample's function belongs to, from its module's path. */
const parts = [
  ['garbage collection', (u, f) => f === '(garbage collector)'],
  [
    'Node start-up, module loading',
    (u, f) =>
      (u.startsWith('node:internal/') && !u.startsWith('node:internal/streams')) ||
      (u === '' && /^(openFileHandle|internalModule\w+|fstat|lstat|stat|read|readFileUtf8|close|realpath\w*|compileFunction\w*|\(program\))$/.test(f)),
  ],
  ['YAML (js-yaml)', (u) => u.includes('/node_modules/js-yaml/')],
  ['validation (zod)', (u) => u.includes('/node_modules/zod/')],
  [
    'Markdown (micromark, remark)',
    (u) => /\/node_modules\/(micromark|mdast-|remark-|unified|unist-|vfile|decode-named|character-|devlop|trough|bail|is-plain-obj|extend)/.test(u),
  ],
  ['load, model and checks (coop)', (u) => /\/dist\/(source|model|checks|minutes|attendees|check\.js|util|i18n|diagnostics)/.test(u)],
  ['templates (Handlebars)', (u) => u.includes('/node_modules/handlebars/') || u.includes('/dist/render/templates')],
  [
    'HTML parse and serialise (parse5, hast)',
    (u) =>
      /\/node_modules\/(parse5|hast|hastscript|property-information|rehype|html-void|space-separated|comma-separated|web-namespaces|entities|zwitch|ccount|stringify-entities|character-entities)/.test(
        u,
      ) || u.includes('/dist/render/parts'),
  ],
  ['typography (coop)', (u) => u.includes('/dist/typography/')],
  ['PDF layout (coop engine)', (u) => u.includes('/dist/render/pdf/')],
  ['PDF writing (pdfkit)', (u) => u.includes('/node_modules/pdfkit/') || u.includes('/node_modules/@noble/')],
  ['shaping and font subsets (fontkit)', (u) => /\/node_modules\/(fontkit|restructure|unicode-|tiny-inflate|dfa|brotli|linebreak|clone|base64-js)/.test(u)],
  ['compression (zlib)', (u) => u === 'node:zlib'],
  ['exports and other coop code', (u) => u.includes('/dist/')],
  ['other (idle, streams, libraries)', () => true],
];
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const totals = new Map(parts.map(([name]) => [name, 0]));
for (let i = 0; i < prof.samples.length; i++) {
  const n = byId.get(prof.samples[i]);
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const part = parts.find(([, test]) => test(url, n.callFrame.functionName))[0];
  totals.set(part, totals.get(part) + (prof.timeDeltas[i] ?? 0) / 1000);
}
const all = [...totals.values()].reduce((a, b) => a + b, 0);
console.log(
  `${checkOnly ? 'coop check' : 'coop build, every document, one thread'}: ${what === 'seed' ? 'the seed-sized example' : `${what} items + 2,000 attendees and the minutes`}`,
);
console.log(`wall ${wall.toFixed(2)} s under the profiler; CPU samples ${(all / 1000).toFixed(2)} s\n`);
console.log('| part of the pipeline | ms | share |');
console.log('| --- | ---: | ---: |');
for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]))
  if (ms >= 0.5) console.log(`| ${name} | ${ms.toFixed(0)} | ${((100 * ms) / all).toFixed(1)} % |`);
console.log(`\nprofile: ${file}`);
