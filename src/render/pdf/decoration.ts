/**
 * Page decoration, drawn when a page starts (under its content), all of it an artifact: the
 * running header, the footer (the document's title and "page i / n"), the PROJET mark. Their
 * text goes through the same typography, script fallback and line layout as the body, so a
 * Chinese title prints in Chinese on every page.
 */
import type { DocumentTree } from '../document.js';
import { labels } from '../labels.js';
import type { ElementContent } from 'hast';
import { applyTypography, splitOrdinals, type Locale } from '../../typography/index.js';
import type { Frame } from './layout.js';
import { layoutLines, type Line, type TextRun } from './lines.js';
import { refData, useXObjectOnPage } from './pdfkit-internals.js';
import { collectRuns, plainRuns } from './runs.js';
import { MUTED, ROOT_STYLE } from '../styles.js';
import { num, type TextWriter } from './text.js';

type Doc = PDFKit.PDFDocument;

const SIZE = 8;
const style = { ...ROOT_STYLE, size: SIZE, color: MUTED };

/**
 * One line of `text` at most `width` wide: cut at the last space that fits, with an ellipsis.
 * Linear in the length of the text, whatever it is (a 200 KB title).
 */
function oneLine(text: string, width: number, locale: Locale): Line | null {
  // Ordinals raised as in the body ("1er").
  const nodes: ElementContent[] = splitOrdinals(text, locale).map((p) =>
    p.sup ? { type: 'element', tagName: 'sup', properties: {}, children: [{ type: 'text', value: p.text }] } : { type: 'text', value: p.text },
  );
  const runs = collectRuns(nodes, style, []);
  if (runs.length === 0) return null;
  const lines = layoutLines(runs, { width, align: 'left', lineGap: 0 });
  if (lines.length <= 1) return lines[0] ?? null;
  const ellipsis = plainRuns('…', style);
  // The first line, made narrower by the ellipsis, then the ellipsis after it.
  const head = layoutLines(runs, { width: width - 10, align: 'left', lineGap: 0 })[0];
  const items = head.items.map((i) => ({ ...i }));
  const last = items[items.length - 1];
  const x = last ? last.x + last.width : 0;
  const dots = layoutLines(ellipsis, { width, align: 'left', lineGap: 0 })[0];
  for (const d of dots.items) items.push({ ...d, x: x + d.x });
  return { ...head, items, width: x + dots.width };
}

function rightAligned(line: Line, width: number): Line {
  const dx = width - line.width;
  return { ...line, items: line.items.map((i) => ({ ...i, x: i.x + dx })) };
}

export class Decoration {
  private readonly header: Line | null;
  private readonly footer: Line | null;
  private readonly draft: Line | null;
  private readonly label: string;

  constructor(
    private readonly pdf: Doc,
    private readonly doc: DocumentTree,
    private readonly text: TextWriter,
    private readonly total: PDFKit.PDFKitReference,
    private readonly frame: Frame,
    private readonly margins: { top: number; bottom: number },
  ) {
    const l = labels[doc.locale];
    this.label = l.page;
    // The running header and footer are the document's words too: French typography (’, « »,
    // thin spaces) as in the body.
    this.header = !doc.bare && doc.header ? oneLine(applyTypography(doc.header, doc.locale), frame.width, doc.locale) : null;
    this.footer = !doc.bare ? oneLine(applyTypography(doc.title, doc.locale), frame.width - 80, doc.locale) : null;
    this.draft = doc.draft
      ? (layoutLines(plainRuns(l.draft, { ...ROOT_STYLE, size: 110, bold: true, color: '#cc0000' }), {
          width: frame.pageWidth,
          align: 'center',
          lineGap: 0,
        })[0] ?? null)
      : null;
  }

  /** Draw the decoration of page `i` (the current page). */
  draw(i: number): void {
    const pdf = this.pdf;
    const { pageWidth: width, pageHeight: height, left } = this.frame;
    const right = left + this.frame.width;
    const ops: string[] = [];
    const flip = `1 0 0 -1 0 ${num(height)} cm`;
    const line = (l: Line, x: number, top: number) => {
      for (const item of l.items) ops.push(this.text.itemOps(item, x + item.x, height - (top + l.ascent), l.wordSpacing));
    };
    if (this.draft) {
      pdf.save();
      pdf.rotate(-35, { origin: [width / 2, height / 2] });
      pdf.fillOpacity(0.12);
      const d = this.draft;
      const dOps: string[] = [];
      for (const item of d.items) dOps.push(this.text.itemOps(item, item.x, height - (height / 2 - 60 + d.ascent), 0));
      pdf.addContent(`/Artifact <</Type /Pagination /Subtype /Watermark>> BDC q ${flip} ${dOps.join(' ')} Q EMC`);
      pdf.restore();
    }
    if (this.doc.bare) return;
    if (this.header) {
      line(this.header, left, this.margins.top - 30);
      ops.push(rule(left, this.margins.top - 18, right, height));
    }
    const y = height - this.margins.bottom + 22;
    if (this.footer) line(this.footer, left, y);
    // "page 3 / " right-aligned before room for the total, which the form XObject draws.
    const reserve = 22;
    const label = layoutLines(plainRuns(`${this.label} ${i} /`, style), { width: 200, align: 'left', lineGap: 0 })[0];
    const labelLine = rightAligned(label, 90);
    line(labelLine, right - reserve - 2 - 90, y);
    ops.push(rule(left, height - this.margins.bottom + 14, right, height));
    pdf.addContent(`/Artifact <</Type /Pagination>> BDC q ${flip} ${ops.join(' ')} Q`);
    useXObjectOnPage(pdf, 'CoopTotal', this.total);
    const baseline = y + label.ascent;
    pdf.addContent(`q 1 0 0 -1 ${num(right - reserve)} ${num(baseline)} cm /CoopTotal Do Q EMC`);
  }

  /** The total page count, written into the form XObject every footer shows. */
  fillTotal(pages: number): void {
    const runs: TextRun[] = plainRuns(String(pages), style);
    const l = layoutLines(runs, { width: 100, align: 'left', lineGap: 0 })[0];
    const font = this.text.font(l.items[0].run.font);
    const ops = l.items.map((item) => this.text.itemOps(item, item.x, 0, 0)).join(' ');
    refData(this.total).Resources = { Font: { [font.id]: font.ref() } };
    this.total.end(ops);
  }
}

function rule(x1: number, y: number, x2: number, height: number): string {
  return `q 0.4 w 0.733333 0.733333 0.733333 RG ${num(x1)} ${num(height - y)} m ${num(x2)} ${num(height - y)} l S Q`;
}
