/**
 * Attendee CSVs in the encodings spreadsheets write: the bytes are made here by iconv-lite's
 * encoder (not by coop), as Excel or LibreOffice would save the same list.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readAttendeesCsv } from '../src/attendees/csv.js';
import { decodeSheetText } from '../src/source/encoding.js';
import { run } from './helpers.js';

// What a French secretariat's list holds: accents, œ, €, the typographic apostrophe, « ».
const LIST = [
  'Civilité;Nom;Prénom;Fonction;Organisme',
  'Mme;LEFÈVRE;Anne-Cécile;Chargée de mission « Europe »;Région Île-de-France',
  'M.;BŒUF;François;Trésorier (cotisation 50 €);Maison de l’Économie',
  'Mme;N’DIAYE;Aïssata;Déléguée aux vœux;Ville de Saint-Étienne',
].join('\r\n');

const read = (bytes: Uint8Array) => readAttendeesCsv(bytes, '/abs/liste.csv', 'liste.csv');
const names = (bytes: Uint8Array) => read(bytes).people.map((p) => `${p.name} | ${String(p.role)} | ${String(p.org)}`);
const expected = [
  'Anne-Cécile LEFÈVRE | Chargée de mission « Europe » | Région Île-de-France',
  'François BŒUF | Trésorier (cotisation 50 €) | Maison de l’Économie',
  'Aïssata N’DIAYE | Déléguée aux vœux | Ville de Saint-Étienne',
];

describe('CSV encodings', () => {
  it('reads Windows-1252, as Excel saves "CSV (séparateur : point-virgule)", with œ, € and ’ right', () => {
    const bytes = iconv.encode(LIST, 'windows-1252');
    expect([...bytes].filter((b) => b >= 0x80 && b <= 0x9f)).toEqual(expect.arrayContaining([0x8c, 0x80, 0x92, 0x9c])); // Œ € ’ œ
    expect(names(bytes)).toEqual(expected);
    const { problems } = read(bytes);
    expect(problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['attendees/encoding', 'readAs', 1]]);
    expect(problems[0].message.fr).toContain('Windows-1252');
    expect(problems[0].message.en).toContain('Windows-1252');
  });

  it('reads ISO-8859-15 (Latin-9), where œ and € have other bytes', () => {
    const bytes = iconv.encode(LIST.replace(/[’«»]/g, "'"), 'iso-8859-15');
    expect(bytes.includes(0xbd)).toBe(true); // œ
    expect(bytes.includes(0xa4)).toBe(true); // €
    expect(names(bytes)).toEqual(expected.map((e) => e.replace(/[’«»]/g, "'")));
    expect(read(bytes).problems.map((p) => p.message.en)).toEqual([expect.stringContaining('ISO-8859-15')]);
  });

  it('reads UTF-16 with a byte order mark, little- and big-endian (Excel\'s "Unicode Text", tab-separated)', () => {
    const tsv = LIST.replace(/;/g, '\t');
    for (const enc of ['utf-16le', 'utf-16be']) {
      const bom = enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      const bytes = new Uint8Array([...bom, ...iconv.encode(tsv, enc)]);
      expect(names(bytes), enc).toEqual(expected);
      expect(read(bytes).problems.map((p) => p.message.en)).toEqual([expect.stringContaining('UTF-16')]);
    }
  });

  it('reads UTF-8, with or without BOM, without a word', () => {
    for (const bytes of [Buffer.from(LIST), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LIST)])]) {
      expect(names(bytes)).toEqual(expected);
      expect(read(bytes).problems).toEqual([]);
    }
  });

  it('refuses a file that mixes UTF-8 and Windows-1252, at the line of the first bad byte', () => {
    const lines = LIST.split('\r\n');
    const bytes = Buffer.concat([Buffer.from(lines.slice(0, 3).join('\r\n') + '\r\n'), iconv.encode(lines[3], 'windows-1252')]);
    const r = read(bytes);
    expect(r.people).toEqual([]);
    expect(r.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['syntax/encoding', 'mixedEncodings', 4]]);
    expect(r.problems[0].message.fr).toMatch(/mêle de l’UTF-8/);
    expect(r.problems[0].message.en).toMatch(/mixes UTF-8/);
  });

  it('refuses text in another script rather than printing it as accented Latin', () => {
    const cyrillic = iconv.encode('Nom;Fonction\nИван ПЕТРОВ;Мэр\n', 'windows-1251');
    const chinese = iconv.encode('Nom;Fonction\n张伟;市长\n', 'gbk');
    const japanese = iconv.encode('Nom;Fonction\n山田太郎;市長\n', 'shift_jis');
    for (const bytes of [cyrillic, chinese, japanese]) {
      const r = read(bytes);
      expect(r.people).toEqual([]);
      expect(r.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['syntax/encoding', 'unknownEncoding', 2]]);
      expect(r.problems[0].message.en).toMatch(/not UTF-8 .*nor does it read as Windows-1252/);
    }
  });

  it('refuses binary bytes, odd-length UTF-16 and control characters', () => {
    expect(decodeSheetText(new Uint8Array([0x4e, 0x6f, 0x6d, 0x0a, 0x41, 0x00, 0x42]))).toMatchObject({ line: 2, problem: { messageId: 'binarySheet' } });
    expect(decodeSheetText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))).toMatchObject({ problem: { messageId: 'notUtf16' } });
    expect(decodeSheetText(new Uint8Array([0x4e, 0xe9, 0x0a, 0x1b, 0x5b, 0x32, 0x4a]))).toHaveProperty('problem'); // an escape sequence
  });

  it('says which encoding in a check, can be turned off in `checks:`, and its note makes it go away', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-enc-'));
    const event = (checks: string) =>
      `event: { title: Réunion }\n${checks}attendees:\n  - file: liste.csv\ndays:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n`;
    writeFileSync(path.join(dir, 'event.yaml'), event(''));
    writeFileSync(path.join(dir, 'liste.csv'), iconv.encode(LIST, 'windows-1252'));
    const json = async () => JSON.parse((await run(['check', '--format', 'json', 'event.yaml'], dir)).stdout).diagnostics as Array<Record<string, unknown>>;
    expect(await json()).toEqual([
      expect.objectContaining({
        file: 'liste.csv',
        line: 1,
        column: 1,
        severity: 'info',
        rule: 'attendees/encoding',
        note: expect.stringContaining('CSV UTF-8'),
      }),
    ]);
    // The text report shows the header line under the message, decoded.
    const text = await run(['check', 'event.yaml'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 | Civilité;Nom;Prénom;Fonction;Organisme');
    // The model has the names right.
    const model = JSON.parse((await run(['model', 'event.yaml'], dir)).stdout);
    expect(JSON.stringify(model)).toContain('Maison de l’Économie');
    // Turned off in the event file.
    writeFileSync(path.join(dir, 'event.yaml'), event('checks: { attendees/encoding: off }\n'));
    expect(await json()).toEqual([]);
    // The note's fix: the same list saved as UTF-8.
    writeFileSync(path.join(dir, 'event.yaml'), event(''));
    writeFileSync(path.join(dir, 'liste.csv'), LIST);
    expect(await json()).toEqual([]);
  });
});
