/**
 * Workbooks made by the tests themselves: `.xlsx` by exceljs (a writer coop did not write),
 * `.ods` as LibreOffice Calc writes it (stored `mimetype` first, `content.xml` with repeated
 * rows and columns, `text:s` spaces, comments, covered cells), zipped by fflate.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

export type CellValue = string | number | Date | boolean | null | { value: number | Date; numFmt: string };

export interface XlsxSheet {
  name: string;
  rows: CellValue[][];
  state?: 'visible' | 'hidden';
}

export async function makeXlsx(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'coop tests';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof v === 'object' && !(v instanceof Date)) {
          cell.value = v.value;
          cell.numFmt = v.numFmt;
        } else cell.value = v;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell as LibreOffice writes it: the shown text in text:p, runs of spaces as text:s. */
export function odsCell(shown: string, extra = ''): string {
  if (shown === '') return `<table:table-cell${extra}/>`;
  const paras = shown.split('\n').map((p) => `<text:p>${esc(p).replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)}</text:p>`);
  return `<table:table-cell office:value-type="string" calcext:value-type="string"${extra}>${paras.join('')}</table:table-cell>`;
}

export interface OdsSheet {
  name: string;
  /** Raw `<table:table-row>` XML, one per entry (use odsRow for the usual case). */
  rowsXml: string[];
}

export function odsRow(cells: string[], extra = ''): string {
  return `<table:table-row table:style-name="ro1"${extra}>${cells.map((c) => odsCell(c)).join('')}<table:table-cell table:number-columns-repeated="1016"/></table:table-row>`;
}

export function makeOds(sheets: OdsSheet[], opts: { manifestExtra?: string } = {}): Uint8Array {
  const tables = sheets
    .map(
      (s) =>
        `<table:table table:name="${esc(s.name)}" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="6" table:default-cell-style-name="Default"/>${s.rowsXml.join('')}<table:table-row table:style-name="ro1" table:number-rows-repeated="1048560"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`,
    )
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>${tables}<table:named-expressions/></office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${opts.manifestExtra ?? ''}</manifest:file-entry></manifest:manifest>`;
  return zipSync(
    {
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(content),
      'META-INF/manifest.xml': strToU8(manifest),
    },
    { mtime: new Date('2016-05-19T12:00:00Z') },
  );
}
