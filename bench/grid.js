#!/usr/bin/env node
// npm run bench:grid: the timetable grid (issue #18). Whole-process timings (median of
// BENCH_RUNS, default 5, after a warm-up; 3 for a run over 15 s) of grille.pdf and grille.html
// alone on generated events of 1,000 and 10,000 items (BENCH_SIZES), with programme.pdf alone
// beside them, and a seminar-sized build with and without the grid. Writes its section of
// BENCHMARKS.md (between the bench:grid markers; `npm run bench` keeps it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const coop = path.join(root, 'bin', 'coop.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const work = mkdtempSync(path.join(os.tmpdir(), 'coop-bench-grid-'));
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench:grid: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

function once(args) {
  const full = timeBin ? [timeBin, ['-f', '%e %M', process.execPath, coop, ...args]] : [process.execPath, [coop, ...args]];
  const t = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`coop ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const m = /^([\d.]+) (\d+)$/.exec(r.stderr.trim().split('\n').pop() ?? '');
  return { wall, rss: m ? Number(m[2]) / 1024 : null };
}

function measure(label, args) {
  const warm = once(args);
  const n = warm.wall > 15 ? Math.min(3, runs) : runs;
  const samples = Array.from({ length: n }, () => once(args));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const row = {
    label,
    median: walls[Math.floor(walls.length / 2)],
    min: walls[0],
    max: walls[walls.length - 1],
    runs: n,
    rss: Math.max(...samples.map((s) => s.rss ?? 0)) || null,
  };
  console.log(
    `${label.padEnd(52)} ${row.median.toFixed(3)} s  (min ${row.min.toFixed(3)}, max ${row.max.toFixed(3)})${row.rss ? `  ${row.rss.toFixed(0)} MB` : ''}`,
  );
  return row;
}

const load = os.loadavg()[0];
const rows = [];
const by = {};
// A seminar-sized build: every document, and every document but the grid.
const seed = path.join(root, 'examples', 'universites-automne', 'event.yaml');
const outputs = execFileSync(
  process.execPath,
  ['-e', `import(${JSON.stringify(path.join(root, 'dist', 'index.js'))}).then((m) => console.log(m.eventOutputs.join(',')))`],
  { encoding: 'utf8' },
).trim();
const withoutGrid = outputs
  .split(',')
  .filter((o) => !o.startsWith('grille.'))
  .join(',');
rows.push((by.seed = measure('seminar-sized build, every document', ['build', seed, '-o', path.join(work, 'seed'), '--quiet'])));
rows.push(
  (by.seedNoGrid = measure('seminar-sized build, every document but the grid', [
    'build',
    seed,
    '-o',
    path.join(work, 'seed2'),
    '--quiet',
    '--only',
    withoutGrid,
  ])),
);
for (const n of sizes) {
  const dir = path.join(work, `n${n}`);
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, [path.join(root, 'bench', 'generate.js'), String(n), dir]);
  const file = path.join(dir, 'event.yaml');
  by[n] = {};
  for (const doc of ['grille.pdf', 'grille.html', 'programme.pdf']) {
    rows.push((by[n][doc] = measure(`${doc} alone (${n} items)`, ['build', file, '-o', path.join(dir, 'out'), '--only', doc, '--quiet', '--jobs', '1'])));
  }
  by[n].pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [path.join(dir, 'out', 'grille.pdf')], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? NaN);
}
const [small, big] = [sizes[0], sizes[sizes.length - 1]];
const ratio = (a, b) => (a.median / b.median).toFixed(2);
const lines = [
  '<!-- bench:grid (written by npm run bench:grid) -->',
  '## The timetable grid',
  '',
  `Measured by \`npm run bench:grid\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; load average (1 min) when it started: ${load.toFixed(1)}.`,
  `Whole processes (reading and checking the event included), one thread (\`--jobs 1\`), median of ${runs} runs after a warm-up; events from \`bench/generate.js\` (4 rooms in parallel, 2,000 attendees).`,
  '',
  '| run | median (s) | min | max | runs | peak RSS (MB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((x) => `| ${x.label} | ${x.median.toFixed(3)} | ${x.min.toFixed(3)} | ${x.max.toFixed(3)} | ${x.runs} | ${x.rss ? x.rss.toFixed(0) : '—'} |`),
  '',
  '| ratio or figure | measured |',
  '| --- | ---: |',
  `| seminar-sized build: with the grid / without | ${ratio(by.seed, by.seedNoGrid)} |`,
  ...sizes.map((n) => `| grille.pdf pages (${n} items) | ${by[n].pages} |`),
  `| grille.pdf: ${big} items / ${small} items (${big / small} times the items) | ${ratio(by[big]['grille.pdf'], by[small]['grille.pdf'])} |`,
  `| grille.pdf / programme.pdf (${big} items) | ${ratio(by[big]['grille.pdf'], by[big]['programme.pdf'])} |`,
  '<!-- /bench:grid -->',
  '',
];
const file = path.join(root, 'BENCHMARKS.md');
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const section = lines.join('\n');
const re = /<!-- bench:grid[\s\S]*?<!-- \/bench:grid -->\n?/;
writeFileSync(file, re.test(previous) ? previous.replace(re, section) : `${previous.replace(/\n*$/, '\n')}\n${section}`);
console.log(`bench:grid: section written to ${path.relative(process.cwd(), file) || file}`);
