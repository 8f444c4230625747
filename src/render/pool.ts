/**
 * Rendering on several threads. The units of a build (units.ts) are shared out by cost,
 * longest first, between the main thread and `threads - 1` workers; each worker receives the
 * models it needs once, renders its units in order and sends the outputs back. The outputs
 * are put back in the order of a sequential build, and every unit gives the same bytes
 * wherever it runs, so a parallel build writes exactly what a sequential one writes.
 *
 * Workers need the compiled JavaScript (dist/); from the TypeScript sources (the test runner)
 * there is no worker script and everything runs on the main thread.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MinutesModel } from '../minutes/model.js';
import type { EventModel } from '../model/event.js';
import { TemplateError, type TemplateDir } from './templates.js';
import type { EventRenderOptions, EventUnitKey, Output, Progress } from './units.js';
import { minOf } from '../util/arrays.js';

export type UnitSpec = { kind: 'event'; event: number; key: EventUnitKey } | { kind: 'minutes'; minutes: number };
export type UnitMessage = UnitSpec & { id: number };

export interface WorkerInput {
  events: Array<{ model: EventModel; templateDirs: TemplateDir[]; opts: EventRenderOptions }>;
  minutes: Array<{ model: MinutesModel; name: string; templateDirs: TemplateDir[]; opts: { draft: boolean; only?: readonly string[]; pdfa?: boolean } }>;
  units: UnitMessage[];
}

export type WorkerMessage =
  | { type: 'progress'; output: string; page?: number }
  | { type: 'result'; id: number; outputs: Output[] }
  | {
      type: 'error';
      id: number;
      error: {
        message: string;
        stack?: string;
        template?: { file: string; line: number; column: number; rule: string; text?: string; words?: { fr: string; en: string } };
      };
    };

/**
 * Below this estimated cost (units.ts: about a millisecond each), a build stays on one thread
 * unless threads were asked for. Measured on 2 cores: a worker takes a quarter of a second to
 * start (modules, fonts, shaping from cold), and a single-threaded build already keeps 1.4
 * cores busy (V8 collects garbage and compiles on helper threads). A seminar (0.6 s) and a
 * 1,000-item congress (4.5 s) gain nothing or lose; a 10,000-item one gains a fifth.
 */
export const MIN_PARALLEL_COST = 8000;

export interface Job {
  cost: number;
  unit: UnitSpec;
  /** The same work on this thread. */
  local: () => Promise<Output[]>;
}

/** The worker script next to this module, compiled (dist/cli-bundle/worker.js or dist/render/worker.js). */
function workerScript(): URL | null {
  for (const rel of ['./worker.js', './render/worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && url.pathname.endsWith('.js') && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * The threads a build renders on: those asked for (--jobs, else COOP_JOBS), always; else the
 * machine's cores, at most 4, for a build big enough to pay for starting workers.
 */
export function threadsFor(asked: number | undefined, env: NodeJS.ProcessEnv = process.env): { threads: number; forced: boolean } {
  const fromEnv = Number(env.COOP_JOBS);
  if (asked === undefined && Number.isInteger(fromEnv) && fromEnv >= 1) asked = fromEnv;
  if (asked !== undefined) return { threads: asked, forced: true };
  return { threads: Math.max(1, Math.min(4, os.availableParallelism())), forced: false };
}

/**
 * Run the jobs, on `threads` threads when that can help. `shared` holds the models the
 * workers need. Returns each job's outputs, in the jobs' order.
 */
export async function runJobs(
  jobs: Job[],
  { threads, forced }: { threads: number; forced: boolean },
  shared: Omit<WorkerInput, 'units'>,
  progress: Progress,
): Promise<Output[][]> {
  const total = jobs.reduce((a, j) => a + j.cost, 0);
  const script = threads > 1 && jobs.length > 1 && (forced || total >= MIN_PARALLEL_COST) ? workerScript() : null;
  const results: Output[][] = new Array(jobs.length);
  if (!script) {
    for (let i = 0; i < jobs.length; i++) results[i] = await jobs[i].local();
    return results;
  }
  // Longest first, each to the least loaded thread (thread 0 is this one).
  const bins: number[][] = Array.from({ length: Math.min(threads, jobs.length) }, () => []);
  const load = bins.map(() => 0);
  for (const i of jobs.map((_, i) => i).sort((a, b) => jobs[b].cost - jobs[a].cost || a - b)) {
    const t = load.indexOf(minOf(load));
    bins[t].push(i);
    load[t] += jobs[i].cost;
  }
  // Each thread renders its jobs in job order and stops at its first failure; the failure
  // reported is the one of the earliest job, which is the one a one-thread build reports.
  // Worker promises never reject (a rejection left waiting while this thread renders would
  // kill the process): they resolve to their first failure, if any.
  const workers = bins
    .slice(1)
    .filter((b) => b.length > 0)
    .map((bin) =>
      runWorker(script, { ...shared, units: bin.sort((a, b) => a - b).map((i) => ({ ...jobs[i].unit, id: i }) as UnitMessage) }, results, progress),
    );
  let failure: Failure | null = null;
  for (const i of bins[0].sort((a, b) => a - b)) {
    try {
      results[i] = await jobs[i].local();
    } catch (error) {
      failure = { id: i, error };
      break;
    }
  }
  for (const f of await Promise.all(workers)) if (f && (!failure || f.id < failure.id)) failure = f;
  if (failure) throw failure.error;
  return results;
}

interface Failure {
  /** The job that failed (an id of `jobs`), or Infinity when a worker died between jobs. */
  id: number;
  error: unknown;
}

/** Run a worker's jobs; resolves to its first failure, or null. */
function runWorker(script: URL, input: WorkerInput, results: Output[][], progress: Progress): Promise<Failure | null> {
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData: input });
    let left = input.units.length;
    let failure: Failure | null = null;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') progress({ output: m.output, page: m.page });
      else if (m.type === 'result') {
        results[m.id] = m.outputs;
        if (--left === 0) void worker.terminate();
      } else {
        const t = m.error.template;
        const error = t
          ? new TemplateError(t.file, t.line, t.column, m.error.message, t.rule, t.text, t.words)
          : Object.assign(new Error(m.error.message), { stack: m.error.stack });
        failure = { id: m.id, error };
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      // The worker itself failed (out of memory, a crash): its first unfinished job is lost.
      failure ??= { id: input.units.find((u) => results[u.id] === undefined)?.id ?? Infinity, error };
    });
    worker.on('exit', () => {
      if (!failure && left > 0)
        failure = {
          id: input.units.find((u) => results[u.id] === undefined)?.id ?? Infinity,
          error: new Error('a rendering worker stopped before finishing its documents'),
        };
      resolve(failure);
    });
  });
}
