#!/usr/bin/env node
// npm run bench:outputs -- save FILE | compare FILE: are a change's outputs byte-identical?
// Builds every example (each event and each minutes file, the seminaire-2012 draft too) and a
// generated 30-item event with the installed command (bin/coop.js, the bundle), one process per
// build, in a copy of examples/ under a temporary folder, and checks each (coop check --format
// json: exit status and what it prints); then writes the SHA-256 of every output file and check to FILE (save) or compares them with FILE (compare: lists every file added, missing or
// different, and exits 1 when there is one). Run `save` on the commit before a change and
// `compare` after it (rebuild dist/ in between).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const coop = path.join(root, 'bin', 'coop.js');
const [verb, manifest] = process.argv.slice(2);
if (!['save', 'compare'].includes(verb) || !manifest) {
  console.error('usage: node bench/outputs.js save FILE | compare FILE');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist', 'cli-bundle', 'main.js'))) {
  console.error('bench:outputs: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'coop-outputs-'));
cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
execFileSync(process.execPath, [path.join(root, 'bench', 'generate.js'), '30', path.join(work, 'generated')]);

/** Every build: the inputs (relative to `work`), its output folder and extra options. */
const builds = [];
for (const name of readdirSync(path.join(work, 'examples')).sort()) {
  const dir = path.join('examples', name);
  const files = readdirSync(path.join(work, dir));
  if (files.includes('event.yaml')) builds.push({ out: `out/${name}`, args: [path.join(dir, 'event.yaml')] });
  for (const f of files.filter((f) => f.endsWith('.md') && !/^(README|MISTAKES)\.md$/.test(f)))
    builds.push({ out: `out/${name}-${f}`, args: [path.join(dir, f)] });
}
builds.push({ out: 'out/seminaire-2012-draft', args: ['examples/seminaire-2012/event.yaml', '--draft'] });
builds.push({ out: 'out/generated-30', args: ['generated/event.yaml'] });

for (const b of builds) {
  const r = spawnSync(process.execPath, [coop, 'build', ...b.args, '-o', b.out, '--quiet'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 && r.status !== 1) {
    console.error(`coop build ${b.args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    process.exit(2);
  }
}

// What `coop check --format json` prints of each input (the diagnostics, their words and places).
const checks = {};
for (const b of builds.filter((b) => !b.args.includes('--draft'))) {
  const r = spawnSync(process.execPath, [coop, 'check', '--format', 'json', b.args[0]], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  checks[`check ${b.args[0]}`] = createHash('sha256').update(`${r.status}\n${r.stdout}\n${r.stderr}`).digest('hex');
}

/** Every file under `dir`, relative to `work`, sorted. */
function walk(dir) {
  return readdirSync(path.join(work, dir))
    .sort()
    .flatMap((f) => (statSync(path.join(work, dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
}
const hashes = {
  ...Object.fromEntries(
    walk('out').map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(work, f)))
        .digest('hex'),
    ]),
  ),
  ...checks,
};

if (verb === 'save') {
  writeFileSync(manifest, JSON.stringify(hashes, null, 1) + '\n');
  console.log(`${Object.keys(hashes).length} outputs and checks of ${builds.length} builds: SHA-256 written to ${manifest}`);
} else {
  const before = JSON.parse(readFileSync(manifest, 'utf8'));
  const names = [...new Set([...Object.keys(before), ...Object.keys(hashes)])].sort();
  const diff = names.filter((f) => before[f] !== hashes[f]).map((f) => `${!(f in before) ? 'added' : !(f in hashes) ? 'missing' : 'different'}: ${f}`);
  console.log(diff.length ? diff.join('\n') : `${names.length} outputs and checks of ${builds.length} builds, every one byte-identical to ${manifest}`);
  if (diff.length) console.log(`(the outputs are kept in ${work})`);
  process.exitCode = diff.length ? 1 : 0;
}
