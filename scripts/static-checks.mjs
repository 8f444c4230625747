// Runs package.json scripts (by default the type check with the linter, and the formatting
// check) at the same time, and prints each one's output once it ends, in the order given. Exit
// 1 if any failed. Each is one single-threaded process: on a 2-core machine they overlap
// instead of adding up. `npm test` runs vitest after them, not beside them: on 2 cores, the
// static checks beside vitest's two workers cost 45 CPU-s more and 31 s more in all (fresh
// clone, quiet: 124.9 s beside, 93.7 s one after the other; README.md, section "Tests").
//
//   node scripts/static-checks.mjs [script ...]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const names = process.argv.length > 2 ? process.argv.slice(2) : ['typecheck-lint', 'format:check'];
for (const name of names) {
  if (typeof scripts[name] !== 'string') {
    process.stderr.write(`static-checks: no script "${name}" in package.json\n`);
    process.exit(2);
  }
}

const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const started = performance.now();
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const child = spawn(scripts[name], { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [];
      child.stdout.on('data', (c) => out.push(c));
      child.stderr.on('data', (c) => out.push(c));
      child.on('error', (e) => resolve({ name, code: 2, out: [Buffer.from(`${e.message}\n`)], seconds: 0 }));
      child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), out, seconds: (performance.now() - t0) / 1000 }));
    }),
);

let failed = false;
for (const run of runs) {
  const { name, code, out, seconds } = await run;
  process.stdout.write(Buffer.concat(out));
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}: npm run ${name} (${seconds.toFixed(1)} s)\n`);
  if (code !== 0) failed = true;
}
process.stdout.write(`static checks: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(failed ? 1 : 0);
