/**
 * After the run: the example builds the workers shared (builtExample in test/helpers.ts) are
 * removed with their folder.
 */
import { rmSync } from 'node:fs';
import { sharedBuilds } from './shared-builds.js';

export default function setup(): () => void {
  return () => {
    rmSync(sharedBuilds, { recursive: true, force: true });
  };
}
