import { availableParallelism, loadavg } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/sequencer.js';

/** One name per run for the example builds the workers share (builtExample in test/helpers.ts). */
process.env.COOP_TEST_RUN ??= `${process.pid}-${Date.now()}`;

/**
 * Files that replace a module (vi.mock, vi.resetModules) run isolated; the others share their
 * worker's module cache (isolate: false), so that src/, pdfkit, fontkit and the fonts are
 * imported once per worker instead of once per file. security.test.ts only spies on console
 * and restores it: shared since 2 December (vitest alone, fresh clone, quiet: 73.4 s shared,
 * 75.6 s isolated). Threads rather than forks: with this setup the whole run took 157 CPU-s on
 * threads and 188 CPU-s on forks (`time npx vitest run` and `--pool forks`, load 7 to 9 on 2
 * cores both times).
 */
const isolated = ['test/write.test.ts', 'test/scripts.test.ts', 'test/document-body.test.ts'];

/**
 * vitest 4 runs `availableParallelism() - 1` workers: ONE on a 2-core machine, where the main
 * process (which only collects results) leaves the second core idle. Two workers there: the
 * suite took 129 s on one worker and 95 s on two (`npx vitest run` against
 * `npx vitest run --maxWorkers=2`, load about 1). Larger machines keep vitest's default.
 */
const maxWorkers = Math.max(2, availableParallelism() - 1);

/**
 * A test's time limit catches a hang, not a slow machine: 30 s on a quiet one, stretched by the
 * run queue per core when the run starts (as loadAwareSeconds in test/helpers.ts does for the
 * tests' own bounds). At load 13 on 2 cores, the two subprocess builds of bin.test.ts's
 * --jobs test took more than 30 s.
 */
const testTimeout = Math.round(30_000 * Math.max(1, loadavg()[0] / availableParallelism()));
/** The same for beforeAll/afterAll hooks (vitest's default, 10 s, is not stretched): at load 11, render.test.ts's first build took longer. */
const hookTimeout = testTimeout;

export default defineConfig({
  test: {
    testTimeout,
    hookTimeout,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['./test/global-setup.ts'],
    pool: 'threads',
    maxWorkers,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
