import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

export class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Run the CLI in-process, as a user would from a shell. */
export async function run(argv: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main({ argv, stdout, stderr, cwd, env: { ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
