/**
 * Every file coop reads from a project goes through here: the event, its minutes, attendee
 * files, templates, partials, style sheets. A file is resolved with realpath (every symbolic
 * link followed) and refused when the result leaves the project folder, is not a regular file
 * (a folder, a FIFO that would block, a device like /dev/zero), or is over the size limit. The
 * real path is then opened with O_NOFOLLOW, so that the file read is the file checked.
 *
 * A bundle received from a partner is untrusted: `ln -s /proc/self/environ tpl/style.css`
 * must not put the CI's secrets into programme.html.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { tx, type Text } from '../i18n.js';
import { stageMessage, type Messages, type Said } from '../diagnostics/types.js';
import { describeIoError, EnvironmentError } from '../errors.js';

/**
 * The largest input coop reads (10 MB). A 10,000-item congress is 1.6 MB of YAML; a file many times
 * that is a mistake (or an attack), and reading it would cost seconds and gigabytes.
 * COOP_MAX_INPUT_MB raises the limit.
 */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.COOP_MAX_INPUT_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024;
}

/** Why a file was not read. */
export type Refusal = 'outside' | 'missing' | 'folder' | 'special' | 'too-large';

export type ReadResult = { bytes: Uint8Array; real: string } | ({ refused: Refusal; real?: string } & Said);

/** The rule a refusal is reported under. */
export function refusalRule(r: Refusal): string {
  return r === 'outside' ? 'ref/outside-project' : r === 'too-large' ? 'syntax/size' : 'ref/unknown';
}

/** Whether `p` is `root` or inside it (both absolute, already resolved). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

const O_READ = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function sizeText(n: number): Text {
  return { fr: `${(n / 1024 / 1024).toFixed(1).replace('.', ',')}\u00a0Mo`, en: `${(n / 1024 / 1024).toFixed(1)} MB` };
}

/**
 * The messages of a refused read, by the rule `refusalRule` gives: `outside` (ref/outside-project),
 * `tooLarge` (syntax/size), the others (ref/unknown). `{name}` is the file's name.
 */
export const readMessages = {
  outside: tx(
    'Le fichier « {name} » mène hors du dossier du projet (par un lien symbolique ou un chemin « .. ») : coop ne lit que les fichiers du projet.',
    'The file "{name}" leads outside the project folder (through a symbolic link or a ".." path): coop reads only the project\'s files.',
  ),
  missing: tx('Le fichier « {name} » n’existe pas.', 'The file "{name}" does not exist.'),
  folder: tx('« {name} » est un dossier : un fichier est attendu.', '"{name}" is a folder: expected a file.'),
  special: tx(
    '« {name} » n’est pas un fichier ordinaire (tube, périphérique ou socket) : un fichier texte est attendu.',
    '"{name}" is not a regular file (a pipe, device or socket): expected a text file.',
  ),
  tooLarge: tx(
    'Le fichier fait {size}, au-delà de la limite de {max} : ce n’est sans doute pas le bon fichier (COOP_MAX_INPUT_MB relève la limite).',
    'The file is {size}, over the {max} limit: probably not the right file (COOP_MAX_INPUT_MB raises the limit).',
  ),
} satisfies Messages;

function tooLarge(size: number, max: number, real: string): Extract<ReadResult, { refused: Refusal }> {
  return { refused: 'too-large', ...stageMessage('syntax/size', readMessages, 'tooLarge', { size: sizeText(size), max: sizeText(max) }), real };
}

function refusal(refused: Exclude<Refusal, 'too-large'>, shown: string, real?: string): Extract<ReadResult, { refused: Refusal }> {
  return { refused, ...stageMessage(refusalRule(refused), readMessages, refused, { name: path.basename(shown) }), real };
}

function errnoOf(err: unknown): string | undefined {
  return typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
}

/** Errors that say the file is not there: anything else (permissions, I/O) is the environment's. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

/** Resolve `file` and decide whether it may be read (without reading it). */
function judge(file: string, realFile: string | undefined, realRoot: string | null, err?: unknown): Extract<ReadResult, { refused: Refusal }> | null {
  if (realFile === undefined) {
    const code = errnoOf(err);
    // A link loop or a dangling link reads as missing; EACCES, EIO… are not the input's fault.
    if (code !== undefined && !ABSENT.has(code)) throw new EnvironmentError(describeIoError(err, 'read', file));
    return refusal('missing', file);
  }
  if (realRoot !== null && !isInside(realRoot, realFile)) return refusal('outside', file, realFile);
  return null;
}

/** What an opened file's status refuses: a folder, a special file, a file over `max` bytes. */
function statRefusal(st: Stats, file: string, realFile: string, max: number): Extract<ReadResult, { refused: Refusal }> | null {
  if (st.isDirectory()) return refusal('folder', file, realFile);
  if (!st.isFile()) return refusal('special', file, realFile);
  if (st.size > max) return tooLarge(st.size, max, realFile);
  return null;
}

/** The chunks read (at most max + 1 bytes: a file that grew while read is still refused). */
function joined(chunks: Buffer[], total: number, max: number, realFile: string): ReadResult {
  if (total > max) return tooLarge(total, max, realFile);
  return { bytes: new Uint8Array(Buffer.concat(chunks, total)), real: realFile };
}

/**
 * Read `file`, which must stay inside `root` once every link is resolved (`root` null: one of
 * coop's own files, not confined). Never throws for a problem of the file itself.
 */
export async function readConfined(file: string, root: string | null, env: NodeJS.ProcessEnv = process.env): Promise<ReadResult> {
  let realFile: string | undefined;
  let realRoot: string | null = null;
  let failure: unknown;
  try {
    realFile = await realpath(file);
  } catch (err) {
    failure = err;
  }
  if (root !== null) realRoot = await realpath(root).catch(() => path.resolve(root));
  const refused = judge(file, realFile, realRoot, failure);
  if (refused) return refused;
  let handle;
  try {
    handle = await open(realFile!, O_READ);
  } catch (err) {
    return judge(file, undefined, null, err)!;
  }
  try {
    const max = maxInputBytes(env);
    const unfit = statRefusal(await handle.stat(), file, realFile!, max);
    if (unfit) return unfit;
    // Read at most max + 1 bytes: a file that grows while it is read is still bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(1 << 20, max + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    return joined(chunks, total, max, realFile!);
  } catch (err) {
    return judge(file, undefined, null, err)!;
  } finally {
    await handle.close();
  }
}

/** The same, synchronously (templates are read while Handlebars compiles). */
export function readConfinedSync(file: string, root: string | null, env: NodeJS.ProcessEnv = process.env): ReadResult {
  let realFile: string | undefined;
  let failure: unknown;
  try {
    realFile = realpathSync(file);
  } catch (err) {
    failure = err;
  }
  let realRoot: string | null = null;
  if (root !== null) {
    try {
      realRoot = realpathSync(root);
    } catch {
      realRoot = path.resolve(root);
    }
  }
  const refused = judge(file, realFile, realRoot, failure);
  if (refused) return refused;
  let fd: number;
  try {
    fd = openSync(realFile!, O_READ);
  } catch (err) {
    return judge(file, undefined, null, err)!;
  }
  try {
    const max = maxInputBytes(env);
    const unfit = statRefusal(fstatSync(fd), file, realFile!, max);
    if (unfit) return unfit;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(1 << 20, max + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const n = readSync(fd, buf, 0, want, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    return joined(chunks, total, max, realFile!);
  } catch (err) {
    return judge(file, undefined, null, err)!;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a folder may be listed: it resolves (links followed) inside `root`. Returns its
 * real path, or null when it is missing, not a folder, or outside.
 */
export function confinedFolderSync(dir: string, root: string | null): { real: string } | { refused: Refusal } {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return { refused: 'missing' };
  }
  if (root !== null) {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      realRoot = path.resolve(root);
    }
    if (!isInside(realRoot, real)) return { refused: 'outside' };
  }
  return { real };
}
