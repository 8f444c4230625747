import { stat, readFile } from 'node:fs/promises';
import { tx, type Text } from '../i18n.js';

/**
 * The largest input coop reads (10 MB). A 10,000-item congress is 1.6 MB of YAML; a file many times
 * that is a mistake (or an attack), and reading it would cost seconds and gigabytes.
 * COOP_MAX_INPUT_MB raises the limit.
 */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.COOP_MAX_INPUT_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024;
}

/** Read an input file, or say why not (too large) without reading it. */
export async function readInput(file: string, env: NodeJS.ProcessEnv = process.env): Promise<{ bytes: Uint8Array } | { tooLarge: Text }> {
  const { size } = await stat(file);
  const max = maxInputBytes(env);
  if (size > max) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace('.', ',')}\u00a0Mo`;
    const mbEn = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      tooLarge: tx(
        `Le fichier fait ${mb(size)}, au-delà de la limite de ${mb(max)} : ce n’est sans doute pas le bon fichier (COOP_MAX_INPUT_MB relève la limite).`,
        `The file is ${mbEn(size)}, over the ${mbEn(max)} limit: probably not the right file (COOP_MAX_INPUT_MB raises the limit).`,
      ),
    };
  }
  return { bytes: await readFile(file) };
}
