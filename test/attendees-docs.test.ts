import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';
import { readPdf } from './pdf-read.js';

const dir = path.join(import.meta.dirname, 'fixtures', 'attendees');
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');
const names = ['COL', 'SAINTIGNON', 'ÉTIENNE', 'DUPONT', 'AUBRY']; // family names: the lists print NOM and Prénom apart

async function buildTo(args: string[]): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), 'coop-att-'));
  const r = await run(['build', 'event.yaml', '-o', out, ...args], dir);
  expect(r.stderr).toContain('schema/invalid'); // the short CSV row is reported…
  expect(r.code).toBe(1); // …as an error: nothing is written without --draft
  return out;
}

describe('attendees from YAML and CSV', () => {
  it('reports a bad CSV row at its line, and keeps the others', async () => {
    const r = await run(['check', '--format', 'json', 'event.yaml'], dir);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ file: string; line: number; rule: string; severity: string }>;
    expect(diags).toContainEqual(expect.objectContaining({ file: 'inscrits.csv', line: 4, rule: 'schema/invalid', severity: 'error' }));
    // 2 from YAML + 3 readable CSV rows = 5 attendees for a capacity of 4 (and a room of 3).
    expect(diags.filter((d) => d.rule === 'venue/over-capacity')).toHaveLength(2);
  });

  it('produces the four documents with every name, the sign-in sheet with one column per half-day', async () => {
    const out = await buildTo(['--draft']);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['participants.html', 'participants.pdf', 'emargement.pdf', 'intervenants.pdf', 'badges.pdf']));
    for (const doc of ['participants.pdf', 'emargement.pdf', 'badges.pdf']) {
      const text = flat((await readPdf(readFileSync(path.join(out, doc)))).text.join('\n'));
      for (const n of names) expect(text, `${doc} lists ${n}`).toContain(n);
    }
    const sheet = await readPdf(readFileSync(path.join(out, 'emargement.pdf')));
    const text = flat(sheet.text.join('\n'));
    // Day 1: morning and afternoon; day 2: a session 11:00–14:00 covers both half-days.
    for (const h of ['jeu. 1er mars matin', 'jeu. 1er mars après-midi', 'ven. 2 mars matin', 'ven. 2 mars après-midi']) expect(text).toContain(h);
    expect(text).toContain('Salle des fêtes, Lyon'); // the event on every page
    const speakers = flat((await readPdf(readFileSync(path.join(out, 'intervenants.pdf')))).text.join('\n'));
    expect(speakers).toContain('Émile ZOLA');
    expect(speakers).toContain('(pressenti·e)');
    expect(speakers).toContain('Nathalie COL');
  });

  it('prints contact details only when asked, and never on the sign-in sheet', async () => {
    const plain = await buildTo(['--draft']);
    const list = (out: string, f: string) => readFileSync(path.join(out, f), 'utf8');
    expect(list(plain, 'participants.html')).not.toContain('@example.org');
    expect(list(plain, 'intervenants.html')).not.toContain('@example.org');
    const withContacts = await buildTo(['--draft', '--with-contacts']);
    expect(list(withContacts, 'participants.html')).toContain('m.etienne@example.org');
    expect(list(withContacts, 'intervenants.html')).toContain('n.col@example.org');
    const sheet = flat((await readPdf(readFileSync(path.join(withContacts, 'emargement.pdf')))).text.join(' '));
    expect(sheet).not.toContain('@example.org');
  });

  it('sorts by family name, particles aside and accents folded', async () => {
    const out = await buildTo(['--draft', '--only', 'participants.html']);
    const html = readFileSync(path.join(out, 'participants.html'), 'utf8');
    const order = ['AUBRY', 'COL', 'DUPONT', 'ÉTIENNE', 'SAINTIGNON'].map((n) => html.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i > 0)).toBe(true);
  });

  it('refuses a CSV path outside the project', async () => {
    const r = await run(['check', '--format', 'json', 'outside.yaml'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ rule: 'ref/outside-project', line: 3 });
  });
});

describe('a sign-in sheet of 250 attendees', () => {
  it('repeats the header row on every page', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'coop-big-'));
    mkdirSync(path.join(d, 'p'));
    const rows = ['Nom;Prénom;Fonction;Organisme'];
    // 250 rows, 12 pages: page breaks enough for the property, and two-digit page numbers
    // (2,000 rows and 96 pages took eight times longer to say the same; bin.test.ts builds a
    // 2,000-attendee sign-in sheet through the bundle).
    for (let i = 0; i < 250; i++) rows.push(`NOM${String(i).padStart(4, '0')};Prénom${i};Fonction;Organisme ${i % 50}`);
    writeFileSync(path.join(d, 'p', 'inscrits.csv'), rows.join('\n'));
    writeFileSync(
      path.join(d, 'p', 'event.yaml'),
      'event: { title: Grand congrès }\nattendees: [{ file: inscrits.csv }]\ndays:\n  - date: 2026-03-02\n    sessions: [{ title: S, start: "9h", end: "17h" }]\n',
    );
    const r = await run(['build', 'p/event.yaml', '-o', 'out', '--only', 'emargement.pdf'], d);
    expect(r.code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(d, 'out', 'emargement.pdf')));
    expect(pdf.pages).toBeGreaterThanOrEqual(10);
    pdf.text.forEach((t, i) => {
      expect(flat(t), `page ${i + 1}`).toContain('N° NOM Prénom Fonction Organisme');
      expect(flat(t)).toMatch(new RegExp(`page ${i + 1} / ?${pdf.pages}`));
    });
    const all = flat(pdf.text.join(' '));
    expect(all).toContain('NOM0000');
    expect(all).toContain('NOM0249');
  }, 60000);
});

describe('a long event', () => {
  it('gets one sign-in sheet per group of days, at most six signature columns each', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'coop-long-'));
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']
      .map((date) => `  - date: ${date}\n    sessions: [{ title: Matin, start: "9h", end: "12h" }, { title: Après-midi, start: "14h", end: "17h" }]`)
      .join('\n');
    writeFileSync(path.join(d, 'event.yaml'), `event: { title: Semaine }\nattendees: [{ name: Anne AUBRY }]\ndays:\n${days}\n`);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'emargement.pdf'], d);
    expect(r.code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(d, 'out', 'emargement.pdf')));
    expect(pdf.pages).toBe(2);
    const [first, second] = pdf.text.map(flat);
    expect(first).toContain('lun. 2 mars matin');
    expect(first).toContain('mer. 4 mars après-midi');
    expect(first).not.toContain('jeu. 5 mars');
    expect(second).toContain('jeu. 5 mars matin');
    expect(second).toContain('ven. 6 mars après-midi');
    for (const t of [first, second]) expect(t).toContain('AUBRY');
    expect(Math.round(pdf.sizes[0][0])).toBe(842); // landscape
  });
});

describe('document options', () => {
  it('groups the participant list by organisation, shows the chosen columns, and lays badges 2 x 5', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'coop-opts-'));
    const people = Array.from({ length: 11 }, (_, i) => `  - { name: Anne NOM${i}, role: Rôle${i}, org: ${i % 2 ? 'Lyon' : 'Nantes'} }`).join('\n');
    writeFileSync(
      path.join(d, 'event.yaml'),
      `event: { title: Options }\nattendees:\n${people}\ndocuments:\n  participants: { group_by: org, columns: [name, org] }\n  badges: { layout: 2x5 }\ndays:\n  - date: 2026-03-02\n    sessions: [{ title: S, start: "9h", end: "10h" }]\n`,
    );
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'participants.html,badges.pdf'], d);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(d, 'out', 'participants.html'), 'utf8');
    // One table (one set of column widths), a title row per organisation, which the rows do not repeat.
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(html).toContain('<tr class="group-row"><th colspan="2" scope="rowgroup">Lyon (5)</th></tr>');
    expect(html).toContain('<th colspan="2" scope="rowgroup">Nantes (6)</th>');
    expect(html.indexOf('Lyon (5)')).toBeLessThan(html.indexOf('Nantes (6)'));
    expect(html).not.toContain('<td>Lyon</td>');
    expect(html).not.toContain('Rôle1'); // role is not among the chosen columns
    const badges = await readPdf(readFileSync(path.join(d, 'out', 'badges.pdf')));
    expect(badges.pages).toBe(2); // 11 badges, 10 per sheet
    expect(flat(badges.text[1])).toContain('Anne NOM');
  });
});
