/**
 * The PDF back end: the same document tree the HTML page is made from, laid out on A4 pages.
 *
 *   layout.ts, tables.ts  the tree to a flow of slices (lines, rows, kept blocks) with their boxes
 *   lines.ts, runs.ts     inline content to runs, runs to lines (every text, every script)
 *   paginate.ts           slices to pages (keeps, orphans and widows, repeated table headers)
 *   draw.ts, text.ts      a page's boxes to content operators (glyphs encoded once per document)
 *   decoration.ts         running header, footer "page i / n", the PROJET mark
 *   structure.ts          the structure tree of the tagged PDF (PDF/UA-1), in reading order
 *   fonts.ts, scripts.ts  fonts shared by the documents of a build; font fallback and bidi
 *   pdfkit-internals.ts   the pdfkit and fontkit internals used, typed in one place
 *
 * Layout measures each element once and drawing replays what it measured: a page never holds
 * more or less than pagination decided.
 */
import PDFDocument from 'pdfkit';
// Title, author and subject escaped in the XMP packet (pdfkit copies them raw): every PDF coop makes.
import { identify } from '../xmp.js';
import type { DocumentTree } from '../document.js';
import { tag } from './boxes.js';
import { Decoration } from './decoration.js';
import { Painter } from './draw.js';
import { Flow } from './flow.js';
import { fontFiles, parsedFont, type FontKey } from './fonts.js';
import { Layout, type Frame } from './layout.js';
import { Paginator, type PageInfo } from './paginate.js';
import { aliasDefaultFont, asFontSource, dictOf, packObjects } from './pdfkit-internals.js';
import { StructureTree } from './structure.js';
import { ROOT_STYLE } from '../styles.js';
import { TextWriter } from './text.js';

export type { PageInfo } from './paginate.js';

const MARGIN = { top: 62, bottom: 62, left: 56, right: 56 };
const NO_MARGIN = { top: 0, bottom: 0, left: 0, right: 0 };
/** The timetable grid's page: narrow margins, room for the footer. */
const COMPACT_MARGIN = { top: 36, bottom: 48, left: 36, right: 36 };
const A4 = { width: 595.28, height: 841.89 };
const A3 = { width: 841.89, height: 1190.55 };

export interface PdfOptions {
  onPage?: (page: number) => void;
  /** Filled with how each page ended (tests: no page ends half empty without a reason). */
  pages?: PageInfo[];
  /** PDF/A-2 level A (archiving) as well as PDF/UA-1 (`--pdfa`, `documents: { pdfa: true }`). */
  pdfa?: boolean;
  /** Tests and the bench only: no structure tree (to measure what tagging costs). */
  untagged?: boolean;
}

export async function renderPdf(doc: DocumentTree, opts: PdfOptions = {}): Promise<Uint8Array> {
  const margins = doc.bare ? NO_MARGIN : doc.compact ? COMPACT_MARGIN : MARGIN;
  const paper = doc.paper === 'a3' ? A3 : A4;
  const pdf = new PDFDocument({
    size: doc.paper === 'a3' ? 'A3' : 'A4',
    layout: doc.landscape ? 'landscape' : 'portrait',
    margins,
    // Pages are not buffered: each is drawn when pagination has completed it and written out
    // when the next one starts, so a 5,000-page sign-in sheet does not sit in memory. The total
    // in "page i / n" is a form XObject filled in once the last page is known.
    bufferPages: false,
    autoFirstPage: false,
    // The document's first font is ours: pdfkit would otherwise read and parse Helvetica's
    // metrics for every document, to never use them.
    font: asFontSource(parsedFont('regular')),
    lang: doc.locale === 'en' ? 'en-GB' : 'fr-FR',
    displayTitle: true,
    pdfVersion: '1.7',
    // Tagged (PDF/UA-1); pdfkit writes one identification, the other is added by xmp.ts.
    tagged: !opts.untagged,
    subset: (opts.untagged ? undefined : opts.pdfa ? 'PDF/A-2a' : 'PDF/UA') as PDFKit.Mixins.PDFSubsets | undefined,
    info: {
      Title: doc.title,
      Author: doc.author,
      Subject: doc.subject,
      Creator: 'coop',
      Producer: 'coop (pdfkit)',
      CreationDate: doc.date,
      ModDate: doc.date,
    },
  });
  for (const key of Object.keys(fontFiles) as FontKey[]) pdf.registerFont(key, asFontSource(parsedFont(key)));
  aliasDefaultFont(pdf, 'regular');
  // Dictionaries in object streams, a cross-reference stream (PDF 1.5): see packObjects.
  packObjects(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const [pw, ph] = doc.landscape ? [paper.height, paper.width] : [paper.width, paper.height];
  const frame: Frame = {
    top: margins.top,
    bottom: ph - margins.bottom,
    left: margins.left,
    width: pw - margins.left - margins.right,
    pageWidth: pw,
    pageHeight: ph,
  };
  // Fallback fonts (CJK, Arabic) are registered, and read, only when a document draws with them.
  const writer = new TextWriter(pdf, (name) => {
    if (!(name in fontFiles)) pdf.registerFont(name, asFontSource(parsedFont(name)));
  });
  const root = tag('Document', null);
  const tree = new StructureTree(pdf, doc.locale, root, !opts.untagged);
  if (!opts.untagged) identify(pdf, { pdfa: !!opts.pdfa, modified: doc.date });
  const total = pdf.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, -4, 120, 12] });
  const decoration = new Decoration(pdf, doc, writer, total, frame, margins);
  let pages = 0;
  pdf.on('pageAdded', () => {
    // Tab order follows the structure (PDF/UA, pages with links).
    if (!opts.untagged) dictOf(pdf.page.dictionary).Tabs = 'S';
    decoration.draw(++pages);
    opts.onPage?.(pages);
  });
  const painter = new Painter(pdf, writer, tree);
  const paginator = new Paginator(frame.top, frame.bottom, (placed, info) => {
    pdf.addPage();
    painter.page(placed);
    opts.pages?.push(info);
  });
  const flow = new Flow((s) => paginator.add(s));
  const layout = new Layout(frame, doc.images);
  // Part by part: a long sign-in sheet sheet by sheet (see DocumentBody.parts).
  for (const part of doc.body.parts()) layout.blocks(part.children as Parameters<Layout['blocks']>[0], frame.left, frame.width, ROOT_STYLE, [], flow, root);
  paginator.finish();
  decoration.fillTotal(pages);
  tree.finish();
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
