/**
 * Drawing: a page's placed slices replayed as content operators. Decorations first (fills of
 * shaded blocks and rows, over the part of them the page holds), then the boxes of every slice
 * (text, rules), then frames; links and bookmarks where their text landed. Text is marked
 * content of its structure element (see structure.ts); decoration, link underlines and
 * repeated table headers are artifacts.
 */
import { type Box, type Group, type ImageBox, type LineBox } from './boxes.js';
import { linkAnnotationOptions, useImageOnPage } from './pdfkit-internals.js';
import { shift } from './flow.js';
import { familyOfFont } from './scripts.js';
import type { Placed } from './paginate.js';
import { scriptLang, type AnnotationParent, type StructureTree } from './structure.js';
import { num, rgb, type TextWriter } from './text.js';

type Doc = PDFKit.PDFDocument;

interface LinkArea {
  x: number;
  y: number;
  w: number;
  h: number;
  url: string;
  parent: AnnotationParent | null;
}

export class Painter {
  private outlineParent: PDFKit.PDFOutline | null = null;
  /** The marked content open in the line being drawn: its element and language/link, so that the line's next item of the same one continues it. */
  private openKey: string | null = null;
  private openTag: LineBox['tag'] = null;

  constructor(
    private readonly doc: Doc,
    private readonly text: TextWriter,
    private readonly tree: StructureTree,
  ) {}

  /** Draw a page's slices (the page is the document's current page). */
  page(placed: readonly Placed[]): void {
    const doc = this.doc;
    const H = doc.page.height;
    const spans = new Map<Group, { top: number; bottom: number; artifact: boolean }>();
    for (const p of placed) {
      if (!p.slice.groups) continue;
      for (const g of p.slice.groups) {
        const s = spans.get(g);
        if (s) s.bottom = p.y + p.slice.height;
        else spans.set(g, { top: p.y, bottom: p.y + p.slice.height, artifact: !!p.slice.artifact });
      }
    }
    const ops: string[] = [`q 1 0 0 -1 0 ${num(H)} cm`];
    // Decorations as compact paths: fills under the content, frames over it, each one artifact.
    const under: string[] = [];
    const over: string[] = [];
    for (const [g, s] of spans) decoration(g, s.top, s.bottom, H, under, over);
    if (under.length) ops.push(`/Artifact BMC ${under.join(' ')} EMC`);
    this.tree.page();
    const links: LinkArea[] = [];
    const outline: Array<{ title: string; level: 1 | 2 }> = [];
    const decor: Box[] = [];
    for (const p of placed) {
      for (const b of p.slice.boxes) {
        if (b.kind === 'outline') {
          outline.push(b);
          continue;
        }
        if (b.kind === 'image') {
          this.close(ops);
          this.image(ops, b, p.y, H, !!p.slice.artifact);
          continue;
        }
        if (b.kind === 'anchor') {
          if (!p.slice.artifact) this.tree.touch(b.tag);
          continue;
        }
        if (b.kind === 'line') {
          if (decor.length) {
            this.close(ops);
            this.boxes(ops, decor.splice(0), 0, 'Artifact');
          }
          if (p.slice.artifact || b.artifact) {
            this.close(ops);
            ops.push('/Artifact BMC');
            this.line(ops, b, p.y, H, null);
            ops.push('EMC');
          } else this.line(ops, b, p.y, H, links);
        } else decor.push(p.y === 0 ? b : shift(b, p.y));
      }
    }
    this.close(ops);
    if (decor.length) this.boxes(ops, decor, 0, 'Artifact');
    if (over.length) ops.push(`/Artifact BMC ${over.join(' ')} EMC`);
    ops.push('Q');
    doc.addContent(ops.join('\n'));
    for (const l of links) doc.link(l.x, l.y, l.w, l.h, l.url, l.parent ? linkAnnotationOptions(l.parent, l.url) : undefined);
    for (const o of outline) {
      if (o.level === 1) this.outlineParent = doc.outline.addItem(o.title);
      else (this.outlineParent ?? doc.outline).addItem(o.title);
    }
  }

  /** Decoration boxes (rects, rules) at `dy`, as an artifact. */
  private boxes(ops: string[], boxes: readonly Box[], dy: number, mark: string): void {
    const H = this.doc.page.height;
    ops.push(`/${mark} BMC`);
    for (const b of boxes) {
      if (b.kind === 'rect') {
        ops.push(`${rgb(b.color)} rg ${num(b.x)} ${num(H - (b.y + dy + b.h))} ${num(b.w)} ${num(b.h)} re f`);
      } else if (b.kind === 'rule') {
        const dash = b.dash ? `[${num(b.dash)}] 0 d ` : '';
        ops.push(`q ${dash}${num(b.width)} w ${rgb(b.color)} RG ${num(b.x1)} ${num(H - (b.y1 + dy))} m ${num(b.x2)} ${num(H - (b.y2 + dy))} l S Q`);
      } else if (b.kind === 'line') {
        this.line(ops, b, dy, H, null);
      }
    }
    ops.push('EMC');
  }

  /**
   * A line of text: each item at its place on the baseline; links underlined and clickable.
   * With `links` (body text), items are marked content of their structure element: one marked
   * sequence for consecutive items of one element, language and link.
   */
  line(ops: string[], b: LineBox, dy: number, H: number, links: LinkArea[] | null): void {
    const top = b.y + dy;
    const baseline = top + b.line.ascent;
    let underlines: string[] | null = null;
    for (const item of b.line.items) {
      const x = b.x + item.x;
      const url = item.run.link;
      if (links && this.tree.enabled) {
        const lang = item.run.lang ?? scriptLang(item.text, familyOfFont(item.run.font) === 'cjk');
        const key = lang === null && url === null ? '' : `${lang ?? ''}|${url ?? ''}`;
        if (key !== this.openKey || b.tag !== this.openTag) {
          this.close(ops);
          ops.push(this.tree.open(b.tag, lang, url));
          this.openKey = key;
          this.openTag = b.tag;
        }
      }
      ops.push(this.text.itemOps(item, x, H - baseline, b.line.wordSpacing));
      if (url && links) {
        // Under this piece of the link only (a URL broken over lines has one per line).
        const size = item.run.size;
        const lw = size < 10 ? 0.5 : Math.floor(size / 10);
        const uy = baseline + 0.236 * size - lw - item.run.rise;
        const w = item.width;
        (underlines ??= []).push(`q ${num(lw)} w ${rgb(item.run.color)} RG ${num(x)} ${num(H - uy)} m ${num(x + w)} ${num(H - uy)} l S Q`);
        links.push({ x, y: top, w, h: b.line.ascent + b.line.descent, url, parent: this.tree.enabled ? this.tree.linkParent() : null });
      }
    }
    // Each line its own marked content: a sequence running on to the next line would join the
    // last word of one to the first of the next in the text a reader extracts ("lesprochaines").
    this.close(ops);
    if (underlines) ops.push(`/Artifact BMC ${underlines.join(' ')} EMC`);
  }

  /** An image with its top left at (b.x, b.y + dy): a Figure (its Alt on the element), or an artifact without alternative text. */
  private image(ops: string[], b: ImageBox, dy: number, H: number, artifact: boolean): void {
    const name = useImageOnPage(this.doc, b.bytes);
    const open = !artifact && b.tag && this.tree.enabled ? this.tree.open(b.tag) : '/Artifact BMC';
    // PDF space (y up, as the text and rules here): the image's unit square scaled and placed.
    ops.push(`${open} q ${num(b.w)} 0 0 ${num(b.h)} ${num(b.x)} ${num(H - (b.y + dy + b.h))} cm /${name} Do Q EMC`);
  }

  /** End the marked content left open. */
  private close(ops: string[]): void {
    if (this.openKey === null) return;
    ops.push('EMC');
    this.openKey = null;
    this.openTag = null;
  }
}

/** A decoration over [top, bottom) of its page, as path operators (PDF space: y up). */
function decoration(g: Group, top: number, bottom: number, H: number, under: string[], over: string[]): void {
  const padX = g.padX ?? 0;
  const padY = g.padY ?? 0;
  const h = bottom - top + 2 * padY;
  const y = H - (bottom + padY);
  if (g.fill) under.push(`${rgb(g.fill)} rg ${num(g.x - padX)} ${num(y)} ${num(g.width + 2 * padX)} ${num(h)} re f`);
  if (g.border) under.push(`${rgb(g.border)} rg ${num(g.x - padX)} ${num(y)} 2.2 ${num(h)} re f`);
  if (g.cells) for (const c of g.cells) under.push(`${rgb(c.color)} rg ${num(c.x)} ${num(H - bottom)} ${num(c.w)} ${num(bottom - top)} re f`);
  if (g.frame) {
    // The frame and the column rules as one path.
    const yb = num(H - bottom);
    const yt = num(H - top);
    const path = [`q 0.4 w ${rgb(g.frame.color)} RG ${num(g.x)} ${yb} ${num(g.width)} ${num(bottom - top)} re`];
    for (const cx of g.frame.columns) path.push(`${num(cx)} ${yb} m ${num(cx)} ${yt} l`);
    path.push('S Q');
    over.push(path.join(' '));
  }
}
