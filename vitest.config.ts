import { defineConfig } from 'vitest/config';

/**
 * Files that replace a module or a global (vi.mock, vi.spyOn) run isolated; the others share
 * their worker's module cache (isolate: false), so that src/, pdfkit, fontkit and the fonts
 * are imported once per worker instead of once per file. Threads rather than forks: with this
 * setup the whole run took 157 CPU-s on threads and 188 CPU-s on forks (`time npx vitest run`
 * and `--pool forks`, load 7 to 9 on 2 cores both times).
 */
const isolated = ['test/write.test.ts', 'test/scripts.test.ts', 'test/security.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30000,
    pool: 'threads',
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: isolated, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated } },
    ],
  },
});
