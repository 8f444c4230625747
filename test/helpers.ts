import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

export class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Run the CLI in-process, as a user would from a shell. */
export async function run(argv: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main({ argv, stdout, stderr, cwd, env: { ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * A wall-clock bound that holds on a quiet machine and stretches on a loaded one: `seconds`
 * times the run queue per core (the one-minute load average over the cores), never less than
 * `seconds`. On a 2-core machine at load 2 or less the bound is `seconds` itself; at load 8,
 * where every process gets a quarter of a core, four times it. A time limit that ignores the
 * load fails for reasons that are not the code's.
 */
export function loadAwareSeconds(seconds: number): number {
  return seconds * Math.max(1, loadavg()[0] / availableParallelism());
}

/** The input files of the example folder `dir` (under examples/): its event, else its minutes. */
export function exampleInputs(dir: string): string[] {
  const d = path.join(import.meta.dirname, '..', 'examples', dir);
  if (existsSync(path.join(d, 'event.yaml'))) return [path.join(d, 'event.yaml')];
  return readdirSync(d)
    .filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'MISTAKES.md')
    .map((f) => path.join(d, f));
}
