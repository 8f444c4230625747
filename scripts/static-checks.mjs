// Runs package.json scripts (by default the type check with the linter, and the formatting
// check) at the same time, and prints each one's output once it ends, in the order given. Exit
// 1 if any failed. With `--beside CMD`, CMD (the test runner, for `npm test`) runs at the same
// time with the terminal to itself; the static checks' outputs are printed after it ends.
// Each static check is one single-threaded process: on a 2-core machine they share the cores
// with vitest's workers instead of making them wait (README.md, section "Tests", gives the
// figures).
//
//   node scripts/static-checks.mjs [script ...] [--beside 'command']
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
const args = process.argv.slice(2);
const at = args.indexOf('--beside');
const beside = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !beside) {
  process.stderr.write('static-checks: --beside needs a command\n');
  process.exit(2);
}
const given = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const names = given.length > 0 ? given : ['typecheck-lint', 'format:check'];
for (const name of names) {
  if (typeof scripts[name] !== 'string') {
    process.stderr.write(`static-checks: no script "${name}" in package.json\n`);
    process.exit(2);
  }
}

const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const started = performance.now();

/** Runs `command` in a shell; its output kept (`stdio: 'pipe'`) or passed through (`'inherit'`). */
function run(name, command, stdio) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, { cwd: root, env, shell: true, stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout?.on('data', (c) => out.push(c));
    child.stderr?.on('data', (c) => out.push(c));
    child.on('error', (e) => resolve({ name, code: 2, out: [Buffer.from(`${e.message}\n`)], seconds: 0 }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), out, seconds: (performance.now() - t0) / 1000 }));
  });
}

const runs = names.map((name) => run(name, scripts[name], 'pipe'));
let failed = false;
if (beside) {
  const { code } = await run(beside, beside, 'inherit');
  if (code !== 0) failed = true;
}
for (const done of runs) {
  const { name, code, out, seconds } = await done;
  process.stdout.write(Buffer.concat(out));
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}: npm run ${name} (${seconds.toFixed(1)} s)\n`);
  if (code !== 0) failed = true;
}
process.stdout.write(`${beside ? 'static checks and tests' : 'static checks'}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(failed ? 1 : 0);
