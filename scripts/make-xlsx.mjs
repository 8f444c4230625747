// Writes examples/universites-automne/participants.xlsx from participants.csv, as a
// registration spreadsheet looks: a title row, the header in bold, phones as numbers with
// France's phone format, a registration date. Regenerate with `npm run make:xlsx` (or
// `node scripts/make-xlsx.mjs OUT.xlsx` to write elsewhere; needs the
// dev dependencies: exceljs writes the workbook). The bytes are reproducible: the workbook's
// dates are fixed and the zip is re-packed with a fixed date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'examples/universites-automne');
const date = new Date('2016-09-15T00:00:00Z');

const csv = readFileSync(path.join(dir, 'participants.csv'), 'utf8').replace(/^\ufeff/, '');
const parseLine = (line) => {
  const cells = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ';' && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells;
};
const [header, ...rows] = csv
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
  .map(parseLine);

// Phones and registration dates the CSV does not have, as a secretariat's sheet would.
const phones = [299123456, 240419000, 478636000, 153806300, null];
const registered = ['2016-09-01', '2016-09-02', '2016-09-05', '2016-09-05', '2016-09-12'];

const wb = new ExcelJS.Workbook();
wb.creator = 'ARRICOD';
wb.created = date;
wb.modified = date;
const ws = wb.addWorksheet('Inscrits');
ws.addRow(['Universités d’automne 2016 — liste des inscrits']).font = { bold: true, size: 14 };
ws.addRow([]);
const head = ws.addRow([...header, 'Téléphone', 'Inscrit le']);
head.font = { bold: true };
rows.forEach((r, i) => {
  const row = ws.addRow([...r, phones[i] ?? null, new Date(`${registered[i]}T00:00:00Z`)]);
  row.getCell(header.length + 1).numFmt = '0# ## ## ## ##';
  row.getCell(header.length + 2).numFmt = 'dd/mm/yyyy';
});
ws.columns.forEach((c) => (c.width = 24));
// A second sheet a registration workbook often has: coop reads the first one unless `sheet:` says otherwise.
wb.addWorksheet('Ateliers').addRows([
  ['Atelier', 'Inscrits'],
  ['A. Coopération économique', 3],
  ['B. Évaluer l’impact', 2],
]);

const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
const fixed = Object.fromEntries(
  Object.entries(files).map(([name, data]) => {
    // exceljs writes the time of writing in docProps/core.xml whatever `created` says for some fields.
    if (name === 'docProps/core.xml') {
      const xml = new TextDecoder()
        .decode(data)
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}$2`);
      return [name, [new TextEncoder().encode(xml), { mtime: date }]];
    }
    return [name, [data, { mtime: date }]];
  }),
);
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(dir, 'participants.xlsx');
writeFileSync(out, zipSync(fixed, { level: 6, mtime: date }));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
