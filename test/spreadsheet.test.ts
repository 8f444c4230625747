/**
 * Attendee workbooks: .xlsx written by exceljs and .ods written as LibreOffice writes it, both
 * made here; read through the library and through the command line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAttendeeFile, type AttendeeFileOptions } from '../src/attendees/file.js';
import { columnLetters } from '../src/attendees/sheet.js';
import { readWorkbook, SHEET_LIMITS } from '../src/attendees/workbook.js';
import { loadAwareSeconds, run } from './helpers.js';
import { makeOds, makeXlsx, odsCell, odsRow, type CellValue } from './workbooks.js';

const whole = { file: 'event.yaml', line: 3, column: 11, endLine: 3, endColumn: 20 };
const options = (o: Partial<AttendeeFileOptions> = {}): AttendeeFileOptions => ({
  sheet: null,
  sheetPlace: null,
  filePlace: whole,
  locale: 'fr',
  ...SHEET_LIMITS,
  ...o,
});
const read = (bytes: Uint8Array, o: Partial<AttendeeFileOptions> = {}) => readAttendeeFile(bytes, '/abs/inscrits', 'inscrits.xlsx', options(o));

// The registration sheet as a secretariat keeps it: a title row, a blank row, the header,
// a phone as a number with France's phone format, a registration date, a row without a name.
const INSCRITS: CellValue[][] = [
  ['Universités d’automne 2016 — liste des inscrits au 12 mai'],
  [],
  ['Civilité', 'Nom', 'Prénom', 'Fonction', 'Organisme', 'Téléphone', 'Inscrit le', 'Tarif'],
  [
    'Mme',
    'de SAINT-EXUPÉRY',
    'Anne',
    'Chargée de mission Afrique',
    'Région Bretagne',
    { value: 299123456, numFmt: '0# ## ## ## ##' },
    new Date(Date.UTC(2016, 4, 12)),
    { value: 1234.5, numFmt: '#,##0.00 €' },
  ],
  ['M.', 'ÉTIENNE', 'Marc', 'Directeur des relations internationales', 'Ville de Nantes', '+33 2 40 41 90 00', new Date(Date.UTC(2016, 4, 13)), 0],
  ['Mme', '', '', 'Chargée de projet', 'Cités Unies France'],
  ['M.', 'OUEDRAOGO', 'Issa', 'Maire adjoint\nchargé de la coopération', 'Ville de Ouagadougou', null, null, null, 'note en marge'],
];

describe('.xlsx attendee lists', () => {
  it('reads the first visible sheet below its title, with numbers and dates as Excel shows them in French', async () => {
    const bytes = await makeXlsx([
      { name: 'Brouillon', rows: [['rien']], state: 'hidden' },
      { name: 'Inscrits', rows: INSCRITS },
    ]);
    const wb = readWorkbook(bytes, 'xlsx', { sheet: null, locale: 'fr', ...SHEET_LIMITS });
    if (!('rows' in wb)) throw new Error(JSON.stringify(wb));
    expect(wb.name).toBe('Inscrits');
    expect(wb.sheets).toEqual(['Brouillon', 'Inscrits']);
    const row4 = Object.fromEntries(wb.rows.find((r) => r.row === 4)!.cells.map((c) => [columnLetters(c.col), c.text]));
    // French grouping is a narrow no-break space, as Excel in French shows it.
    expect(row4).toMatchObject({ F: '02 99 12 34 56', G: '12/05/2016', H: '1\u202f234,50 €' });
    // In English the same cells follow British conventions.
    const en = readWorkbook(bytes, 'xlsx', { sheet: null, locale: 'en', ...SHEET_LIMITS });
    if (!('rows' in en)) throw new Error('unreadable');
    expect(en.rows.find((r) => r.row === 4)!.cells.map((c) => c.text)).toContain('1,234.50 €');

    const { people, problems, workbook } = await read(bytes);
    expect(workbook).toEqual({ format: 'xlsx', sheet: 'Inscrits' });
    expect(people.map((p) => [p.name, p.civility, p.org, p.phone, p.line])).toEqual([
      ['Anne de SAINT-EXUPÉRY', 'Mme', 'Région Bretagne', '02 99 12 34 56', 4],
      ['Marc ÉTIENNE', 'M.', 'Ville de Nantes', '+33 2 40 41 90 00', 5],
      ['Issa OUEDRAOGO', 'M.', 'Ville de Ouagadougou', null, 7],
    ]);
    expect(people[2].role).toBe('Maire adjoint chargé de la coopération');
    // The row without a family name: its row, the name column, the sheet and the cell said.
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'schema/invalid',
        messageId: 'sheetRowWithoutName',
        place: { file: 'inscrits.xlsx', line: 6, column: 2, endLine: 6, endColumn: 3 },
      }),
    ]);
    expect(problems[0].message.fr).toBe('Feuille « Inscrits », cellule B6 : ligne sans nom (colonne « Prénom », « Nom » vide) : la ligne est ignorée.');
    expect(problems[0].message.en).toContain('Sheet "Inscrits", cell B6: row without a name');
  });

  it('reads the sheet `sheet:` names, by name (case and accents aside) or by position', async () => {
    const bytes = await makeXlsx([
      { name: 'Programme', rows: [['Heure', 'Titre']] },
      {
        name: 'Élus',
        rows: [
          ['Nom', 'Fonction'],
          ['Michel DELEBARRE', 'Président'],
        ],
      },
    ]);
    for (const sheet of ['Élus', 'elus', 2]) {
      const r = await read(bytes, { sheet });
      expect(
        r.people.map((p) => p.name),
        String(sheet),
      ).toEqual(['Michel DELEBARRE']);
    }
    // The first sheet has no name column: said at its header.
    const first = await read(bytes);
    expect(first.problems.map((p) => [p.rule, p.messageId, p.place.line, p.place.column])).toEqual([['schema/invalid', 'sheetNoNameColumn', 1, 1]]);
    expect(first.problems[0].note?.fr).toBe(
      'L’en-tête doit figurer dans les 10 premières lignes remplies de la feuille, par exemple « Nom | Prénom | Fonction | Organisme | Courriel ».',
    );
    expect(first.problems[0].message.en).toContain('"Heure", "Titre"');
  });

  it('reports an unknown sheet at `sheet:`, with the sheets it has and a suggestion that works', async () => {
    const bytes = await makeXlsx([
      { name: 'Inscrits', rows: [['Nom'], ['A B']] },
      { name: 'Intervenants', rows: [['Nom']] },
    ]);
    const sheetPlace = { file: 'event.yaml', line: 4, column: 12, endLine: 4, endColumn: 20 };
    const r = await read(bytes, { sheet: 'Inscrit', sheetPlace });
    expect(r.problems).toEqual([expect.objectContaining({ rule: 'ref/unknown', messageId: 'noSheetNamed', place: sheetPlace })]);
    expect(r.problems[0].message.fr).toBe('Le classeur n’a pas de feuille « Inscrit » : ses feuilles sont « Inscrits », « Intervenants ».');
    expect(r.problems[0].note?.en).toBe('Did you mean "Inscrits"?');
    expect((await read(bytes, { sheet: 'Inscrits', sheetPlace })).problems).toEqual([]);
    const third = (await read(bytes, { sheet: 3, sheetPlace })).problems[0];
    expect(third.messageId).toBe('noSheetNumber');
    expect(third.message.en).toBe('The workbook has no sheet number 3: it has 2 ("Inscrits", "Intervenants").');
  });

  it('removes control characters a cell may hide (OOXML _x001B_ escapes)', async () => {
    const bytes = await makeXlsx([
      {
        name: 'F',
        rows: [
          ['Nom', 'Fonction'],
          ['Jean\u001b[2J DUPONT', 'Maire_x001B_[31m'],
        ],
      },
    ]);
    const { people } = await read(bytes);
    expect(people[0].name).toBe('Jean[2J DUPONT');
    expect(people[0].role).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('.ods attendee lists', () => {
  const ods = (rowsXml: string[], name = 'Feuille1') => makeOds([{ name, rowsXml }]);

  it('reads the text cells show, with repeated rows and columns, spaces, comments and line breaks', async () => {
    const bytes = ods([
      odsRow(['Nom', 'Prénom', 'Fonction', 'Organisme']),
      // Two empty rows LibreOffice wrote as one repeated row.
      `<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`,
      `<table:table-row>${odsCell('COL')}${odsCell('Nathalie')}<table:table-cell office:value-type="string"><office:annotation><text:p>à relancer</text:p></office:annotation><text:p>Chargée de coopération</text:p><text:p>Asie du Sud-Est</text:p></table:table-cell>${odsCell('Région  Auvergne-Rhône-Alpes')}</table:table-row>`,
      // The same person on two rows (a repeated filled row): both read, at rows 5 and 6.
      `<table:table-row table:number-rows-repeated="2">${odsCell('DUPONT')}<table:table-cell table:number-columns-repeated="2"/>${odsCell('CUF')}</table:table-row>`,
      // A merged cell: the covered cell is empty.
      `<table:table-row>${odsCell('MARTIN', ' table:number-columns-spanned="2"')}<table:covered-table-cell/>${odsCell('Maire')}</table:table-row>`,
    ]);
    const { people, problems, workbook } = await readAttendeeFile(bytes, '/abs/x.ods', 'inscrits.ods', options());
    expect(problems).toEqual([]);
    expect(workbook).toEqual({ format: 'ods', sheet: 'Feuille1' });
    expect(people.map((p) => [p.name, p.role, p.org, p.line])).toEqual([
      ['Nathalie COL', 'Chargée de coopération Asie du Sud-Est', 'Région Auvergne-Rhône-Alpes', 4],
      ['DUPONT', null, 'CUF', 5],
      ['DUPONT', null, 'CUF', 6],
      ['MARTIN', 'Maire', null, 7],
    ]);
  });

  it('reports a bad row with its sheet, row and column', async () => {
    const bytes = ods([odsRow(['Organisme', 'Nom']), odsRow(['CUF', '']), odsRow(['ARF', 'Jean MARTIN'])], 'Inscrits 2016');
    const { people, problems } = await readAttendeeFile(bytes, '/abs/x.ods', 'inscrits.ods', options());
    expect(people.map((p) => p.name)).toEqual(['Jean MARTIN']);
    expect(problems.map((p) => [p.rule, p.messageId, p.place.line, p.place.column, p.message.fr])).toEqual([
      ['schema/invalid', 'sheetRowWithoutName', 2, 2, 'Feuille « Inscrits 2016 », cellule B2 : ligne sans nom (colonne « Nom » vide) : la ligne est ignorée.'],
    ]);
  });

  it('refuses a password-protected workbook in plain words', async () => {
    const bytes = makeOds([{ name: 'F', rowsXml: [odsRow(['Nom'])] }], { manifestExtra: '<manifest:encryption-data manifest:checksum-type="SHA1"/>' });
    const { problems } = await readAttendeeFile(bytes, '/abs/x.ods', 'x.ods', options());
    expect(problems.map((p) => [p.rule, p.messageId, p.message.en])).toEqual([
      ['syntax/spreadsheet', 'passwordProtected', expect.stringContaining('password')],
    ]);
  });
});

describe('workbooks that are not what they seem', () => {
  it('refuses zip bombs before inflating them, and counts repeated cells', async () => {
    // A shared-strings part of 3 MB of one letter (it compresses to a few kB), read with a 1 MB bound.
    const real = unzipSync(await makeXlsx([{ name: 'F', rows: [['Nom'], ['A B']] }]));
    real['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(3_000_000)}</t></si></sst>`,
    );
    const bomb = zipSync(real);
    expect(bomb.length).toBeLessThan(100_000);
    const r = await readAttendeeFile(bomb, '/abs/x.xlsx', 'x.xlsx', options({ maxBytes: 1024 * 1024 }));
    expect(r.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['syntax/size', 'inflatesTooMuch', 1]]);
    expect(r.problems[0].message.en).toContain('more than 1 MB');
    // A filled cell repeated across 16,000 columns of 100 rows: refused at the cell where the bound is passed.
    const wide = makeOds([
      {
        name: 'F',
        rowsXml: [
          odsRow(['Nom']),
          `<table:table-row table:number-rows-repeated="100">${odsCell('X', ' table:number-columns-repeated="16000"')}</table:table-row>`,
        ],
      },
    ]);
    const t0 = performance.now();
    const w = await readAttendeeFile(wide, '/abs/x.ods', 'x.ods', options({ maxCells: 50_000 }));
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(1) * 1000);
    expect(w.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['syntax/size', 'tooManyCells', 5]]);
    expect(w.problems[0].message.fr).toContain('50\u202f000 cellules');
  });

  it('refuses a DOCTYPE (XML entity bombs), a damaged zip, an old .xls and a Word file, each in its words', async () => {
    const real = unzipSync(await makeXlsx([{ name: 'F', rows: [['Nom'], ['A B']] }]));
    real['xl/sharedStrings.xml'] = strToU8('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;&a;</t></si></sst>');
    const doctype = await readAttendeeFile(zipSync(real), '/abs/x.xlsx', 'x.xlsx', options());
    expect(doctype.problems.map((p) => [p.rule, p.messageId, p.message.en])).toEqual([
      ['syntax/spreadsheet', 'forbiddenXml', expect.stringContaining('DOCTYPE')],
    ]);

    const good = await makeXlsx([{ name: 'F', rows: [['Nom'], ['A B']] }]);
    const damaged = await readAttendeeFile(good.slice(0, good.length - 200), '/abs/x.xlsx', 'x.xlsx', options());
    expect(damaged.problems.map((p) => [p.rule, p.messageId, p.message.fr])).toEqual([
      ['syntax/spreadsheet', 'zipUnreadable', expect.stringContaining('endommagé')],
    ]);

    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(500).fill(0)]);
    const old = (await readAttendeeFile(xls, '/abs/x.xls', 'x.xls', options())).problems[0];
    expect(old.messageId).toBe('oldExcel');
    expect(old.message.fr).toContain('ancien classeur Excel (.xls');

    const word = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    const office = (await readAttendeeFile(word, '/abs/x.docx', 'x.docx', options())).problems[0];
    expect(office.messageId).toBe('officeDocument');
    expect(office.message.en).toContain('office document');
  });

  it('reads a workbook saved under a .csv name as the workbook it is', async () => {
    const bytes = await makeXlsx([{ name: 'F', rows: [['Nom'], ['Anne MARTIN']] }]);
    const r = await readAttendeeFile(bytes, '/abs/x.csv', 'x.csv', options());
    expect(r.people.map((p) => p.name)).toEqual(['Anne MARTIN']);
  });
});

describe('workbooks from the command line', () => {
  const event = (file: string, extra = '') =>
    `event: { title: Réunion, capacity: 40 }\nattendees:\n  - file: ${file}\n${extra}days:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n`;

  it('checks and builds from an .xlsx list; `sheet:` on a CSV is refused at the key, and its note fixes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-xlsx-'));
    writeFileSync(path.join(dir, 'inscrits.xlsx'), await makeXlsx([{ name: 'Inscrits', rows: INSCRITS }]));
    writeFileSync(path.join(dir, 'event.yaml'), event('inscrits.xlsx'));
    const check = await run(['check', '--format', 'json', 'event.yaml'], dir);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).diagnostics).toEqual([
      expect.objectContaining({
        file: 'inscrits.xlsx',
        line: 6,
        column: 2,
        rule: 'schema/invalid',
        messageId: 'sheetRowWithoutName',
        message: expect.stringContaining('Feuille « Inscrits », cellule B6'),
      }),
    ]);
    const text = await run(['check', 'event.yaml'], dir);
    expect(text.stdout).toContain('inscrits.xlsx:6:2  error  Feuille « Inscrits », cellule B6');
    const out = path.join(dir, 'out');
    const build = await run(['build', 'event.yaml', '--draft', '-o', out, '--only', 'participants.html'], dir);
    expect(build.code).toBe(1);
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(path.join(out, 'participants.html'), 'utf8');
    for (const n of ['SAINT-EXUPÉRY', 'ÉTIENNE', 'OUEDRAOGO']) expect(html).toContain(n);

    writeFileSync(path.join(dir, 'liste.csv'), 'Nom\nAnne MARTIN\n');
    writeFileSync(path.join(dir, 'event.yaml'), event('liste.csv', '    sheet: Inscrits\n'));
    const csv = JSON.parse((await run(['check', '--format', 'json', '--lang', 'en', 'event.yaml'], dir)).stdout).diagnostics;
    expect(csv).toEqual([expect.objectContaining({ file: 'event.yaml', line: 4, column: 12, rule: 'schema/invalid', note: 'Remove the `sheet` key.' })]);
    writeFileSync(path.join(dir, 'event.yaml'), event('liste.csv'));
    expect(JSON.parse((await run(['check', '--format', 'json', 'event.yaml'], dir)).stdout).diagnostics).toEqual([]);
  });
});

describe('the example workbook', () => {
  const repo = path.join(import.meta.dirname, '..');
  const dir = path.join(repo, 'examples/universites-automne');

  it('is what scripts/make-xlsx.mjs writes from the CSV, byte for byte', async () => {
    const { execFileSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'coop-mk-')), 'p.xlsx');
    execFileSync(process.execPath, [path.join(repo, 'scripts/make-xlsx.mjs'), out], { stdio: 'ignore' });
    expect(Buffer.compare(readFileSync(out), readFileSync(path.join(dir, 'participants.xlsx')))).toBe(0);
  });

  it('gives the attendees the CSV gives, with the phones it adds', async () => {
    const { readFileSync } = await import('node:fs');
    const { readAttendeesCsv } = await import('../src/attendees/csv.js');
    const xlsx = await readAttendeeFile(readFileSync(path.join(dir, 'participants.xlsx')), 'x', 'participants.xlsx', options());
    const csv = readAttendeesCsv(readFileSync(path.join(dir, 'participants.csv')), 'x', 'participants.csv');
    expect(xlsx.problems).toEqual([]);
    expect(xlsx.people.map(({ phone, line, ...p }) => p)).toEqual(csv.people.map(({ phone, line, ...p }) => p));
    expect(xlsx.people[0].phone).toBe('02 99 12 34 56');
    expect(xlsx.people.map((p) => p.line)).toEqual([4, 5, 6, 7, 8]);
  });
});
