#!/usr/bin/env node
// npm run bench:watch: how long after an edit is saved `coop build --watch` has rewritten the
// documents it changes. Starts `coop build event.yaml -o out --watch` on a copy of
// examples/universites-automne (a seminar: 2 days, 12 items, 8 attendees), waits for the
// first build, then BENCH_RUNS times (default 15) renames one item (its title is in the
// programme, the grid, the speakers' list and the exports) by writing event.yaml in place, as
// an editor saves, and times from the write to the moment every output that edit changes has a
// newer mtime (polled every millisecond). Which outputs change is learnt from a first,
// untimed edit. Prints the median, min and max; `--json` prints them as JSON (for bench/run.js).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const coop = path.join(root, 'bin', 'coop.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const json = process.argv.includes('--json');
const log = json ? () => {} : (s) => console.log(s);

if (!existsSync(path.join(root, 'dist', 'cli-bundle', 'main.js'))) {
  console.error('bench:watch: dist/ is missing; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'coop-bench-watch-'));
cpSync(path.join(root, 'examples', 'universites-automne'), path.join(work, 'event'), { recursive: true });
const file = path.join(work, 'event', 'event.yaml');
const original = readFileSync(file, 'utf8');
const title = 'title: Ouverture';
if (!original.includes(title)) throw new Error(`bench:watch: "${title}" is no longer in the example's event.yaml`);
const out = path.join(work, 'out');

/** Every output's mtime (not coop's temporary files, written then renamed over the output). */
function mtimes() {
  const m = {};
  for (const f of existsSync(out) ? readdirSync(out) : []) {
    if (f.startsWith('.')) continue;
    const s = statSync(path.join(out, f), { throwIfNoEntry: false });
    if (s) m[f] = s.mtimeMs;
  }
  return m;
}

// English messages: the first build is over when coop says it is watching (`--lang en`).
const child = spawn(process.execPath, [coop, 'build', 'event/event.yaml', '-o', 'out', '--watch', '--quiet', '--lang', 'en'], {
  cwd: work,
  env: { ...process.env, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stdout = '';
let stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
const exited = new Promise((resolve) => child.on('exit', resolve));

async function until(test, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (!test()) {
    if (child.exitCode !== null) throw new Error(`bench:watch: coop exited ${child.exitCode} while waiting for ${what}:\n${stderr}`);
    if (Date.now() > end) throw new Error(`bench:watch: no ${what} after ${ms / 1000} s:\n${stdout}\n${stderr}`);
    await sleep(1);
  }
}

let edit = 0;
/** Save the event with the first item renamed (a different name each time); returns when it was written. */
function save() {
  edit++;
  writeFileSync(file, original.replace(title, `title: Ouverture (${edit})`));
  return performance.now();
}

try {
  await until(() => stdout.includes('watching for changes'), 'first build', 60_000);
  await sleep(300); // let the watchers settle
  // An untimed edit: which outputs does renaming an item rewrite?
  let before = mtimes();
  save();
  await sleep(3000);
  let after = mtimes();
  const changed = Object.keys(after)
    .filter((f) => after[f] !== before[f])
    .sort();
  if (changed.length === 0) throw new Error('bench:watch: the edit rewrote no output');
  log(`an item renamed in event.yaml rewrites ${changed.length} of ${Object.keys(after).length} outputs: ${changed.join(', ')}`);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await sleep(400); // past the debounce of the previous edit
    before = mtimes();
    const t = save();
    await until(() => {
      const now = mtimes();
      return changed.every((f) => now[f] !== undefined && now[f] !== before[f]);
    }, 'rewritten outputs');
    samples.push(performance.now() - t);
    // The rebuild may still be writing an output that changed this time only: let it finish.
    await sleep(200);
  }
  samples.sort((a, b) => a - b);
  const result = {
    median: samples[Math.floor(samples.length / 2)] / 1000,
    min: samples[0] / 1000,
    max: samples[samples.length - 1] / 1000,
    runs,
    outputs: changed.length,
  };
  if (json) console.log(JSON.stringify(result));
  else
    log(
      `edit saved → every changed output rewritten: median ${(result.median * 1000).toFixed(0)} ms (min ${(result.min * 1000).toFixed(0)}, max ${(result.max * 1000).toFixed(0)}; ${runs} edits; target ≤ 150 ms)`,
    );
} finally {
  child.kill('SIGINT');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
