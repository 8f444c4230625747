/**
 * Images read from the project (issue #19): an event's logos and the Markdown images of its
 * descriptions and of minutes (`![alt](images/plan.png)`). Each is resolved against the file
 * that names it, must stay inside the project folder (links resolved), and must be a PNG or a
 * JPEG within IMAGE_LIMITS, read from its header before anything is decoded. A remote address
 * (`http:`, `data:`, `//host`) is never fetched. Each image kept gets a name under `assets/`
 * (two files of one name numbered), which the HTML gives as its `src` and next to which the
 * file is copied.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { stageMessage, type Messages, type Place, type Problem } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import { resolveInside } from '../util/paths.js';
import { IMAGE_LIMITS, imageInfo } from './image.js';
import { parseMarkdown } from './markdown.js';
import { pathProblem } from './path-problem.js';
import { readConfined, refusalRule } from './read.js';

/** An image read from the project: its bytes, type and size, and its name under `assets/` (the model's EventImage). */
export interface ProjectImage {
  name: string;
  bytes: Uint8Array;
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** A scheme (`http:`, `data:`, `file:`…) or a protocol-relative `//host`: never fetched. */
export function isRemoteImage(src: string): boolean {
  return /^\s*([a-z][a-z0-9+.-]*:|\/\/|\\\\)/i.test(src);
}

/** The `assets/` names given so far in one document set (case-insensitive, as file systems may be). */
export class AssetNames {
  private readonly taken = new Set<string>();
  /** The asset name of the file at `abs`, the same for the same file. */
  private readonly byFile = new Map<string, string>();

  /** `prefix`: put before every name (a minutes file's own name, so that minutes built into one folder never share a name). */
  constructor(private readonly prefix = '') {}

  name(abs: string): string {
    const known = this.byFile.get(abs);
    if (known) return known;
    const base =
      (this.prefix ? `${this.prefix}-` : '') +
        path
          .basename(abs)
          .replace(/[^A-Za-z0-9._-]/g, '_')
          .replace(/^\.+/, '') || 'image';
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = base.replace(/(\.[^.]*)?$/, `-${n}$1`);
    this.taken.add(name.toLowerCase());
    const full = `assets/${name}`;
    this.byFile.set(abs, full);
    return full;
  }
}

/**
 * The messages of an image refused ({path}: as written): a remote logo (ref/outside-project),
 * a remote Markdown image (image/remote), a file that is no PNG or JPEG or is too big
 * (image/unsupported).
 */
export const imageMessages = {
  remoteLogo: tx(
    '« {path} » est une adresse distante : coop ne télécharge jamais d’image (le logo est omis) ; attendu : un fichier PNG ou JPEG du dossier du projet.',
    '"{path}" is a remote address: coop never fetches an image (the logo is left out); expected a PNG or JPEG file inside the project folder.',
  ),
  remoteImage: tx(
    '« {path} » est une adresse distante : coop ne télécharge jamais d’image (son texte de remplacement est montré à sa place) ; attendu : un fichier PNG ou JPEG du dossier du projet.',
    '"{path}" is a remote address: coop never fetches an image (its alternative text is shown instead); expected a PNG or JPEG file inside the project folder.',
  ),
  notPngOrJpeg: tx(
    '« {path} » n’est ni un PNG ni un JPEG lisible ; attendu : une image PNG ou JPEG.',
    '"{path}" is not a readable PNG or JPEG; expected a PNG or JPEG image.',
  ),
  tooBig: tx(
    '« {path} » fait {width} × {height} px et {kb} Ko ; attendu : au plus {side} × {side} px, {mb} Mo (une image réduite pour l’impression suffit).',
    '"{path}" is {width} × {height} px and {kb} KB; expected at most {side} × {side} px, {mb} MB (an image reduced for print is enough).',
  ),
} satisfies Messages;

/**
 * Read the image `written` names, relative to `baseDir`, inside `root`: the image, or the
 * problem to report at `place` (remote, outside the project, missing, not PNG/JPEG, too large).
 */
export async function readProjectImage(
  written: string,
  baseDir: string,
  root: string,
  names: AssetNames,
  place: Place,
  env?: NodeJS.ProcessEnv,
  /** A logo at a remote address is an error (the logo is left out); a Markdown image a warning (its alt text shown). */
  remote: 'ref/outside-project' | 'image/remote' = 'ref/outside-project',
): Promise<{ image: ProjectImage } | { problem: Problem }> {
  if (isRemoteImage(written)) {
    const id = remote === 'image/remote' ? 'remoteImage' : 'remoteLogo';
    return { problem: { rule: remote, ...stageMessage(remote, imageMessages, id, { path: written }), place } };
  }
  let target = written.trim();
  try {
    target = decodeURI(target);
  } catch {
    // A stray % stays as written.
  }
  const r = resolveInside(root, baseDir, target, 'file');
  if ('error' in r) return { problem: pathProblem(r.error, written, place) };
  const read = await readConfined(r.abs, root, env);
  if ('refused' in read) return { problem: { rule: refusalRule(read.refused), messageId: read.messageId, message: read.message, place } };
  const info = imageInfo(read.bytes);
  if (!info) {
    return { problem: { rule: 'image/unsupported', ...stageMessage('image/unsupported', imageMessages, 'notPngOrJpeg', { path: written }), place } };
  }
  if (info.width > IMAGE_LIMITS.side || info.height > IMAGE_LIMITS.side || read.bytes.length > IMAGE_LIMITS.bytes) {
    const data = {
      path: written,
      width: String(info.width),
      height: String(info.height),
      kb: (read.bytes.length / 1024).toFixed(0),
      side: String(IMAGE_LIMITS.side),
      mb: String(IMAGE_LIMITS.bytes / 1024 / 1024),
    };
    return { problem: { rule: 'image/unsupported', ...stageMessage('image/unsupported', imageMessages, 'tooBig', data), place } };
  }
  return { image: { name: names.name(r.abs), bytes: read.bytes, type: info.type, width: info.width, height: info.height } };
}

/** A Markdown image as written: its address, its alternative text and its place (1-based, within its text). */
export interface MarkdownImage extends Omit<Place, 'file'> {
  url: string;
  alt: string;
}

/** The images of a Markdown text or tree: their address as written and their place (1-based, within the text). */
export function markdownImages(md: string | Root): MarkdownImage[] {
  if (typeof md === 'string' && !md.includes('](') && !md.includes(']:')) return [];
  const tree = typeof md === 'string' ? parseMarkdown(md) : md;
  const out: MarkdownImage[] = [];
  visit(tree, 'image', (n) => {
    const line = n.position?.start.line ?? 1;
    const column = n.position?.start.column ?? 1;
    out.push({ url: n.url, alt: n.alt ?? '', line, column, endLine: n.position?.end.line ?? line, endColumn: n.position?.end.column ?? column + 1 });
  });
  return out;
}

/**
 * The images found in the Markdown of a model (an event's description texts, a minutes body
 * tree), by model and text: the check stage parses each text once to read its images, and
 * a11y/image-alt asks again for the same texts (markdownImagesOf). Held no longer than the model.
 */
const found = new WeakMap<object, Map<string | Root, MarkdownImage[]>>();

/** The images of `md`, a Markdown text or tree of `owner` (an event or minutes model), found once per model. */
export function markdownImagesOf(owner: object, md: string | Root): MarkdownImage[] {
  let texts = found.get(owner);
  if (!texts) found.set(owner, (texts = new Map()));
  let images = texts.get(md);
  if (!images) texts.set(md, (images = markdownImages(md)));
  return images;
}

/**
 * Read the Markdown images of a model's texts (an event's descriptions, a minutes body) into
 * `owner.images`, by their address as written, each read once: relative to `baseDir`, inside
 * `root`. A file refused is a problem at `placeOf(text, image)`; the image then shows its
 * alternative text (image/remote for a remote address, a warning).
 */
export async function readMarkdownImages<T extends { md: string | Root | null }>(
  owner: { images?: Map<string, ProjectImage> },
  texts: readonly T[],
  placeOf: (text: T, image: MarkdownImage) => Place,
  where: { baseDir: string; root: string; names: AssetNames; env?: NodeJS.ProcessEnv },
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const text of texts) {
    if (!text.md) continue;
    for (const img of markdownImagesOf(owner, text.md)) {
      if (owner.images?.has(img.url)) continue;
      const r = await readProjectImage(img.url, where.baseDir, where.root, where.names, placeOf(text, img), where.env, 'image/remote');
      if ('problem' in r) problems.push(r.problem);
      else (owner.images ??= new Map()).set(img.url, r.image);
    }
  }
  return problems;
}
