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
 * The old-generation heap a rendering worker may use, in MB (COOP_WORKER_HEAP_MB, else
 * WORKER_HEAP_MB). Two threads' heaps growing at once made the peak of a big build: V8 lets a
 * heap grow well past its live set before collecting (the 10,000-item sign-in sheet peaks at
 * 860 MB alone, and completes at 569 MB under a 450 MB cap). A worker that runs out of this
 * heap loses nothing: its unfinished documents are rendered again by a fresh worker without
 * the cap, as every worker was before (runJobs).
 */
export function workerHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.COOP_WORKER_HEAP_MB);
  return Number.isInteger(asked) && asked >= 1 ? asked : WORKER_HEAP_MB;
}

export const WORKER_HEAP_MB = 512;

/**
 * Run the jobs, on `threads` threads when that can help. `shared` holds the models the
 * workers need. Returns each job's outputs, in the jobs' order, and how many jobs a worker
 * that ran out of heap left to be rendered again (by a fresh worker without the cap).
 */
export async function runJobs(
  jobs: Job[],
  { threads, forced, heapMb = WORKER_HEAP_MB }: { threads: number; forced: boolean; heapMb?: number },
  shared: Omit<WorkerInput, 'units'>,
  progress: Progress,
): Promise<{ results: Output[][]; rerun: number }> {
  const total = jobs.reduce((a, j) => a + j.cost, 0);
  const script = threads > 1 && jobs.length > 1 && (forced || total >= MIN_PARALLEL_COST) ? workerScript() : null;
  const results: Output[][] = new Array(jobs.length);
  if (!script) {
    for (let i = 0; i < jobs.length; i++) results[i] = await jobs[i].local();
    return { results, rerun: 0 };
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
  let rerun = 0;
  const workers = bins
    .slice(1)
    .filter((b) => b.length > 0)
    .map(async (bin) => {
      const units = bin.sort((a, b) => a - b).map((i) => ({ ...jobs[i].unit, id: i }) as UnitMessage);
      const capped = await runWorker(script, { ...shared, units }, heapMb, results, progress);
      if (capped.lost.length === 0) return capped.failure;
      // Out of its heap: the jobs it had not finished again, in a fresh worker without the cap.
      rerun += capped.lost.length;
      const again = await runWorker(script, { ...shared, units: units.filter((u) => capped.lost.includes(u.id)) }, undefined, results, progress);
      return again.failure ?? (again.lost.length > 0 ? { id: again.lost[0], error: again.outOfMemory } : null);
    });
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
  return { results, rerun };
}

interface Failure {
  /** The job that failed (an id of `jobs`), or Infinity when a worker died between jobs. */
  id: number;
  error: unknown;
}

/**
 * Run a worker's jobs, its old generation capped at `heapMb` if given; resolves to its first
 * failure, or null, and to the jobs it left unfinished by running out of heap (not a failure:
 * they can run again elsewhere), with that error.
 */
function runWorker(
  script: URL,
  input: WorkerInput,
  heapMb: number | undefined,
  results: Output[][],
  progress: Progress,
): Promise<{ failure: Failure | null; lost: number[]; outOfMemory?: Error }> {
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData: input, resourceLimits: heapMb === undefined ? undefined : { maxOldGenerationSizeMb: heapMb } });
    let left = input.units.length;
    let failure: Failure | null = null;
    let outOfMemory: Error | undefined;
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
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') outOfMemory = error;
      // The worker itself failed (a crash): its first unfinished job is lost.
      else failure ??= { id: input.units.find((u) => results[u.id] === undefined)?.id ?? Infinity, error };
    });
    worker.on('exit', () => {
      const unfinished = input.units.filter((u) => results[u.id] === undefined).map((u) => u.id);
      if (outOfMemory && !failure) return resolve({ failure: null, lost: unfinished, outOfMemory });
      if (!failure && left > 0)
        failure = {
          id: unfinished[0] ?? Infinity,
          error: new Error('a rendering worker stopped before finishing its documents'),
        };
      resolve({ failure, lost: [] });
    });
  });
}
