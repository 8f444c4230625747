/**
 * The order in which test files start: failed ones first, then the longest first, so that on
 * a 2-core machine a long file (axe-core in Chromium, 18 s) does not start last and run alone
 * while the other worker idles. vitest's own order does this once its cache holds the last
 * run's durations; a fresh clone (CI) has no cache, and vitest then starts the largest files
 * first, which put axe.test.ts (a small file) at the end: 7 s of one worker idle.
 * test/durations.json holds each file's seconds from a full run (`npm run test:durations`
 * rewrites it); a stale table only changes the order, never a result.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const recorded = JSON.parse(readFileSync(path.join(import.meta.dirname, 'durations.json'), 'utf8')) as Record<string, number>;

export class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const facts = new Map(
      files.map((f) => {
        const file = path.relative(this.ctx.config.root, f.moduleId).split(path.sep).join('/');
        const cached = cache.getFileTestResults(`${f.project.name}:${file}`);
        // Seconds: this machine's last run, else the recorded table, else unknown (run first).
        const seconds = cached ? cached.duration / 1000 : (recorded[file] ?? Infinity);
        return [f, { failed: cached?.failed === true, seconds }];
      }),
    );
    return Promise.resolve(
      [...files].sort((a, b) => {
        const x = facts.get(a)!;
        const y = facts.get(b)!;
        if (x.failed !== y.failed) return x.failed ? -1 : 1;
        return y.seconds - x.seconds;
      }),
    );
  }
}
