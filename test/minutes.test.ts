import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventOutputs, renderMinutes } from '../src/build.js';
import { checkProject } from '../src/project.js';
import { run } from './helpers.js';
import { readPdf } from './pdf-read.js';

const dir = path.join(import.meta.dirname, 'fixtures', 'minutes');
const repo = path.join(import.meta.dirname, '..');
const check = async (name: string, cwd = dir) => {
  const abs = path.join(dir, name);
  const r = await checkProject([{ abs, display: name }], { cwd });
  return { ...r.minutes[0].checked, all: r.diagnostics };
};
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/’/g, "'");

describe('minutes front matter', () => {
  it('reads every field, resolving people against the linked event', async () => {
    const m = await check('full.md');
    expect(m.all).toEqual([]);
    const model = m.model!;
    expect(model).toMatchObject({
      kind: 'minutes',
      title: 'Atelier « coopération économique »',
      date: '2016-05-19',
      time: { start: 840, end: 1020 },
      place: 'Archives départementales du Rhône, Lyon',
      attachments: ['Questionnaire'],
      distribution: ['Présents', 'Excusés', 'Nathalie COL'],
      nextMeeting: { date: '2016-10-11', time: { start: 540, end: 720 }, place: 'Dunkerque' },
      status: 'approved',
      approvedOn: '2016-06-15',
      locale: 'fr',
    });
    expect(model.chair.map((p) => p.name)).toEqual(['Frédéric DESHAYES']);
    expect(model.secretary.map((p) => p.name)).toEqual(['Tanguy SPECQ']);
    expect(model.present.map((p) => p.name)).toEqual(['Frédéric DESHAYES', 'Tanguy SPECQ', 'Anne INVITÉE']);
    expect(model.excused.map((p) => p.name)).toEqual(['Nathalie COL']);
    expect(model.sections.map((s) => s.text)).toEqual(['Contexte', 'Recommandations', 'Suites à donner']);
  });

  it('points into the Markdown file’s own lines', async () => {
    const m = await check('bad-front-matter.md');
    const found = m.diagnostics.map((d) => [d.line, d.rule, d.message.slice(0, 40)]);
    expect(found).toEqual([
      [3, 'schema/invalid', expect.stringContaining('« date »')],
      [4, 'schema/invalid', expect.stringContaining('« time »')],
      [5, 'schema/invalid', expect.stringContaining('Clé inconnue « statut »')],
    ]);
    expect(m.diagnostics[2].message).toContain('vouliez-vous dire « status »');
  });

  it('asks for a front matter when there is none', async () => {
    const m = await check('no-front-matter.md');
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({ line: 1, rule: 'schema/invalid', messageId: 'noFrontMatter' });
  });

  it('refuses an event path outside the project, and says when it is missing', async () => {
    const out = await check('outside.md');
    expect(out.diagnostics.map((d) => [d.line, d.rule, d.messageId])).toEqual([[3, 'ref/outside-project', 'leavesProject']]);
    const missing = await check('missing-event.md');
    expect(missing.diagnostics.map((d) => [d.line, d.rule, d.messageId])).toEqual([
      [3, 'ref/unknown', 'missing'],
      [7, 'ref/unknown', 'unknownOwner'],
    ]);
    expect(missing.diagnostics[1].note).toContain('people:');
  });
});

describe('decisions and actions', () => {
  it('collects every decision syntax, numbered in order', async () => {
    const m = (await check('full.md')).model!;
    expect(m.decisions.map(({ votePlace: _, ...d }) => d)).toEqual([
      { n: 1, text: 'produire une fiche méthodologique.', line: 34, column: 1, vote: null },
      { n: 2, text: 'poursuivre les travaux.', line: 36, column: 1, vote: null },
      { n: 3, text: 'tenir un atelier en octobre.', line: 38, column: 3, vote: null },
    ]);
  });

  it('reads owners and every due-date form', async () => {
    const m = (await check('full.md')).model!;
    expect(m.actions.map((a) => [a.text, a.ownerId, a.owner?.name, a.due, a.done, a.line])).toEqual([
      ['Diffuser le compte rendu', 'specq', 'Tanguy SPECQ', '2016-06-15', false, 42],
      ['Envoyer le questionnaire', 'deshayes', 'Frédéric DESHAYES', '2016-05-30', true, 43],
      ['Préparer Dunkerque', 'arricod', 'ARRICOD', '2016-10-11', false, 44],
      ['Relancer les absents', 'col', 'Nathalie COL', '2016-09-01', false, 45],
    ]);
  });

  it('reports unknown owners, missing owners, impossible and past due dates', async () => {
    const m = await check('problems.md');
    const found = m.diagnostics.map((d) => [d.line, d.severity, d.rule]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(found).toEqual([
      [5, 'error', 'ref/unknown'], // present: inconnu
      [8, 'warning', 'minutes/action-owner'],
      [9, 'error', 'ref/unknown'],
      [10, 'warning', 'minutes/due-before-meeting'],
      [12, 'error', 'schema/invalid'],
    ]);
    const owner = m.diagnostics.find((d) => d.line === 9)!;
    expect(owner.message).toContain('« @specqq »');
    expect(owner.message).toContain('vouliez-vous dire « @specq »');
  });

  it('prints as JSON with coop model', async () => {
    const r = await run(['model', 'full.md'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      kind: 'minutes',
      date: '2016-05-19',
      present: [{ name: 'Frédéric DESHAYES' }, { name: 'Tanguy SPECQ' }, { name: 'Anne INVITÉE' }],
    });
    expect(json.decisions[0]).toEqual({ n: 1, text: 'produire une fiche méthodologique.', line: 34, vote: null });
    expect(json.actions[1]).toMatchObject({ text: 'Envoyer le questionnaire', owner: 'deshayes', due: '2016-05-30', done: true, line: 43 });
  });
});

describe('rendering minutes', () => {
  const render = async (name: string) => {
    const m = (await check(name)).model!;
    const outputs = await renderMinutes(m, name.replace('.md', ''), { draft: false });
    return {
      html: outputs.find((o) => o.name.endsWith('.html'))!.bytes as string,
      pdf: await readPdf(outputs.find((o) => o.name.endsWith('.pdf'))!.bytes as Uint8Array),
    };
  };

  it('sanitises raw HTML and javascript: links, keeps Markdown', async () => {
    const { html } = await render('full.md');
    const body = html.slice(html.indexOf('<main>'));
    expect(body).not.toContain('<script');
    expect(body).not.toContain('javascript:');
    expect(body).toContain('<strong>important</strong>');
    expect(body).toContain('<a href="https://example.org">lien</a>');
    expect(body).toContain('<blockquote>');
    expect(body).toContain('<p class="decision"><strong>Décision n°\u00a01\u00a0:</strong>');
    expect(body).toContain('<li class="decision"><strong>Décision n°\u00a03\u00a0:</strong>');
  });

  it('prints header, facts, body tables, decisions, actions and the annex in the PDF', async () => {
    const { pdf } = await render('full.md');
    const text = flat(pdf.text.join('\n'));
    for (const s of [
      'Compte rendu Atelier', // the kicker as written: never upper-cased (data under it would be too)
      'jeudi 19 mai 2016, de 14 h à 17 h',
      'Approuvé le mercredi 15 juin 2016',
      'Secrétariat de séance Tanguy SPECQ',
      'Boston Lyon', // a GFM table cell row
      'Relevé de décisions',
      'Suites à donner',
      'Diffuser le compte rendu Tanguy SPECQ 15/06/2016 À faire',
      'Envoyer le questionnaire Frédéric DESHAYES 30/05/2016 Fait',
      'Annexe — liste des participants',
      'Anne INVITÉE Observatrice Ville de Lyon Présent·e', // no civility: both forms
      'Nathalie COL Chargée de coopération Excusée',
      'Prochaine réunion mardi 11 octobre 2016, de 9 h à 12 h, Dunkerque',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('PROJET');
    expect(pdf.outline).toContain('Relevé de décisions');
  });

  it('a record of decisions prints the header, decisions and actions only; a draft is marked', async () => {
    const { pdf } = await render('decisions.md');
    const text = flat(pdf.text.join('\n'));
    expect(text).toContain('Relevé de décisions Relevé de décisions du bureau');
    expect(text).toContain('adopter le budget');
    expect(text).toContain('Publier le budget');
    expect(text).not.toContain('Blabla du corps');
    expect(text).not.toContain('Annexe');
    expect(text).toContain('PROJET');
  });
});

describe('the seed compte rendu (2016)', () => {
  it('builds with its event, every participant, decision and action in the PDF', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'coop-min-'));
    const r = await run(['build', 'examples/reunion-sud-est-2016/event.yaml', '-o', out], repo);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['compte-rendu.html', 'compte-rendu.pdf', 'compte-rendu.docx', ...eventOutputs].sort());
    const pdf = await readPdf(readFileSync(path.join(out, 'compte-rendu.pdf')));
    const text = flat(pdf.text.join('\n'));
    const model = JSON.parse((await run(['model', 'examples/reunion-sud-est-2016/minutes/compte-rendu.md'], repo)).stdout);
    expect(model.present).toHaveLength(19);
    for (const p of model.present) expect(text).toContain(flat(p.name));
    for (const d of model.decisions) expect(text).toContain(flat(d.text).slice(0, 40));
    for (const a of model.actions) expect(text).toContain(flat(a.text).slice(0, 30));
  });
});

describe('coop actions', () => {
  it('lists open actions, overdue first, as text and JSON, and writes the tracker', async () => {
    const text = await run(['actions', 'full.md', 'decisions.md', '--today', '2016-06-20'], dir);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines.map((l) => l.slice(0, 21).trim())).toEqual([
      'EN RETARD  01/06/2016',
      'EN RETARD  15/06/2016',
      'À faire    01/09/2016',
      'À faire    11/10/2016',
    ]);
    const json = JSON.parse((await run(['actions', '--format', 'json', '--today', '2016-06-20', 'full.md', 'decisions.md'], dir)).stdout);
    expect(json.actions.map((a: { text: string; overdue: boolean }) => [a.text, a.overdue])).toEqual([
      ['Publier le budget', true],
      ['Diffuser le compte rendu', true],
      ['Relancer les absents', false],
      ['Préparer Dunkerque', false],
    ]);
    const out = mkdtempSync(path.join(tmpdir(), 'coop-act-'));
    const w = await run(['actions', 'full.md', '--today', '2016-06-20', '-o', out], dir);
    expect(w.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['actions.html', 'actions.pdf']);
    const pdf = await readPdf(readFileSync(path.join(out, 'actions.pdf')));
    expect(flat(pdf.text.join(' '))).toContain('En retard');
    expect((await run(['actions', 'full.md', '--today', '2016-13-01'], dir)).code).toBe(2);
  });
});

describe('minutes: patterns', () => {
  it('warn when a pattern matches nothing, and refuse one that leaves the project', async () => {
    const r = await run(['check', '--format', 'json', 'globs/event.yaml'], dir);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ rule: string; severity: string; line: number; message: string }>;
    expect(diags.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ['ref/no-match', 'warning', 2],
      ['ref/outside-project', 'error', 2],
    ]);
    expect(r.code).toBe(1);
  });
});
