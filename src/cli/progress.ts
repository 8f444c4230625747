/**
 * The progress line of `coop build`: on a terminal only (never in CI, never with --quiet),
 * and only once a build has taken more than a second, one line on stderr rewritten in place
 * ("coop: emargement.pdf, page 1200…"), erased when the build ends.
 */
import { truncate } from '../util/text.js';
import type { Progress } from '../build.js';
import type { Io } from './io.js';
import { visible } from '../util/visible.js';

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
    // At most ten lines a second, whatever thread they come from; a new document shows at once
    // when this thread starts it.
    if (t - last < EVERY_MS && (output === lastOutput || page !== undefined)) return;
    last = t;
    lastOutput = output;
    let line = `coop: ${visible(output)}${page ? `, page ${page}` : ''}…`;
    // Never wider than the terminal: a wrapped line could not be rewritten in place.
    const width = (io.stderr as { columns?: number }).columns;
    if (width && line.length > width - 1) line = truncate(line, Math.max(1, width - 1));
    io.stderr.write(`\r\x1b[2K${line}`);
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
