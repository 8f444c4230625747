#!/usr/bin/env node
// node bench/tagging.js: what tagging (the PDF/UA structure tree and marked content) costs.
// Renders the programme and the minutes of the generated 1,000- and 10,000-item events
// (bench/generate.js) tagged and untagged, each in fresh processes that alternate (BENCH_ROUNDS
// pairs, default 4; each process renders once to warm up, then BENCH_RUNS times, default 3),
// and prints the medians of wall time and of CPU time (user + system, the garbage collector's
// threads included: steadier than wall time on a shared machine), with their minimums (what a
// render costs when nothing else competes: the steadiest figure on a loaded machine). It also
// runs the whole `coop build --only <document>` process (start-up, loading, checks, render,
// writing; BENCH_ROUNDS runs) and prints what tagging adds as a share of that build.
// Needs dist/ (npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_DIST: a copy of dist/ to measure (inside the project, so that it finds node_modules) while dist/ is rebuilt.
const dist = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(root, 'dist');
if (!existsSync(path.join(dist, 'render', 'pdf', 'engine.js'))) {
  console.error('bench/tagging: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}
const runs = Number(process.env.BENCH_RUNS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === '--build') {
  // One process: a whole `coop build --only <name>` (tagged, as users get it), its CPU and wall time from the process's start.
  const [, , , dir, name] = process.argv;
  const { main } = await import(path.join(dist, 'cli', 'main.js'));
  const out = mkdtempSync(path.join(os.tmpdir(), 'coop-tagging-out-'));
  const code = await main({
    argv: ['build', path.join(dir, 'event.yaml'), '--only', name, '-o', out, '-q'],
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: dir,
    env: process.env,
  });
  const c = process.cpuUsage();
  process.stdout.write(JSON.stringify({ code, wall: performance.now(), cpu: (c.user + c.system) / 1000 }));
  process.exit(0);
}

if (process.argv[2] === '--child') {
  // One process: one document of one event, tagged or not.
  const [, , , dir, name, mode] = process.argv;
  const { checkProject } = await import(path.join(dist, 'project.js'));
  const { renderPdf } = await import(path.join(dist, 'render', 'pdf', 'engine.js'));
  const { programmeDocument } = await import(path.join(dist, 'render', 'programme.js'));
  const { minutesDocument } = await import(path.join(dist, 'render', 'minutes.js'));
  const { Templates } = await import(path.join(dist, 'render', 'templates.js'));
  const templates = new Templates();
  const checked = await checkProject([{ abs: path.join(dir, 'event.yaml'), display: 'event.yaml' }], { cwd: dir });
  const doc =
    name === 'programme.pdf'
      ? programmeDocument(checked.events[0].checked.model, templates, { draft: false })
      : minutesDocument(checked.minutes[0].checked.model, templates, { draft: false });
  const untagged = mode === 'untagged';
  const out = [];
  for (let i = 0; i <= runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    const bytes = await renderPdf(doc, { untagged });
    const d = process.cpuUsage(c);
    if (i > 0) out.push({ wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: (d.user + d.system) / 1000, size: bytes.length });
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

for (const n of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `coop-tagging-${n}-`));
  execFileSync(process.execPath, [path.join(root, 'bench', 'generate.js'), String(n), dir]);
  for (const name of ['programme.pdf', 'compte-rendu.pdf']) {
    const by = { tagged: [], untagged: [] };
    for (let r = 0; r < rounds; r++) {
      for (const mode of r % 2 ? ['tagged', 'untagged'] : ['untagged', 'tagged']) {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir, name, mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
        by[mode].push(...JSON.parse(out));
      }
    }
    const builds = [];
    for (let r = 0; r < rounds; r++) {
      const b = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--build', dir, name], { encoding: 'utf8' }));
      if (b.code !== 0) throw new Error(`coop build --only ${name} exited with ${b.code}`);
      builds.push(b);
    }
    const m = (mode, k) => median(by[mode].map((s) => s[k]));
    const lo = (mode, k) => Math.min(...by[mode].map((s) => s[k]));
    const pct = (a, b) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
    const ms = (x) => x.toFixed(0).padStart(5);
    const [wu, wt, cu, ct] = [m('untagged', 'wall'), m('tagged', 'wall'), m('untagged', 'cpu'), m('tagged', 'cpu')];
    const [bw, bc] = [median(builds.map((b) => b.wall)), median(builds.map((b) => b.cpu))];
    console.log(
      `${String(n).padStart(6)} items  ${name.padEnd(17)} render: wall ${ms(wu)} -> ${ms(wt)} ms (${pct(wt, wu)})  CPU ${ms(cu)} -> ${ms(ct)} ms (${pct(ct, cu)})  ` +
        `minimum CPU ${ms(lo('untagged', 'cpu'))} -> ${ms(lo('tagged', 'cpu'))} ms (${pct(lo('tagged', 'cpu'), lo('untagged', 'cpu'))})  ` +
        `${(by.untagged[0].size / 1024).toFixed(0)} -> ${(by.tagged[0].size / 1024).toFixed(0)} KB  (medians of ${by.tagged.length} renders each)\n` +
        `${''.padStart(24)} build --only ${name}: wall ${ms(bw)} ms, CPU ${ms(bc)} ms; tagging ${(((wt - wu) / bw) * 100).toFixed(1)} % of its wall time, ${(((ct - cu) / bc) * 100).toFixed(1)} % of its CPU time`,
    );
  }
}
