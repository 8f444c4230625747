import { defineConfig } from 'vitest/config';

/**
 * Files that replace a module or a global (vi.mock, vi.spyOn) run isolated; the others share
 * their worker's module cache (isolate: false), so that src/, pdfkit, fontkit and the fonts
 * are imported once per worker instead of once per file.
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
