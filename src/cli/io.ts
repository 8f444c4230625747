import { stat } from 'node:fs/promises';
import path from 'node:path';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Ends long-running commands (build --watch); tests abort it, a user presses Ctrl-C. */
  signal?: AbortSignal;
}

import { displayPath } from '../util/paths.js';
export { UsageError } from '../errors.js';
import { UsageError } from '../errors.js';
import { cliWords } from '../i18n.js';

export function useColor(io: Io, stream: { isTTY?: boolean }): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Resolve a file argument; a missing file is a usage error. */
export async function inputFile(io: Io, file: string): Promise<{ abs: string; display: string }> {
  const abs = path.resolve(io.cwd, file);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new UsageError(cliWords.noSuchFile(file));
  }
  if (!st.isFile()) throw new UsageError(cliWords.notAFile(file));
  return { abs, display: displayPath(abs, io.cwd) };
}
