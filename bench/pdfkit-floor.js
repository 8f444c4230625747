#!/usr/bin/env node
// The floor of a PDF made by Node with pdfkit (bench/run.js times it as a whole process): a
// minimal script, no coop code, that writes LINES lines of text (default 30; one per item of
// the programme, wrapped over as many A4 pages as needed) in the font coop embeds (DejaVu Sans
// Condensed, subset), to OUT (default /dev/null). What coop adds on top of it is reading and
// checking the event, the layout engine, and its other modules.
// Usage: node bench/pdfkit-floor.js [LINES] [OUT]
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const lines = Number(process.argv[2] ?? 30);
const out = process.argv[3] ?? '/dev/null';
const require = createRequire(import.meta.url);
const font = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSansCondensed.ttf');
const doc = new PDFDocument({ size: 'A4', font, info: { CreationDate: new Date(0) } });
const stream = createWriteStream(out);
doc.pipe(stream);
doc.fontSize(10);
for (let i = 1; i <= lines; i++)
  doc.text(
    `${String(9 + Math.floor(i / 6)).padStart(2, '0')} h ${String((i % 6) * 10).padStart(2, '0')}  Point ${i} : la coopération décentralisée au service des territoires`,
  );
doc.end();
await new Promise((resolve) => stream.on('finish', resolve));
