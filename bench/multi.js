#!/usr/bin/env node
// npm run bench:multi: a network's CI building many seminar-sized events (copies of
// examples/universites-automne: 2 days, 5 sessions, 12 items, 8 attendees, every document),
// in one process (`coop build */event.yaml -o out`) and in one process per event, as a
// shell loop would. Median of BENCH_RUNS (default 3) after a warm-up; BENCH_EVENTS events
// (default 40). Writes its section of BENCHMARKS.md (between the bench:multi markers).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const coop = path.join(root, 'bin', 'coop.js');
const events = Number(process.env.BENCH_EVENTS ?? 40);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const loadAtStart = os.loadavg()[0];

if (!existsSync(path.join(root, 'dist', 'cli-bundle', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'coop-bench-multi-'));
const example = path.join(root, 'examples', 'universites-automne');
const files = [];
for (let i = 1; i <= events; i++) {
  const name = `evenement-${String(i).padStart(2, '0')}`;
  cpSync(example, path.join(work, name), { recursive: true });
  const file = path.join(work, name, 'event.yaml');
  // Each event its own title, so that no two documents are the same bytes.
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^( {2}title: ")/m, `$1${i}e rencontre — `));
  files.push(path.join(name, 'event.yaml'));
}

const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// CPU seconds (user + system) of the coop processes: on a shared machine, a steadier figure
// than the wall time.
let cpu = 0;
const coopRun = (args) => {
  const [cmd, argv] = timeBin ? [timeBin, ['-f', '%U %S', process.execPath, coop, ...args]] : [process.execPath, [coop, ...args]];
  const r = spawnSync(cmd, argv, { cwd: work, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`coop ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (m) cpu += Number(m[1]) + Number(m[2]);
};

function time(fn) {
  cpu = 0;
  const t = process.hrtime.bigint();
  fn();
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu };
}

function measure(label, fn) {
  fn(); // warm-up (file cache)
  const samples = Array.from({ length: runs }, () => time(fn));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const cpus = samples.map((s) => s.cpu).sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  const cpuMedian = timeBin ? cpus[Math.floor(cpus.length / 2)] : null;
  console.log(
    `${label.padEnd(52)} ${median.toFixed(2)} s  (${(median / events).toFixed(3)} s per event; min ${walls[0].toFixed(2)}, max ${walls[walls.length - 1].toFixed(2)}${cpuMedian !== null ? `; CPU ${cpuMedian.toFixed(2)} s` : ''})`,
  );
  return { label, median, min: walls[0], max: walls[walls.length - 1], cpu: cpuMedian };
}

const clean = (dir) => rmSync(path.join(work, dir), { recursive: true, force: true });
const rows = [
  measure(`one process: coop build (${events} events)`, () => {
    clean('out');
    coopRun(['build', ...files, '-o', 'out', '--quiet']);
  }),
  measure(`one process, --jobs 1 (${events} events)`, () => {
    clean('out');
    coopRun(['build', ...files, '-o', 'out', '--quiet', '--jobs', '1']);
  }),
  measure(`one process per event (${events} processes)`, () => {
    clean('each');
    for (const f of files) coopRun(['build', f, '-o', path.join('each', path.dirname(f)), '--quiet']);
  }),
];
const [one, oneThread, each] = rows;
const outputs = spawnSync('find', [path.join(work, 'out'), '-type', 'f'], { encoding: 'utf8' })
  .stdout.trim()
  .split('\n').length;
rmSync(work, { recursive: true, force: true });

const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
const section = [
  '<!-- bench:multi (written by npm run bench:multi) -->',
  '## Many events in one build',
  '',
  `Measured by \`npm run bench:multi\` on ${new Date().toISOString().slice(0, 10)}: ${cpuModel}, ${os.cpus().length} cores, Node ${process.version}.`,
  `${events} seminar-sized events (copies of \`examples/universites-automne\`, each its own title: 2 days, 5 sessions, 12 items, 8 attendees), every document (${outputs} files); median of ${runs} runs after a warm-up.`,
  '',
  `Load average (1 min) when it started: ${loadAtStart.toFixed(1)} (on a shared machine both wall and CPU times, user + system of the coop processes, are inflated; the ratios between the runs are the figures to keep).`,
  '',
  '| run | total (s) | per event (s) | min | max | CPU (s) | CPU per event (s) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.median.toFixed(2)} | ${(r.median / events).toFixed(3)} | ${r.min.toFixed(2)} | ${r.max.toFixed(2)} | ${r.cpu === null ? '—' : r.cpu.toFixed(2)} | ${r.cpu === null ? '—' : (r.cpu / events).toFixed(3)} |`,
  ),
  '',
  `One process is ${(each.median / one.median).toFixed(1)} times faster than one process per event (wall time; ${(each.median / oneThread.median).toFixed(1)} times on one thread${each.cpu && one.cpu ? `; ${(each.cpu / one.cpu).toFixed(1)} times less CPU` : ''}): modules, fonts, templates and the shaping cache are loaded once for all the events.`,
  '<!-- /bench:multi -->',
  '',
].join('\n');
const file = path.join(root, 'BENCHMARKS.md');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const kept = before.replace(/\n?<!-- bench:multi[\s\S]*?<!-- \/bench:multi -->\n?/, '\n');
writeFileSync(file, `${kept.trimEnd()}\n\n${section}`);
console.log(`\n${section}`);
