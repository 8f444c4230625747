import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { sharedBuilds } from './shared-builds.js';

/** test/fixtures/: the fixture cases (see its README and fixture-harness.ts) and the input folders of some tests. */
export const fixturesRoot = path.join(import.meta.dirname, 'fixtures');

/**
 * The images drawn in a PDF, as poppler's `pdfimages -list` lists them (needs poppler-utils):
 * the page, the image's number, its type (`image`, `smask`…) and its size in pixels.
 */
export function pdfImages(file: string): Array<{ page: number; num: number; type: string; width: number; height: number }> {
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2) // the header and its underline
    .filter((l) => l.trim())
    .map((l) => {
      const [page, num, type, width, height] = l.trim().split(/\s+/);
      return { page: Number(page), num: Number(num), type, width: Number(width), height: Number(height) };
    });
}

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

const exampleBuilds = new Map<string, Promise<string>>();

/**
 * The folder where `coop build <inputs of examples/dir> -q --draft` wrote every output, built
 * once per test run and shared by the tests that only read those outputs (accessibility,
 * tagged PDFs, PDF and HTML saying the same): the first worker to ask builds it, another waits
 * for it. A draft, so that the PROJET banner and the grid's conflict marks are checked too. Do
 * not write into it.
 *
 * `only` (a `--only` list) asks for those outputs alone: the full build when one is built or
 * being built, else a build of just those, so that a test that reads the HTML does not pay for
 * PDFs when it runs before the PDF tests.
 */
export function builtExample(dir: string, only?: string): Promise<string> {
  if (!only || existsSync(path.join(sharedBuilds, dir))) return buildOnce(dir, dir, []);
  return buildOnce(`${dir}--only-${only.replace(/[^\w.-]+/g, '_')}`, dir, ['--only', only]);
}

function buildOnce(key: string, dir: string, args: string[]): Promise<string> {
  let built = exampleBuilds.get(key);
  if (built) return built;
  const out = path.join(sharedBuilds, key);
  built = (async () => {
    mkdirSync(sharedBuilds, { recursive: true });
    try {
      mkdirSync(out); // atomic: whoever creates it builds; the others wait for its mark
    } catch {
      return waitFor(out, `coop build examples/${dir} ${args.join(' ')}`);
    }
    // A build that fails or throws leaves its mark too, so that a waiting worker fails at once.
    let failure: string | undefined;
    try {
      const r = await run(['build', ...exampleInputs(dir), '-o', out, '-q', '--draft', ...args]);
      // Exit 1 is an example's deliberate mistake (it is still written); 2 is not.
      if (r.code > 1) failure = `coop build examples/${dir} ${args.join(' ')}: exit ${r.code}\n${r.stderr}`;
    } catch (e) {
      failure = `coop build examples/${dir} ${args.join(' ')}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }
    if (failure !== undefined) {
      writeFileSync(`${out}.failed`, failure);
      throw new Error(failure);
    }
    writeFileSync(`${out}.done`, '');
    return out;
  })();
  exampleBuilds.set(key, built);
  return built;
}

/** Waits until another worker's build of `out` is done (or has failed). */
async function waitFor(out: string, what: string): Promise<string> {
  const deadline = performance.now() + loadAwareSeconds(120) * 1000;
  while (performance.now() < deadline) {
    if (existsSync(`${out}.done`)) return out;
    if (existsSync(`${out}.failed`)) throw new Error(readFileSync(`${out}.failed`, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: another worker's build did not finish`);
}

/** The example folders, sorted. */
export const exampleDirs = (): string[] => readdirSync(path.join(import.meta.dirname, '..', 'examples')).sort();
