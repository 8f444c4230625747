#!/usr/bin/env node
// npm run bench: whole-process timings of coop on generated events (30, 1,000 and 10,000
// items), median of N runs after a warm-up, with peak RSS, side by side with `node -e 0`
// and, when installed, Chromium and WeasyPrint printing coop's own programme.html.
// Also a seminar (examples/universites-automne) checked and built, the watch mode's latency
// (bench/watch.js) and many seminars in one process. Prints every ratio of issue #21 with its
// target beside it and writes the tables to BENCHMARKS.md. Options: BENCH_RUNS (default 5),
// BENCH_SIZES (default 30,1000,10000), BENCH_DOCUMENTS (the outputs timed alone, default all),
// BENCH_EVENTS (seminars built in one process, default 20), BENCH_PEER_SIZES (the sizes at
// which Chromium and WeasyPrint are timed, default every size), BENCH_HOSTILE=0 (skip the
// pathological inputs of bench/hostile.js), BENCH_HOSTILE_RUNS (default 1).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHostileInputs } from './hostile.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const coop = path.join(root, 'bin', 'coop.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = (process.env.BENCH_SIZES ?? '30,1000,10000').split(',').map(Number);
const work = mkdtempSync(path.join(os.tmpdir(), 'coop-bench-'));
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** One whole-process run: wall time (s) and peak RSS (MB, when measurable). */
function once(cmd, args, env = {}, cwd = undefined) {
  const full = timeBin ? [timeBin, ['-f', '%e %M', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  let rss = null;
  if (timeBin) {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    const m = /^([\d.]+) (\d+)$/.exec(last);
    if (m) rss = Number(m[2]) / 1024;
  }
  return { wall, rss };
}

function measure(label, cmd, args, env, cwd, times = null) {
  const warm = times === null ? once(cmd, args, env, cwd) : { wall: 0 }; // warm-up (file cache)
  // A run of more than 15 s (a peer printing 10,000 items) is timed 3 times, not `runs`: the
  // table says so in its runs column.
  const n = times ?? (warm.wall > 15 ? Math.min(3, runs) : runs);
  const samples = Array.from({ length: n }, () => once(cmd, args, env, cwd));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  const rss = Math.max(...samples.map((s) => s.rss ?? 0)) || null;
  const row = { label, median, min: walls[0], max: walls[walls.length - 1], rss, runs: n };
  console.log(
    `${label.padEnd(44)} ${median.toFixed(3)} s  (min ${walls[0].toFixed(3)}, max ${walls[walls.length - 1].toFixed(3)})${rss ? `  ${rss.toFixed(0)} MB` : ''}`,
  );
  return row;
}

const rows = [];
const result = {};
rows.push((result.floor = measure('node -e 0', process.execPath, ['-e', '0'])));
rows.push((result.version = measure('coop --version', process.execPath, [coop, '--version'])));
// The floor: pdfkit alone, a minimal script writing as many lines in the same font (bench/pdfkit-floor.js).
const floorPdf = {};
for (const n of sizes.filter((n) => n <= 1000))
  rows.push((floorPdf[n] = measure(`pdfkit alone, minimal script (${n} lines)`, process.execPath, [path.join(root, 'bench', 'pdfkit-floor.js'), String(n)])));

// A seminar: the bundled clean example (2 days, 12 items, 8 attendees), checked, then every document.
const seminar = path.join(root, 'examples', 'universites-automne', 'event.yaml');
const seedOut = path.join(work, 'seed-out');
/**
 * `node -e 0` and a command, run by turns (floor, command, floor, command…), so that both see
 * the same load: the ratio of their medians is the figure for a target "N times node -e 0".
 */
function measureAgainstFloor(label, args) {
  once(process.execPath, ['-e', '0']);
  once(process.execPath, args); // warm-up
  const floor = [];
  const samples = [];
  for (let i = 0; i < Math.max(runs, 7); i++) {
    floor.push(once(process.execPath, ['-e', '0']).wall);
    samples.push(once(process.execPath, args));
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const walls = samples.map((x) => x.wall).sort((a, b) => a - b);
  const row = {
    label,
    median: med(walls),
    min: walls[0],
    max: walls[walls.length - 1],
    rss: Math.max(...samples.map((x) => x.rss ?? 0)) || null,
    runs: walls.length,
    floor: med(floor),
  };
  console.log(
    `${label.padEnd(44)} ${row.median.toFixed(3)} s  (min ${row.min.toFixed(3)}, max ${row.max.toFixed(3)}; node -e 0 by turns: ${row.floor.toFixed(3)} s)`,
  );
  return row;
}
rows.push((result.seedCheck = measureAgainstFloor('coop check (seminar example)', [coop, 'check', seminar])));
rows.push((result.seed = measureAgainstFloor('coop build, every document (seminar example)', [coop, 'build', seminar, '-o', seedOut])));

// Many seminars in one process (a network's CI): copies of the example, each its own title.
const events = Number(process.env.BENCH_EVENTS ?? 20);
const multiDir = path.join(work, 'multi');
const multiFiles = [];
for (let i = 1; i <= events; i++) {
  const name = `evenement-${String(i).padStart(2, '0')}`;
  cpSync(path.dirname(seminar), path.join(multiDir, name), { recursive: true });
  const file = path.join(multiDir, name, 'event.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^( {2}title: ")/m, `$1${i}e rencontre — `));
  multiFiles.push(path.join(name, 'event.yaml'));
}
rows.push(
  (result.multi = measure(
    `coop build, ${events} seminars in one process`,
    process.execPath,
    [coop, 'build', ...multiFiles, '-o', 'out', '--quiet'],
    {},
    multiDir,
  )),
);
rmSync(multiDir, { recursive: true, force: true });

// The watch mode: an edit saved, every changed output rewritten (bench/watch.js).
{
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'watch.js'), '--json'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUNS: String(Math.max(runs, 9)) },
  });
  if (r.status !== 0) throw new Error(`bench/watch.js exited ${r.status}: ${r.stderr.slice(-500)}`);
  result.watch = JSON.parse(r.stdout.trim().split('\n').pop());
  console.log(
    `${'watch: edit saved → changed outputs rewritten'.padEnd(44)} ${result.watch.median.toFixed(3)} s  (min ${result.watch.min.toFixed(3)}, max ${result.watch.max.toFixed(3)})`,
  );
  rows.push({
    label: `watch: edit saved → the ${result.watch.outputs} changed outputs rewritten (seminar example)`,
    median: result.watch.median,
    min: result.watch.min,
    max: result.watch.max,
    rss: null,
    runs: result.watch.runs,
  });
}

// Each output alone (`--only`): the programme first, the documents compared with peers.
const documents = (
  process.env.BENCH_DOCUMENTS ??
  'programme.pdf,programme.html,grille.pdf,grille.html,participants.pdf,participants.html,emargement.pdf,intervenants.pdf,intervenants.html,badges.pdf,event.ics,schedule.json,schedule.xml,compte-rendu.pdf,compte-rendu.html'
).split(',');

const chromium = which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
const weasy = which('weasyprint');
const peerSizes = (process.env.BENCH_PEER_SIZES ?? sizes.join(',')).split(',').map(Number);

for (const n of sizes) {
  const dir = path.join(work, `n${n}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'event.yaml');
  execFileSync(process.execPath, [path.join(root, 'bench', 'generate.js'), String(n), dir]);
  const out = path.join(dir, 'out');
  result[n] = { bytes: ['event.yaml', path.join('minutes', 'compte-rendu.md')].reduce((a, f) => a + readFileSync(path.join(dir, f)).length, 0) };
  rows.push((result[n].check = measure(`coop check (${n} items)`, process.execPath, [coop, 'check', '--format', 'json', file])));
  rows.push((result[n].build = measure(`coop build, every document (${n} items)`, process.execPath, [coop, 'build', file, '-o', out])));
  for (const doc of documents) {
    rows.push((result[n][doc] = measure(`  ${doc} alone (${n} items)`, process.execPath, [coop, 'build', file, '-o', out, '--only', doc])));
  }
  const html = path.join(out, 'programme.html');
  if (chromium && peerSizes.includes(n)) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'coop-chromium-'));
    rows.push(
      (result[n].chromium = measure(`  chromium --print-to-pdf (${n} items)`, chromium, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        `--print-to-pdf=${path.join(dir, 'chromium.pdf')}`,
        `file://${html}`,
      ])),
    );
  }
  if (weasy && peerSizes.includes(n)) rows.push((result[n].weasy = measure(`  weasyprint (${n} items)`, weasy, [html, path.join(dir, 'weasy.pdf')])));
}

// Linear on any input: pathological inputs under the limits (bench/hostile.js), each built
// whole, in seconds per megabyte of input, against the largest generated event's.
const hostile = [];
if (process.env.BENCH_HOSTILE !== '0') {
  const hostileRuns = Number(process.env.BENCH_HOSTILE_RUNS ?? 1);
  for (const h of writeHostileInputs(path.join(work, 'hostile'))) {
    const row = measure(
      `${h.label} (${(h.bytes / 1e6).toFixed(2)} MB)`,
      process.execPath,
      [coop, 'build', h.file, '-o', 'out', '--quiet'],
      {},
      h.dir,
      hostileRuns,
    );
    rows.push(row);
    hostile.push({ ...h, perMb: row.median / (h.bytes / 1e6) });
  }
}

const r = (a, b) => (a && b ? (a.median / b.median).toFixed(2) : '—');
const ratios = [];
const big = sizes[sizes.length - 1];
const mid = sizes.length > 1 ? sizes[sizes.length - 2] : sizes[0];
/** A row of the issue's targets: what, measured, target, and whether it is met ('—' when not measured). */
const target = (what, value, goal, met) => ratios.push([what, value, goal, value === '—' || goal === '—' ? '—' : met ? 'yes' : 'no']);
const ratioOf = (a, b) => (a && b ? a.median / b.median : null);
const x = (v) => (v === null ? '—' : `${v.toFixed(2)}x`);
const seminarCheck = result.seedCheck.median / result.seedCheck.floor;
target('coop check of a seminar (the example) / node -e 0 (run by turns)', x(seminarCheck), '≤ 2.5x', seminarCheck <= 2.5);
const seminarBuild = result.seed.median / result.seed.floor;
target('seminar build, every document / node -e 0 (run by turns)', x(seminarBuild), '≤ 4x', seminarBuild <= 4);
for (const n of sizes.filter((n) => n <= 1000)) {
  const c = ratioOf(result[n].chromium, result[n]['programme.pdf']);
  target(`programme.pdf ${n} items: Chromium printing programme.html / coop (times faster)`, x(c), '≥ 4x', c >= 4);
  const w = ratioOf(result[n].weasy, result[n]['programme.pdf']);
  target(`programme.pdf ${n} items: WeasyPrint / coop (times faster)`, x(w), n === 1000 ? '≥ 10x' : '—', n !== 1000 || w >= 10);
}
for (const n of sizes.filter((n) => n <= 1000)) {
  target(`programme.pdf ${n} items / pdfkit alone on ${n} lines (how far from the floor)`, x(ratioOf(result[n]['programme.pdf'], floorPdf[n])), '—', true);
}
if (big >= 10000) {
  target(`build ${big} items, every document (s)`, result[big].build.median.toFixed(2), '≤ 8 s', result[big].build.median <= 8);
  const rss = result[big].build.rss;
  target(`build ${big} items, peak RSS (MB)`, rss ? rss.toFixed(0) : '—', '≤ 600 MB', rss <= 600);
  target(`check ${big} items with its minutes (s)`, result[big].check.median.toFixed(2), '≤ 1 s', result[big].check.median <= 1);
  const w = ratioOf(result[big].weasy, result[big]['programme.pdf']);
  const c = ratioOf(result[big].chromium, result[big]['programme.pdf']);
  target(`programme.pdf ${big} items: Chromium / coop, WeasyPrint / coop (times faster)`, c === null && w === null ? '—' : `${x(c)}, ${x(w)}`, '—', true);
}
if (hostile.length > 0) {
  const eventPerMb = result[big].build.median / (result[big].bytes / 1e6);
  const worst = hostile.reduce((a, h) => (h.perMb > a.perMb ? h : a));
  const ratio = worst.perMb / eventPerMb;
  target(
    `linear: slowest pathological input per MB (${worst.label}, ${worst.perMb.toFixed(1)} s/MB) / the ${big}-item event per MB (${eventPerMb.toFixed(1)} s/MB)`,
    x(ratio),
    '≤ 10x',
    ratio <= 10,
  );
}
target('watch: edit saved → changed outputs rewritten (ms)', (result.watch.median * 1000).toFixed(0), '≤ 150 ms', result.watch.median <= 0.15);
const perEvent = result.multi.median / events;
target(`${events} seminars in one process: per event (s)`, perEvent.toFixed(3), '≤ 0.15 s', perEvent <= 0.15);
if (sizes.length > 1)
  target(
    `growth ${mid} → ${big} items, every document (times; ${(big / mid).toFixed(0)} times the items)`,
    r(result[big].build, result[mid].build),
    `≤ ${(big / mid).toFixed(0)}`,
    result[big].build.median / result[mid].build.median <= big / mid,
  );

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
const md = [
  '# Benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.`,
  `Whole processes, median of ${runs} runs after a warm-up (3 for a run over 15 s); peak RSS from \`/usr/bin/time\` where available. Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${load} (a shared machine: every figure is inflated by the load, the ratios measured in the same run much less).`,
  `Outputs timed alone: ${documents.join(', ')}.`,
  'Events from `bench/generate.js` (4 parallel rooms, sessions of 6 items, a speaker pool, 2,000 attendees, a minutes file of N / 10 agenda points).',
  `Chromium and WeasyPrint print coop's own \`programme.html\` of the same event (at ${peerSizes.filter((n) => sizes.includes(n)).join(', ')} items).`,
  chromium ? '' : 'Chromium was not installed for this run (`apt-get install chromium` to compare).',
  weasy ? '' : 'WeasyPrint was not installed for this run (`apt-get install weasyprint` to compare).',
  '',
  '| run | median (s) | min | max | runs | peak RSS (MB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (x) =>
      `| ${x.label.trim()}${x.floor ? ` (node -e 0 run by turns: ${x.floor.toFixed(3)} s)` : ''} | ${x.median.toFixed(3)} | ${x.min.toFixed(3)} | ${x.max.toFixed(3)} | ${x.runs} | ${x.rss ? x.rss.toFixed(0) : '—'} |`,
  ),
  '',
  '| ratio or figure (issue #21) | measured | target | met |',
  '| --- | ---: | ---: | :---: |',
  ...ratios.map(([a, b, c, d]) => `| ${a} | ${b} | ${c} | ${d} |`),
  '',
].filter((l, i, a) => !(l === '' && a[i - 1] === ''));
// Keep the section `npm run bench:multi` writes (many events in one build).
const previous = existsSync(path.join(root, 'BENCHMARKS.md')) ? readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8') : '';
const multi = /<!-- bench:multi[\s\S]*?<!-- \/bench:multi -->\n?/.exec(previous)?.[0];
// And the one `npm run bench:grid` writes (the timetable grid).
const grid = /<!-- bench:grid[\s\S]*?<!-- \/bench:grid -->\n?/.exec(previous)?.[0];
// And the notes written by hand (where the time goes, what was tried), between their markers.
const notes = /<!-- notes[\s\S]*?<!-- \/notes -->\n?/.exec(previous)?.[0];
writeFileSync(path.join(root, 'BENCHMARKS.md'), md.join('\n') + (notes ? `\n${notes}` : '') + (multi ? `\n${multi}` : '') + (grid ? `\n${grid}` : ''));
console.log('\n' + ratios.map(([a, b, c, d]) => `${a}: ${b} (target ${c}${d === '—' ? '' : d === 'yes' ? ', met' : ', missed'})`).join('\n'));
console.log('\nwrote BENCHMARKS.md');
