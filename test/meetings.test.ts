/**
 * Minutes as real meetings produce them (FORMAT.md §5.2): standalone minutes, organisations
 * without a named person, several owners, mentions, procès-verbaux, the project folder found
 * from the files, and actions followed across a series of meetings.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMinutes } from '../src/build.js';
import { checkProject } from '../src/project.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { loadMinutesText } from '../src/minutes/model.js';
import { minutesJsonSchema } from '../src/minutes/schema.js';
import { fixturesRoot as cases, loadAwareSeconds, run } from './helpers.js';
import { readPdf } from './pdf-read.js';

const repo = path.join(import.meta.dirname, '..');
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/’/g, "'");
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `coop-${name}-`));

/** Check one minutes file written in a fresh folder (with other files beside it). */
async function checkText(text: string, files: Record<string, string> = {}, lang?: 'fr' | 'en') {
  const dir = tmp('meet');
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  writeFileSync(path.join(dir, 'cr.md'), text);
  const r = await checkProject([{ abs: path.join(dir, 'cr.md'), display: 'cr.md' }], { cwd: dir, lang });
  return { diagnostics: r.diagnostics, model: r.minutes[0].checked.model };
}

const front = (lines: string, body = '') => `---\ntitle: Réunion\ndate: 2015-10-06\n${lines}\n---\n\n${body}\n`;

describe('standalone minutes', () => {
  it('resolve people and organisations from their own front matter, with no event', async () => {
    const { diagnostics, model } = await checkText(
      front(
        'chair: soulage\npresent: [soulage, { org: alsace }, { org: "Ville d’Arras" }]\npeople:\n  soulage: { name: Bernard SOULAGE, org: arf }\norganisations:\n  arf: { name: Association des Régions de France, short: ARF }\n  alsace: { name: Région Alsace }',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(model!.event).toBeNull();
    expect(model!.chair[0]).toMatchObject({ name: 'Bernard SOULAGE', org: { short: 'ARF' } });
    expect(model!.present.map((p) => [p.name, p.person === null])).toEqual([
      ['Bernard SOULAGE', false],
      ['Région Alsace', true],
      ['Ville d’Arras', true],
    ]);
  });

  it('take the front matter’s people before the linked event’s, and the event’s for the rest', async () => {
    const event =
      'event: { title: Séminaire }\npeople:\n  levy: { name: Jean-Claude LEVY }\n  soulage: { name: B. SOULAGE }\ndays:\n  - { date: 2015-10-06, sessions: [] }\n';
    const { diagnostics, model } = await checkText(front('event: event.yaml\npresent: [soulage, levy]\npeople:\n  soulage: { name: Bernard SOULAGE }'), {
      'event.yaml': event,
    });
    expect(diagnostics).toEqual([]);
    expect(model!.present.map((p) => p.name)).toEqual(['Bernard SOULAGE', 'Jean-Claude LEVY']);
  });
});

describe('notes that fix what they report', () => {
  const fixture = (name: string) => readFileSync(path.join(cases, `minutes-${name}`, 'minutes.md'), 'utf8');
  const rules = (ds: Array<{ rule: string; line: number }>) => ds.map((d) => `${d.line} ${d.rule}`).sort();

  it('ref/unknown in standalone minutes: define the id under people: / organisations:, take the guess, or escape the @', async () => {
    const before = await checkText(fixture('ref-unknown'));
    expect(rules(before.diagnostics)).toEqual(['12 ref/unknown', '14 ref/unknown', '4 ref/unknown', '4 ref/unknown']);
    // What the notes say: `gaudru: { name: …, role: … }` under people:, `daect: { name: … }` under organisations:, the guess @cuf, \@levi.
    const fixed = fixture('ref-unknown')
      .replace('people:\n', 'people:\n  gaudru: { name: Anne-Claire GAUDRU, role: Référente Chine }\n')
      .replace('organisations:\n', 'organisations:\n  daect: { name: DAECT }\n')
      .replace('@cufe', '@cuf')
      .replace('@levi', '\\@levi');
    expect((await checkText(fixed)).diagnostics).toEqual([]);
    const defined = fixture('ref-unknown').replace('people:\n', 'people:\n  levi: { name: Jean-Claude LEVY }\n');
    expect(rules((await checkText(defined)).diagnostics)).not.toContain('12 ref/unknown');
  });

  it('minutes/speaker-not-present: add the id, or { org: id }, to present', async () => {
    const dir = tmp('speaker');
    cpSync(path.join(cases, 'minutes-speaker-not-present'), dir, { recursive: true });
    const file = path.join(dir, 'minutes.md');
    const check = async () => (await checkProject([{ abs: file, display: 'minutes.md' }], { cwd: dir })).diagnostics;
    expect((await check()).map((d) => d.note).filter(Boolean)).toEqual([
      'Ajoutez `{ org: minefi }` à `present` si l’organisme était représenté.',
      'Ajoutez `bachy` à `present` s’il était là.',
    ]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - coz\n', '  - coz\n  - bachy\n  - { org: minefi }\n'));
    expect((await check()).map((d) => d.message)).toEqual([expect.stringContaining('Annie GUEDJ')]);
  });

  it('minutes/proxy: add the holder to present', async () => {
    const text = fixture('proxy');
    const before = await checkText(text);
    expect(before.diagnostics[0].note).toBe('Ajoutez Marc ROUX à `present`, ou confiez le pouvoir à un membre présent.');
    const after = await checkText(text.replace('present: [dupont, martin]', 'present: [dupont, martin, roux]'));
    expect(after.diagnostics.map((d) => d.message)).not.toContainEqual(expect.stringContaining('Marc ROUX'));
  });
});

describe('owners and mentions', () => {
  const people =
    'people:\n  specq: { name: Tanguy SPECQ }\norganisations:\n  arf: { name: Association des Régions de France, short: ARF }\n  cuf: { name: Cités Unies France, short: CUF }';

  it('several owners, however they are joined; "et @cuf" never stays in the text', async () => {
    const body = [
      '- [ ] Diffuser le compte rendu @arf et @cuf (échéance : 2015-10-30)',
      '- [ ] Préparer la note @arf @cuf',
      '- [ ] Relancer les absents (@arf, @cuf)',
      '- [ ] Envoyer les invitations @arf/@cuf due:2015-11-01',
      '- [ ] Transmettre à @specq la liste des délégations @arf',
    ].join('\n');
    const { diagnostics, model } = await checkText(front(people, body));
    expect(diagnostics).toEqual([]);
    expect(model!.actions.map((a) => [a.text, a.ownerIds, a.owner?.name])).toEqual([
      ['Diffuser le compte rendu', ['arf', 'cuf'], 'ARF'],
      ['Préparer la note', ['arf', 'cuf'], 'ARF'],
      ['Relancer les absents', ['arf', 'cuf'], 'ARF'],
      ['Envoyer les invitations', ['arf', 'cuf'], 'ARF'],
      ['Transmettre à Tanguy SPECQ la liste des délégations', ['specq', 'arf'], 'Tanguy SPECQ'],
    ]);
  });

  it('an unknown second owner is an error at its place', async () => {
    const { diagnostics } = await checkText(front(people, '- [ ] Diffuser le compte rendu @arf et @cfu'));
    expect(diagnostics).toMatchObject([
      { rule: 'ref/unknown', messageId: 'unknownOwnerGuess', line: 11, column: 40, message: expect.stringContaining('vouliez-vous dire « @cuf »') },
    ]);
  });

  it('@id in prose prints the name, in the PDF too; \\@ keeps a plain @', async () => {
    const { diagnostics, model } = await checkText(front(people, 'Selon @specq, la réunion est utile. Suivre \\@CitesUnies ou écrire à contact@cuf.org.'));
    expect(diagnostics).toEqual([]);
    const out = await renderMinutes(model!, 'cr', { draft: false });
    const html = out.find((o) => o.name === 'cr.html')!.bytes as string;
    expect(html).toContain('Selon Tanguy SPECQ, la réunion est utile. Suivre @CitesUnies ou écrire à');
    const pdf = flat((await readPdf(out.find((o) => o.name === 'cr.pdf')!.bytes as Uint8Array)).text.join(' '));
    expect(pdf).toContain('Selon Tanguy SPECQ, la réunion est utile.');
  });
});

describe('linear work on hostile minutes', () => {
  it('long runs of mentions, spaces, parentheses and emphasis marks stay fast', async () => {
    // Emphasis marks: as many as a paragraph may hold (1,000 `*_~[]`, docs/SECURITY.md).
    const body = [
      `- [ ] Action ${'@arf  '.repeat(1000)}x`,
      `Décision : voter ${' '.repeat(50_000)}(pour : 1) ${'*'.repeat(990)}x`,
      `Décision : ${'('.repeat(50_000)}pour 1`,
      `${'@arf '.repeat(5_000)}`,
    ].join('\n\n');
    const t0 = performance.now();
    const { model } = await checkText(front('organisations:\n  arf: { name: ARF }', body));
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(2) * 1000); // quadratic would be minutes, exponential never
    expect(model!.actions[0].ownerIds).toEqual(['arf']);
    // Past the limit, the paragraph is refused where it is, as fast.
    const t1 = performance.now();
    const over = await checkText(front('organisations:\n  arf: { name: ARF }', `Décision : voter (pour : 1) ${'*'.repeat(20_000)}x`));
    expect(performance.now() - t1).toBeLessThan(loadAwareSeconds(2) * 1000);
    expect(over.model).toBeNull();
    expect(over.diagnostics.map((d) => [d.rule, d.messageId, d.line])).toEqual([['syntax/markdown', 'markersInParagraph', 8]]);
  });
});

describe('the lines of one paragraph are bounded (micromark is quadratic in them)', () => {
  const lines = (n: number, prefix = 'ligne') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n');
  const refusals = (d: Diagnostic[]) => d.filter((x) => x.rule === 'syntax/markdown').map((x) => [x.messageId, x.line, x.message]);

  it('accepts a paragraph of 1,000 lines and refuses one of 1,001 at its 1,001st line, naming where it starts', async () => {
    const ok = await checkText(front('time: "15h30"', `Avant.\n\n${lines(1000)}`));
    expect(refusals(ok.diagnostics)).toEqual([]);
    const over = await checkText(front('time: "15h30"', `Avant.\n\n${lines(1001)}`), {}, 'en');
    expect(over.model).toBeNull();
    // The body starts at line 7, the paragraph at line 9.
    expect(refusals(over.diagnostics)).toEqual([
      [
        'linesInParagraph',
        9 + 1000,
        'More than 1,000 lines in one paragraph (from line 9): past that, reading the Markdown gets too slow. Split the text into paragraphs with blank lines.',
      ],
    ]);
  });

  it('counts lazy continuation lines of a quote or a list item', async () => {
    for (const start of ['> Citation', '- Point']) {
      const { diagnostics } = await checkText(front('time: "15h30"', `${start}\n${lines(1001, 'suite')}`));
      expect(
        refusals(diagnostics).map((r) => r.slice(0, 2)),
        start,
      ).toEqual([['linesInParagraph', 7 + 1001]]);
    }
  });

  it('does not count lines that start their own block: list items, quoted lines, headings, table rows, code', async () => {
    const bodies = [
      lines(1200, '- point'),
      lines(1200, '> ligne'),
      lines(1200, '## Point'),
      `| a | b |\n| --- | --- |\n${lines(1200, '| x |')}`,
      `Texte.\n\n${lines(1200, '    code')}`,
      `\`\`\`\n${lines(1200, 'code')}\n\`\`\``,
    ];
    for (const body of bodies) {
      const { diagnostics } = await checkText(front('time: "15h30"', body));
      expect(refusals(diagnostics), body.slice(0, 30)).toEqual([]);
    }
  });
});

describe('times, dates and metadata', () => {
  it('accepts the forms people write, start-only included', async () => {
    const times: Array<[string, unknown]> = [
      ['de 15h30 à 17h30', { start: 930, end: 1050 }],
      ['15h30', { start: 930, end: null }],
      ['à 9 h', { start: 540, end: null }],
      ['14h-17h', { start: 840, end: 1020 }],
      ['14 h 30 – 17 h', { start: 870, end: 1020 }],
      ['from 15:30 to 17:30', { start: 930, end: 1050 }],
    ];
    for (const [t, expected] of times) {
      const { diagnostics, model } = await checkText(front(`time: "${t}"`));
      expect(diagnostics, t).toEqual([]);
      expect(model!.time, t).toEqual(expected);
    }
    const bad = await checkText(front('time: "de 17h30 à 15h30"'));
    expect(bad.diagnostics).toMatchObject([{ rule: 'schema/invalid', line: 4 }]);
  });

  it('prints a start-only time, the date as the PDF subject and the organisers as its author', async () => {
    const { model } = await checkText(
      front('time: "15h30"\norganisers: [arf, Cités Unies France]\norganisations:\n  arf: { name: Association des Régions de France, short: ARF }'),
    );
    const out = await renderMinutes(model!, 'cr', { draft: false });
    const pdf = await readPdf(out.find((o) => o.name === 'cr.pdf')!.bytes as Uint8Array);
    expect(flat(pdf.text.join(' '))).toContain('mardi 6 octobre 2015, à 15 h 30');
    expect(pdf.info.Subject).toBe('Compte rendu — mardi 6 octobre 2015');
    expect(pdf.info.Author).toBe('Association des Régions de France, Cités Unies France');
  });
});

describe('rule levels', () => {
  it('the linked event’s `checks:` sets the levels of its minutes’ rules', async () => {
    const dir = tmp('levels');
    cpSync(path.join(cases, 'minutes-speaker-not-present'), dir, { recursive: true });
    const event = path.join(dir, 'event.yaml');
    writeFileSync(event, readFileSync(event, 'utf8').replace('days:', 'checks: { minutes/speaker-not-present: off }\ndays:'));
    const r = await checkProject(
      [
        { abs: path.join(dir, 'minutes.md'), display: 'minutes.md' },
        { abs: event, display: 'event.yaml' },
      ],
      { cwd: dir },
    );
    expect(r.diagnostics.filter((d) => d.file === 'minutes.md')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.rule === 'schema/invalid')).toEqual([]); // the rule id is known to `checks:`
  });
});

describe('procès-verbal', () => {
  const pv = () => checkText(readFileSync(path.join(repo, 'examples/assemblee-generale-2016/pv-ag-2016.md'), 'utf8'));

  it('reads votes in any order and language, and says adopted or rejected', async () => {
    const { model } = await pv();
    expect(model!.decisions.map((d) => [d.n, d.vote && { ...d.vote }])).toEqual([
      [1, { for: null, against: 0, abstain: 0, unanimous: true, adopted: true }],
      [2, { for: 16, against: 0, abstain: 0, unanimous: true, adopted: true }],
      [3, { for: 14, against: 0, abstain: 2, unanimous: false, adopted: true }],
      [4, { for: 15, against: 0, abstain: 1, unanimous: false, adopted: true }],
      [5, { for: 12, against: 3, abstain: 1, unanimous: false, adopted: true }],
      [6, { for: 5, against: 9, abstain: 2, unanimous: false, adopted: false }],
    ]);
    const en = await checkText(
      front(
        'kind: pv\npresent: [{ name: A }, { name: B }, { name: C }]',
        'Decision: adopt the budget (against: 1; for: 2)\n\nDécision : élire le bureau (à l’unanimité).\n\n**Résolution :** dissoudre (pour : 1 et contre : 2)',
      ),
    );
    expect(en.diagnostics).toEqual([]);
    expect(en.model!.decisions.map((d) => [d.text, d.vote?.for, d.vote?.against, d.vote?.adopted, d.vote?.unanimous])).toEqual([
      ['adopt the budget', 2, 1, true, false],
      ['élire le bureau', null, 0, true, true],
      ['dissoudre', 1, 2, false, false],
    ]);
    const numbersFirst = await checkText(front('', 'Décision : adopter le budget (12 voix pour, 3 contre et 1 abstention).'));
    expect(numbersFirst.model!.decisions[0]).toMatchObject({ text: 'adopter le budget', vote: { for: 12, against: 3, abstain: 1, adopted: true } });
    // A remark in parentheses is no vote; a vote written so that it cannot be read is said, with how to write it.
    const remark = await checkText(front('', 'Décision : reporter la réunion (voir annexe 2).\n\nDécision : réserver le budget (pour 2017).'));
    expect(remark.diagnostics).toEqual([]);
    expect(remark.model!.decisions.map((d) => [d.text, d.vote])).toEqual([
      ['reporter la réunion (voir annexe 2).', null],
      ['réserver le budget (pour 2017).', null],
    ]);
    const unreadable = await checkText(front('', 'Décision : adopter le budget (pour 12 contre 3).'));
    expect(unreadable.diagnostics).toMatchObject([
      {
        rule: 'schema/invalid',
        messageId: 'unreadableVote',
        line: 7,
        column: 30,
        message: expect.stringContaining('« (pour 12 contre 3) »'),
        note: 'Écrivez-le ainsi : (pour : 17, contre : 2, abstention : 1).',
      },
    ]);
    const fixed = await checkText(front('', 'Décision : adopter le budget (pour : 12, contre : 3).'));
    expect(fixed.diagnostics).toEqual([]);
  });

  it('prints resolutions, outcomes, proxies, quorum, the members’ table and the signatures', async () => {
    const { model } = await pv();
    const out = await renderMinutes(model!, 'pv', { draft: false });
    const html = out.find((o) => o.name === 'pv.html')!.bytes as string;
    const pdf = flat((await readPdf(out.find((o) => o.name === 'pv.pdf')!.bytes as Uint8Array)).text.join('\n'));
    for (const s of [
      'Procès-verbal',
      "Résolution n° 1 : approuver le procès-verbal de l'assemblée générale du 14 octobre 2015 — adoptée à l'unanimité",
      "Résolution n° 2 : approuver le rapport moral 2015-2016 — adoptée à l'unanimité (16 voix)",
      'adoptée par 14 voix pour, 0 contre et 2 abstentions',
      'rejetée par 5 voix pour, 9 contre et 2 abstentions',
      'Résolutions',
      '16 présents ou représentés sur 28 (12 présents, 4 représentés) ; quorum : 10, atteint',
      'Anne MOREAU (représentée par Claire MARCHAND), Pierre JOLY (représenté par Paul ROUSSEL), Nantes Métropole (représenté par Karim BENALI)',
      'Anne MOREAU Administratrice RACD Représentée par Claire MARCHAND',
      'Nantes Métropole Représenté par Karim BENALI',
      'Louise LAMBERT Chargée de coopération Ville de Poitiers Représentée par Élise FONTAINE',
      '— Communauté urbaine de Dunkerque Présent',
      'Feuille de présence des membres',
      '1 Claire MARCHAND RACD Anne MOREAU',
      'Certifié exact',
      'La présidente de séance Le secrétaire de séance Claire MARCHAND Karim BENALI',
    ]) {
      expect(pdf).toContain(s);
      expect(flat(html.replace(/<[^>]+>/g, ' ')).replace(/ +/g, ' ')).toContain(s.replace('PROCÈS-VERBAL', 'Procès-verbal'));
    }
    expect(pdf).not.toMatch(/Excusée? Anne MOREAU|Anne MOREAU Administratrice RACD Excusée/);
  });
});

describe('the project folder is found from the files', () => {
  const layout = () => {
    const root = tmp('layout');
    mkdirSync(path.join(root, 'minutes'));
    writeFileSync(
      path.join(root, 'event.yaml'),
      'event: { title: Séminaire }\npeople:\n  specq: { name: Tanguy SPECQ }\nminutes: [minutes/*.md]\ndays:\n  - { date: 2016-05-19, sessions: [] }\n',
    );
    writeFileSync(
      path.join(root, 'minutes', 'cr.md'),
      '---\ntitle: CR\nevent: ../event.yaml\ndate: 2016-05-19\npresent: [specq]\n---\n\n- [ ] Diffuser @specq\n- [ ] Relancer @spec\n',
    );
    return root;
  };
  const shape = (stdout: string) =>
    (JSON.parse(stdout).diagnostics as Array<{ file: string; line: number; column: number; rule: string; message: string }>).map((d) => ({
      ...d,
      file: path.basename(d.file),
    }));

  it('`cd minutes && coop check cr.md` checks the same as from the root or from anywhere', async () => {
    const root = layout();
    const fromRoot = await run(['check', '--format', 'json', 'minutes/cr.md'], root);
    const fromMinutes = await run(['check', '--format', 'json', 'cr.md'], path.join(root, 'minutes'));
    const fromElsewhere = await run(['check', '--format', 'json', path.join(root, 'minutes', 'cr.md')], tmpdir());
    expect(fromRoot.code).toBe(1);
    expect(shape(fromRoot.stdout)).toMatchObject([{ rule: 'ref/unknown', line: 9, message: expect.stringContaining('@specq') }]);
    expect(shape(fromMinutes.stdout)).toEqual(shape(fromRoot.stdout));
    expect(shape(fromElsewhere.stdout)).toEqual(shape(fromRoot.stdout));
    expect([fromMinutes.code, fromElsewhere.code]).toEqual([1, 1]);
  });

  it('`--templates` given from inside minutes/ may name the project’s template folder', async () => {
    const root = layout();
    writeFileSync(path.join(root, 'minutes', 'cr.md'), '---\ntitle: CR\nevent: ../event.yaml\ndate: 2016-05-19\n---\n\nTexte.\n');
    mkdirSync(path.join(root, 'modeles'));
    const minutes = path.join(root, 'minutes');
    const ok = await run(['build', 'cr.md', '--templates', '../modeles', '-o', path.join(root, 'out'), '--only', 'cr.html'], minutes);
    expect(ok.code, ok.stderr).toBe(0);
    const outside = await run(['build', 'cr.md', '--templates', '../..', '-o', path.join(root, 'out')], minutes);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('est hors du dossier du projet');
  });

  it('paths still never leave the project: an event beside the project, or too far above, is refused', async () => {
    const root = layout();
    mkdirSync(path.join(root, 'autre'));
    writeFileSync(path.join(root, 'autre', 'event.yaml'), readFileSync(path.join(root, 'event.yaml')));
    writeFileSync(path.join(root, 'minutes', 'voisin.md'), '---\ntitle: CR\nevent: ../autre/event.yaml\ndate: 2016-05-19\n---\n');
    const r = await run(['check', '--format', 'json', 'voisin.md'], path.join(root, 'minutes'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics).toMatchObject([
      { rule: 'ref/outside-project', messageId: 'leavesProject', line: 3, note: expect.stringContaining('dossiers au-dessus') },
    ]);
    const deep = path.join(root, 'a', 'b', 'c', 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'cr.md'), '---\ntitle: CR\nevent: ../../../../event.yaml\ndate: 2016-05-19\n---\n');
    expect(JSON.parse((await run(['check', '--format', 'json', 'cr.md'], deep)).stdout).diagnostics).toMatchObject([{ rule: 'ref/outside-project' }]);
    writeFileSync(path.join(deep, 'cr.md'), '---\ntitle: CR\nevent: ../../../event.yaml\ndate: 2016-05-19\n---\n');
    expect(JSON.parse((await run(['check', '--format', 'json', 'cr.md'], path.join(root, 'a', 'b', 'c', 'd'))).stdout).diagnostics).toMatchObject([
      { rule: 'ref/unknown', messageId: 'missing', message: expect.stringContaining('n’existe pas') },
    ]);
  });

  it('an event’s own folder is its project, wherever coop runs', async () => {
    const base = tmp('base');
    const root = path.join(base, 'projet');
    mkdirSync(root);
    writeFileSync(path.join(base, 'secret.csv'), 'name\nJean SECRET\n');
    writeFileSync(
      path.join(root, 'event.yaml'),
      'event: { title: Séminaire }\nattendees: [{ file: ../secret.csv }]\ndays:\n  - { date: 2016-05-19, sessions: [] }\n',
    );
    // Run from the folder above: the CSV is inside the current folder, but not inside the project.
    const r = await run(['check', '--format', 'json', 'projet/event.yaml'], base);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics).toMatchObject([{ rule: 'ref/outside-project', messageId: 'leavesProject', line: 2 }]);
  });
});

describe('actions across a series of meetings', () => {
  const series = () => {
    const dir = tmp('series');
    const head = (date: string) =>
      `---\ntitle: Groupe-pays Chine\ndate: ${date}\npeople:\n  soulage: { name: Bernard SOULAGE }\norganisations:\n  arf: { name: Association des Régions de France, short: ARF }\n  cuf: { name: Cités Unies France, short: CUF }\n---\n\n# Suites à donner\n\n`;
    writeFileSync(
      path.join(dir, '2015-10-06.md'),
      head('2015-10-06') +
        '- [ ] Diffuser le compte rendu aux collectivités absentes @arf et @cuf (échéance : 2015-10-30)\n- [ ] Préparer la restitution au comité #A12 @soulage\n- [ ] Réserver la salle @arf\n',
    );
    writeFileSync(
      path.join(dir, '2015-11-23.md'),
      head('2015-11-23') +
        '- [ ] Diffuser le compte-rendu aux collectivités absentes. @arf @cuf (échéance : 2015-12-15)\n- [x] Restituer au comité le résultat de la consultation #A12 @soulage\n- [ ] Établir la feuille de route @cuf\n',
    );
    writeFileSync(path.join(dir, '2016-01-12.md'), head('2016-01-12') + '- [x] Diffuser le compte rendu aux collectivités absentes @arf @cuf\n');
    return dir;
  };
  const files = ['2016-01-12.md', '2015-10-06.md', '2015-11-23.md'];

  it('an action opened, carried over, then closed is one action with its history', async () => {
    const dir = series();
    const json = JSON.parse((await run(['actions', '--format', 'json', '--all', '--today', '2016-02-01', ...files], dir)).stdout);
    const diffuse = json.actions.filter((a: { text: string }) => a.text.startsWith('Diffuser'));
    expect(diffuse).toHaveLength(1);
    expect(diffuse[0]).toMatchObject({ done: true, since: { date: '2015-10-06' }, carried: true, owners: ['ARF', 'CUF'] });
    expect(diffuse[0].history.map((h: { meeting: { date: string }; state: string }) => [h.meeting.date, h.state])).toEqual([
      ['2015-10-06', 'opened'],
      ['2015-11-23', 'carried'],
      ['2016-01-12', 'done'],
    ]);
    const a12 = json.actions.find((a: { id: string }) => a.id === 'A12');
    expect(a12).toMatchObject({ done: true, text: 'Restituer au comité le résultat de la consultation' });
    expect(json.actions).toHaveLength(4);
  });

  it('lists what is still open, carried over since its first meeting', async () => {
    const dir = series();
    const mid = await run(['actions', '--today', '2015-12-01', '2015-10-06.md', '2015-11-23.md'], dir);
    expect(mid.code).toBe(0);
    const lines = mid.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('Diffuser'))).toContain('reportée depuis le mardi 6 octobre 2015');
    expect(lines.some((l) => l.includes('A12'))).toBe(false);
    const end = await run(['actions', '--today', '2016-02-01', ...files], dir);
    expect(end.stdout).not.toContain('Diffuser');
    expect(end.stdout).toContain('Réserver la salle');
  });

  it('minutes built together print a carried-over action as such', async () => {
    const dir = series();
    const out = path.join(dir, 'out');
    expect((await run(['build', '-o', out, ...files], dir)).code).toBe(0);
    const second = flat((await readPdf(readFileSync(path.join(out, '2015-11-23.pdf')))).text.join('\n'));
    expect(second).toContain('Diffuser le compte-rendu aux collectivités absentes. ARF, CUF 15/12/2015 À faire reportée depuis le mardi 6 octobre 2015');
    expect(second.match(/reportée depuis/g)).toHaveLength(1);
    const first = flat((await readPdf(readFileSync(path.join(out, '2015-10-06.pdf')))).text.join('\n'));
    expect(first).not.toContain('reportée');
  });

  it('prints the history in actions.pdf', async () => {
    const dir = series();
    const out = path.join(dir, 'out');
    const r = await run(['actions', '--all', '--today', '2016-02-01', '-o', out, ...files], dir);
    expect(r.code).toBe(0);
    const pdf = flat((await readPdf(readFileSync(path.join(out, 'actions.pdf')))).text.join('\n'));
    expect(pdf).toContain('Historique');
    expect(pdf).toContain('Diffuser le compte rendu aux collectivités absentes ARF, CUF');
    expect(pdf).toContain('ouverte le 06/10/2015 ; reportée le 23/11/2015 ; faite le 12/01/2016');
    expect(pdf).toContain('Actions closes');
    const mid = path.join(dir, 'mid');
    await run(['actions', '--today', '2015-12-20', '-o', mid, '2015-10-06.md', '2015-11-23.md'], dir);
    const open = flat((await readPdf(readFileSync(path.join(mid, 'actions.pdf')))).text.join('\n'));
    expect(open).toContain('En retard reportée depuis le mardi 6 octobre 2015');
  });
});

describe('the examples', () => {
  for (const file of ['examples/groupe-pays-chine-2015/compte-rendu.md', 'examples/assemblee-generale-2016/pv-ag-2016.md']) {
    it(`${file} checks clean, infos included, and its front matter follows the JSON Schema`, async () => {
      const r = await run(['check', '--format', 'json', file], repo);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
      const { default: Ajv } = (await import('ajv')) as unknown as {
        default: new (o: object) => { compile(s: object): ((v: unknown) => boolean) & { errors?: unknown } };
      };
      const validate = new Ajv({ strict: false, allErrors: true }).compile(minutesJsonSchema());
      const text = readFileSync(path.join(repo, file), 'utf8');
      const { front } = await loadMinutesText(text, file);
      expect(validate(front!.value), JSON.stringify(validate.errors)).toBe(true);
    });
  }

  it('seed 003: only its own document (no programme, no sign-in sheet), organisations present without names, attachments, actions with their owners', async () => {
    const out = tmp('seed3');
    const r = await run(['build', 'examples/groupe-pays-chine-2015/compte-rendu.md', '-o', out], repo);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => path.basename(l))
        .sort(),
    ).toEqual(['compte-rendu.docx', 'compte-rendu.html', 'compte-rendu.pdf']);
    const pdf = await readPdf(readFileSync(path.join(out, 'compte-rendu.pdf')));
    const text = flat(pdf.text.join('\n'));
    for (const s of [
      'mardi 6 octobre 2015, de 15 h 30 à 17 h 30',
      'Présents (11)',
      "Région Alsace, Ville d'Arras",
      "Protocole d'accord APCAE–ACCR",
      '— Ville de Colmar Présent',
      'Diffuser le compte rendu aux collectivités absentes pour recueillir leurs avis ARF, CUF 30/10/2015',
      "Définir les modalités d'inscription au comité conjoint DAECT, ARF, CUF",
      'représenté par Jean-Claude LEVY (référent Chine)',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('@');
    expect(pdf.info).toMatchObject({ Subject: 'Compte rendu — mardi 6 octobre 2015', Author: 'Association des Régions de France, Cités Unies France' });
  });

  it('the committed schema/minutes.schema.json is `coop schema --minutes`', async () => {
    const r = await run(['schema', '--minutes']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(repo, 'schema', 'minutes.schema.json'), 'utf8')).toBe(r.stdout); // regenerate: coop schema --minutes > schema/minutes.schema.json
  });
});
