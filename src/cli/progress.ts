/**
 * The progress line of `coop build`: on a terminal only (never in CI, never with --quiet),
 * and only once a build has taken more than a second, one line on stderr rewritten in place
 * ("coop: emargement.pdf, page 1200…"), erased when the build ends.
 */
import type { Progress } from '../build.js';
import type { Io } from './io.js';

const DELAY_MS = 1000;
const EVERY_MS = 100;

export function progressLine(io: Io, quiet: boolean, now: () => number = Date.now): { progress: Progress; done(): void } {
  const enabled = !quiet && io.stderr.isTTY === true && !io.env.CI;
  const start = now();
  let shown = false;
  let last = 0;
  let lastOutput = '';
  const progress: Progress = ({ output, page }) => {
    if (!enabled) return;
    const t = now();
    if (t - start < DELAY_MS) return;
    if (output === lastOutput && t - last < EVERY_MS) return;
    last = t;
    lastOutput = output;
    io.stderr.write(`\r\x1b[2Kcoop: ${output}${page ? `, page ${page}` : ''}…`);
    shown = true;
  };
  return {
    progress,
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
