import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where a test run's shared example builds go (builtExample in test/helpers.ts): one folder per
 * `vitest run`, named by the COOP_TEST_RUN that vitest.config.ts sets in the main process
 * (worker threads and forks get a copy of its environment), so that both workers use one build
 * of each example instead of one each; test/global-setup.ts removes it after the run. Outside
 * vitest's config (a file run some other way) the process id stands in.
 */
export const sharedBuilds = path.join(tmpdir(), `coop-test-examples-${process.env.COOP_TEST_RUN ?? String(process.pid)}`);
