/** Read a PDF back with pdfjs-dist (no system tool): text per page, fonts, metadata. */
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  size: number;
  y: number;
}

export interface PdfFacts {
  pages: number;
  text: string[];
  /** Positioned text items per page (size from the text matrix, y from the bottom). */
  items: TextItem[][];
  /** Page sizes in points. */
  sizes: Array<[number, number]>;
  fonts: Array<{ name: string; embedded: boolean }>;
  info: Record<string, unknown>;
  outline: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const text: string[] = [];
  const items: TextItem[][] = [];
  const sizes: Array<[number, number]> = [];
  const fonts = new Map<string, boolean>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    items.push(
      content.items.flatMap((it) =>
        'str' in it && it.str.trim() ? [{ str: it.str, size: Math.hypot(it.transform[0], it.transform[1]), y: it.transform[5] }] : [],
      ),
    );
    const [, , w, h] = page.view;
    sizes.push([w, h]);
    const ops = await page.getOperatorList();
    void ops;
    for (const name of Object.keys(content.styles)) {
      const font = page.commonObjs.has(name) ? (page.commonObjs.get(name) as { name?: string; missingFile?: boolean }) : undefined;
      if (font?.name) fonts.set(font.name, !font.missingFile);
    }
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).flatMap(function flat(o: { title: string; items: unknown[] }): string[] {
    return [o.title, ...(o.items as Array<{ title: string; items: unknown[] }>).flatMap(flat)];
  });
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text, items, sizes, fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })), info: meta.info as Record<string, unknown>, outline };
}

export interface PlacedItem {
  str: string;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  width: number;
  size: number;
  /** The embedded font's name (subset tag and all). */
  font: string;
  /** Inside marked content of these tags (Artifact, Lbl…). */
  marks: string[];
}

export interface PdfPage {
  items: PlacedItem[];
  links: Array<{ url: string; rect: [number, number, number, number] }>;
  width: number;
  height: number;
}

/** Every text item of every page with its place, font and marked content; the link annotations. */
export async function readPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    await page.getOperatorList(); // loads the fonts into commonObjs
    const stack: string[] = [];
    const items: PlacedItem[] = [];
    for (const it of content.items) {
      if ('type' in it) {
        if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') stack.push((it as { tag?: string }).tag ?? '');
        else if (it.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (!('str' in it) || it.str === '') continue;
      const f = page.commonObjs.has(it.fontName) ? (page.commonObjs.get(it.fontName) as { name?: string }) : undefined;
      items.push({
        str: it.str,
        x: it.transform[4],
        y: it.transform[5],
        width: it.width,
        size: Math.hypot(it.transform[0], it.transform[1]),
        font: f?.name ?? it.fontName,
        marks: [...stack],
      });
    }
    const annotations = (await page.getAnnotations()) as Array<{ subtype: string; url?: string; rect: [number, number, number, number] }>;
    const [, , w, h] = page.view;
    pages.push({ items, links: annotations.filter((a) => a.subtype === 'Link').map((a) => ({ url: a.url ?? '', rect: a.rect })), width: w, height: h });
  }
  await doc.destroy();
  return pages;
}

export interface Stroke {
  color: string;
  /** Bounding box in page coordinates (origin bottom left). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The stroked paths of each page (rules, underlines, frames), with their colour and extent. */
export async function readStrokes(bytes: Uint8Array): Promise<Stroke[][]> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Stroke[][] = [];
  type M = [number, number, number, number, number, number];
  const mul = (a: M, b: M): M => [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
  const apply = (m: M, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    let color = '#000000';
    const strokes: Stroke[] = [];
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = mul(ctm, args as M);
      else if (fn === OPS.setStrokeRGBColor) color = String(args[0]);
      else if (fn === OPS.constructPath && (args[0] === OPS.stroke || args[0] === OPS.closeStroke)) {
        const [minX, minY, maxX, maxY] = args[2] as number[];
        const [ax, ay] = apply(ctm, minX, minY);
        const [bx, by] = apply(ctm, maxX, maxY);
        strokes.push({ color, x1: Math.min(ax, bx), y1: Math.min(ay, by), x2: Math.max(ax, bx), y2: Math.max(ay, by) });
      }
    });
    out.push(strokes);
  }
  await doc.destroy();
  return out;
}

/** A node of a tagged PDF's structure tree, with the text of its marked content (its own and its descendants'). */
export interface StructNode {
  role: string;
  lang?: string;
  alt?: string;
  children: StructNode[];
  /** Marked-content ids under it, in tree order. */
  ids: string[];
  text: string;
}

export interface StructPage {
  /** The page's part of the structure tree (pdfjs gives one per page), null when untagged. */
  tree: StructNode | null;
  /** Text of each marked-content id, in content-stream order. */
  marked: Array<{ id: string; text: string }>;
  /** Text inside artifacts (header, footer, repeated headers). */
  artifacts: string;
  /** Text outside any marked content (a tagged PDF has none). */
  unmarked: string;
}

/** The structure tree of each page, read back with pdfjs's getStructTree, and where each text is marked. */
export async function readStructure(bytes: Uint8Array): Promise<{ marked: boolean; pages: StructPage[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const info = (await doc.getMarkInfo()) as { Marked?: boolean } | null;
  const pages: StructPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: Array<{ tag: string; id: string | null }> = [];
    const texts = new Map<string, string>();
    const order: string[] = [];
    let artifacts = '';
    let unmarked = '';
    for (const it of content.items) {
      if ('type' in it) {
        const m = it as { type: string; tag?: string; id?: string | null };
        if (m.type === 'beginMarkedContent' || m.type === 'beginMarkedContentProps') {
          stack.push({ tag: m.tag ?? '', id: m.id ?? null });
          if (m.id && !texts.has(m.id)) {
            texts.set(m.id, '');
            order.push(m.id);
          }
        } else if (m.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (!('str' in it)) continue;
      if (stack.some((s) => s.tag === 'Artifact')) artifacts += it.str;
      else {
        const owner = [...stack].reverse().find((s) => s.id);
        if (owner?.id) texts.set(owner.id, texts.get(owner.id)! + it.str);
        else unmarked += it.str;
      }
    }
    type Raw = { role?: string; lang?: string; alt?: string; type?: string; id?: string; children?: Raw[] };
    const convert = (n: Raw): StructNode => {
      const children: StructNode[] = [];
      const ids: string[] = [];
      for (const k of n.children ?? []) {
        if (k.type === 'content' && k.id) ids.push(k.id);
        else if (k.role !== undefined) {
          const c = convert(k);
          children.push(c);
          ids.push(...c.ids);
        }
      }
      return { role: n.role ?? '', lang: n.lang, alt: n.alt, children, ids, text: ids.map((id) => texts.get(id) ?? '').join('') };
    };
    const raw = (await page.getStructTree()) as Raw | null;
    pages.push({ tree: raw ? convert(raw) : null, marked: order.map((id) => ({ id, text: texts.get(id)! })), artifacts, unmarked });
  }
  await doc.destroy();
  return { marked: !!info?.Marked, pages };
}

/** Every node of a structure tree, depth first. */
export function structNodes(n: StructNode | null): StructNode[] {
  if (!n) return [];
  return [n, ...n.children.flatMap(structNodes)];
}

/** A PDF's syntax as read back: its objects, those of its object streams included, and how its cross-reference is written. */
export interface PdfSyntax {
  /** Each object's text (`N 0 obj … endobj` as in the file; an object stream's objects as `N 0 obj` and their dictionary), streams as Latin-1. */
  objects: Map<number, string>;
  /** Every object's text joined: what a test once searched the whole file for. */
  text: string;
  /** Object numbers held by object streams. */
  packed: number[];
  /** The object streams' numbers. */
  objectStreams: number[];
  /** The cross-reference stream's dictionary, or null when the file has a classic table (`xref … trailer`). */
  xrefStream: string | null;
}

/**
 * Read a PDF's objects without a PDF library: the top-level `N 0 obj … endobj` of the file, and
 * the objects of each object stream (`/Type /ObjStm`: inflated, split by its header of numbers
 * and offsets). Meant for tests that look for a dictionary entry (`/Lang`, `/FontFile2`).
 */
export function readSyntax(bytes: Uint8Array): PdfSyntax {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = new Map<number, string>();
  const packed: number[] = [];
  const objectStreams: number[] = [];
  let xrefStream: string | null = null;
  const top = /(?:^|[\r\n])(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = top.exec(raw); m; m = top.exec(raw)) {
    const id = Number(m[1]);
    const body = m[2];
    objects.set(id, `${id} 0 obj\n${body}endobj`);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) continue;
    const dict = body.slice(0, streamAt);
    if (/\/Type\s*\/XRef\b/.test(dict)) xrefStream = dict.trim();
    if (!/\/Type\s*\/ObjStm\b/.test(dict)) continue;
    const n = Number(/\/N (\d+)/.exec(dict)![1]);
    const first = Number(/\/First (\d+)/.exec(dict)![1]);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const dataStart = streamAt + 'stream'.length + (body[streamAt + 6] === '\r' ? 2 : 1);
    const data = inflateSync(Buffer.from(body.slice(dataStart, dataStart + length), 'latin1')).toString('latin1');
    const header = data.slice(0, first).trim().split(/\s+/).map(Number);
    objectStreams.push(id);
    for (let i = 0; i < n; i++) {
      const [num, off] = [header[2 * i], header[2 * i + 1]];
      const end = i + 1 < n ? header[2 * i + 3] : data.length - first;
      objects.set(num, `${num} 0 obj\n${data.slice(first + off, first + end).trim()}\nendobj`);
      packed.push(num);
    }
  }
  return { objects, text: [...objects.values()].join('\n'), packed, objectStreams, xrefStream };
}
