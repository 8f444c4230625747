/**
 * coop diff (FORMAT.md §5.4): pairs of real programmes edited the way secretariats edit them
 * (test/fixtures/diff-<case>/old.yaml and new.yaml, with the expected report in every format),
 * the matching rules on small edits, the change notice, and git revisions.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEvents, changeKinds, type Change } from '../src/diff/compare.js';
import { loadEventText } from '../src/load.js';
import { readPdf } from './pdf-read.js';
import { run } from './helpers.js';
import { expectFixture, fixtureCases } from './fixture-harness.js';
import { fixturesRoot as root } from './helpers.js';

const cases = fixtureCases('diff');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-diff-'));

describe('coop diff on edited real programmes', () => {
  it('has the cases', () => expect(cases).toEqual(expect.arrayContaining(['diff-seminaire-2012', 'diff-universites-automne'])));
  for (const name of cases) {
    it(`${name}: text, JSON and Markdown, French and English`, async () => {
      const dir = path.join(root, name);
      for (const [format, lang, file] of [
        ['text', 'fr', 'expected.txt'],
        ['text', 'en', 'expected.en.txt'],
        ['json', 'fr', 'expected.json'],
        ['markdown', 'fr', 'expected.md'],
      ] as const) {
        const r = await run(['diff', 'old.yaml', 'new.yaml', '--format', format, '--lang', lang], dir);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expectFixture(path.join(dir, file), r.stdout);
      }
      const json = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { changes: Array<Record<string, unknown>> };
      for (const c of json.changes) {
        expect(changeKinds).toContain(c.kind);
        expect(Object.keys(c).filter((k) => k !== 'item')).toEqual(['kind', 'message', 'old', 'new', 'file', 'line']);
        expect(c.file).toBe(String(c.kind).endsWith('-removed') && c.kind !== 'speaker-removed' ? 'old.yaml' : 'new.yaml');
        expect(JSON.stringify(c)).not.toMatch(/\[object|undefined|NaN/);
      }
    });
  }

  it('the 2012 seminar: a talk moved, a representative, a debate five minutes later, a session dropped', async () => {
    const r = await run(['diff', 'old.yaml', 'new.yaml', '--format', 'json'], path.join(root, 'diff-seminaire-2012'));
    const changes = JSON.parse(r.stdout).changes as Array<{ kind: string; message: string; old: unknown; new: unknown; line: number }>;
    expect(changes.map((c) => c.kind)).toEqual(['speaker-represented', 'item-moved', 'item-moved', 'item-moved', 'session-removed']);
    // The talk that moved to the next day is one move, not a removal and an addition.
    const talk = changes.find((c) => c.message.includes('porteuse des expertises'))!;
    expect(talk.kind).toBe('item-moved');
    expect(talk.message).toBe(
      '« L’action extérieure des CT en tant que porteuse des expertises territoriales » passe du jeudi 1er\u00a0mars\u00a02012, 16\u00a0h\u00a030, au vendredi 2\u00a0mars\u00a02012, 9\u00a0h\u00a050 (séance IV)',
    );
    expect(talk.old).toMatchObject({ date: '2012-03-01', start: '16:30', end: '16:40', session: 'Valeur ajoutée de l’action extérieure des CT' });
    expect(talk.new).toMatchObject({ date: '2012-03-02', start: '09:50', end: '10:00', session: 'Champ des recommandations' });
    expect(changes[0]).toMatchObject({
      message: '« Présentation de la problématique du séminaire » : Michel DELEBARRE sera représenté par Sophie LE BRETON',
      old: { name: 'Michel DELEBARRE', represented_by: null },
      new: { name: 'Michel DELEBARRE', represented_by: 'Sophie LE BRETON' },
      line: 247,
    });
    expect(changes[1].message).toBe('« Débat » commence à 10\u00a0h\u00a045 au lieu de 10\u00a0h\u00a040');
    // The dropped round table is one removal: its item and nine speakers go with it.
    expect(changes[4].message).toBe('Séance supprimée : « Table ronde terminale », vendredi 2\u00a0mars\u00a02012, 11\u00a0h\u00a0– 13\u00a0h\u00a030');
  });

  it('--exit-code: 1 when something changed, 0 when nothing did', async () => {
    const dir = path.join(root, 'diff-seminaire-2012');
    expect((await run(['diff', 'old.yaml', 'new.yaml', '--exit-code'], dir)).code).toBe(1);
    expect((await run(['diff', 'old.yaml', 'new.yaml'], dir)).code).toBe(0);
    const same = await run(['diff', 'old.yaml', 'old.yaml', '--exit-code'], dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('old.yaml → old.yaml\u00a0: aucune modification.\n');
  });
});

/** Load two versions written inline. */
function diff(before: string, after: string): Change[] {
  const a = loadEventText(before, 'old.yaml');
  const b = loadEventText(after, 'new.yaml');
  expect(a.problems.filter((p) => !p.rule.startsWith('people'))).toEqual([]);
  expect(b.problems).toEqual([]);
  return compareEvents({ model: a.model!, source: a.source! }, { model: b.model!, source: b.source! });
}

const base = `
event: { title: Séminaire }
people:
  coz: { name: Hélène COZ, civility: Mme }
  martin: { name: Paul MARTIN, civility: M. }
  lebreton: { name: Sophie LE BRETON, civility: Mme }
rooms:
  opera: { name: Salle Opéra }
  rhone: { name: Salle Rhône }
days:
  - date: 2026-03-12
    sessions:
      - id: matin
        title: Matinée
        room: rhone
        start: 9h
        end: 12h
        items:
          - { title: Accueil, kind: welcome, start: 9h, end: 9h30 }
          - { title: Débat, kind: debate, start: 9h30, end: 10h }
          - { title: La pêche à Madagascar, start: 10h, end: 10h30, speakers: [coz] }
          - { title: Débat, kind: debate, start: 10h30, end: 11h }
          - { title: Table ronde, kind: roundtable, start: 11h, end: 12h, speakers: [martin] }
`;
const edit = (pairs: Array<[string, string]>) =>
  pairs.reduce(
    (s, [a, b]) =>
      s.includes(a)
        ? s.replace(a, b)
        : (() => {
            throw new Error(`not in the event: ${a}`);
          })(),
    base,
  );
const kinds = (c: Change[]) => c.map((x) => x.kind);
const fr = (c: Change[]) => c.map((x) => x.message.fr);

describe('matching items across versions', () => {
  it('finds no change in a file written differently (times, quotes, key order)', () => {
    const rewritten = edit([
      ['{ title: Accueil, kind: welcome, start: 9h, end: 9h30 }', '{ kind: welcome, title: "Accueil", start: "09:00", end: "9 h 30" }'],
      ['start: 9h\n', 'start: "09:00"\n'],
    ]);
    expect(diff(base, rewritten)).toEqual([]);
  });

  it('a time changed by five minutes', () => {
    const c = diff(base, edit([['start: 10h, end: 10h30', 'start: 10h05, end: 10h35']]));
    expect(fr(c)).toEqual(['« La pêche à Madagascar » passe de 10\u00a0h à 10\u00a0h\u00a005']);
  });

  it('a removed debate is the right one of two with the same title', () => {
    const c = diff(base, edit([['          - { title: Débat, kind: debate, start: 10h30, end: 11h }\n', '']]));
    expect(kinds(c)).toEqual(['item-removed']);
    expect(c[0].message.fr).toContain('10\u00a0h\u00a030\u00a0– 11\u00a0h');
  });

  it('a retitled talk with the same speaker is a retitle, a replaced speaker a removal and an addition', () => {
    const c = diff(
      base,
      edit([['La pêche à Madagascar, start: 10h, end: 10h30, speakers: [coz]', 'Pêche et aquaculture à Madagascar, start: 10h, end: 10h30, speakers: [coz]']]),
    );
    expect(fr(c)).toEqual(['« La pêche à Madagascar » devient « Pêche et aquaculture à Madagascar »']);
    const replaced = diff(base, edit([['speakers: [martin]', 'speakers: [lebreton]']]));
    expect(kinds(replaced)).toEqual(['speaker-removed', 'speaker-added']);
    expect(fr(replaced)).toEqual(['« Table ronde » : Paul MARTIN n’intervient plus', '« Table ronde » : Sophie LE BRETON rejoint les intervenants']);
  });

  it('a representative, a status, with French agreement', () => {
    const c = diff(
      base,
      edit([
        ['speakers: [coz]', 'speakers: [{ person: coz, status: declined }]'],
        ['speakers: [martin]', 'speakers: [{ person: martin, represented_by: lebreton }]'],
      ]),
    );
    expect(c.map((x) => [x.kind, x.message.fr])).toEqual([
      ['speaker-status', '« La pêche à Madagascar » : Hélène COZ est désormais excusée (auparavant confirmée)'],
      ['speaker-represented', '« Table ronde » : Paul MARTIN sera représenté par Sophie LE BRETON'],
    ]);
    expect(c[1].message.en).toBe('“Table ronde”: Paul MARTIN will be represented by Sophie LE BRETON');
    expect(c[1].new).toEqual({ name: 'Paul MARTIN', status: 'confirmed', represented_by: 'Sophie LE BRETON' });
  });

  it('a session moved to another room and hour: « Table ronde » passe de 11 h à 14 h, salle Opéra', () => {
    const after =
      edit([
        ['          - { title: Table ronde, kind: roundtable, start: 11h, end: 12h, speakers: [martin] }\n', ''],
        ['end: 12h\n', 'end: 11h\n'],
      ]) + `      - { title: Table ronde, room: opera, start: 14h, end: 15h, items: [{ title: Table ronde, kind: roundtable, speakers: [martin] }] }\n`;
    const c = diff(base, after);
    // The item left the morning session for an afternoon one: one move, and the new session.
    expect(kinds(c)).toEqual(['session-moved', 'session-added', 'item-moved']);
    expect(c[0].message.fr).toBe('La séance « Matinée » finit à 11\u00a0h au lieu de 12\u00a0h');
    expect(c[2].message.fr).toBe('« Table ronde » passe de 11\u00a0h à 14\u00a0h (séance « Table ronde »), salle Opéra');
    expect(c[2].message.en).toBe('“Table ronde” moves from 11:00 to 14:00 (session “Table ronde”), Salle Opéra');
  });

  it('a new item, and a session that changed room only', () => {
    const c = diff(
      base,
      edit([
        ['room: rhone', 'room: opera'],
        ['          - { title: Table ronde', '          - { title: Synthèse, start: 12h, end: 12h15, speakers: [coz] }\n          - { title: Table ronde'],
        ['end: 12h\n', 'end: 12h15\n'],
      ]),
    );
    expect(fr(c)).toEqual([
      'La séance « Matinée » finit à 12\u00a0h\u00a015 au lieu de 12\u00a0h, salle Opéra',
      'Nouveau point : « Synthèse », jeudi 12\u00a0mars\u00a02026, 12\u00a0h\u00a0– 12\u00a0h\u00a015 (séance « Matinée »), avec Hélène COZ',
    ]);
    const roomOnly = diff(base, edit([['room: rhone', 'room: opera']]));
    expect(fr(roomOnly)).toEqual(['La séance « Matinée » change de salle : salle Opéra au lieu de salle Rhône']);
  });
});

describe('coop diff -o: the change notice', () => {
  it('writes modifications.html and .pdf: the changes, and only the sessions that changed', async () => {
    const out = tmp();
    const r = await run(['diff', 'old.yaml', 'new.yaml', '-o', out, '--date', '2026-03-12'], path.join(root, 'diff-seminaire-2012'));
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['modifications.html', 'modifications.pdf']);
    const html = readFileSync(path.join(out, 'modifications.html'), 'utf8');
    const pdf = await readPdf(readFileSync(path.join(out, 'modifications.pdf')));
    const pdfText = pdf.text.join('\n').replace(/\s+/g, ' ');
    const htmlText = html
      .replace(/<style[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x[0-9A-F]+;|&[a-z]+;/gi, ' ')
      .replace(/\s+/g, ' ');
    for (const text of [pdfText, htmlText]) {
      const plain = text.replace(/[\u00a0\u202f]/g, ' ');
      expect(plain).toContain('Programme modifié au 12 mars 2026'.replace(/ /g, ' '));
      expect(plain).toContain('Michel DELEBARRE sera représenté par Sophie LE BRETON');
      expect(plain).toContain('Séance supprimée');
      // The sessions that changed (the opening, I, III that the talk left, IV), and not II.
      expect(plain).toContain('Actions significatives des CT');
      expect(plain).toContain('Champ des recommandations');
      expect(plain).toContain('Valeur ajoutée de l’action extérieure des CT');
      expect(plain).not.toContain('Dynamique des actions de coopération en réseau');
    }
    expect(pdf.info.Title).toBe(
      'Programme modifié au 12\u00a0mars\u00a02026 — La dimension économique du développement durable dans la coopération décentralisée : quelles synergies ?',
    );
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
    expect(pdf.sizes[0].map(Math.round)).toEqual([595, 842]);
    expect(html).toContain('<html lang="fr"');
  });

  it('refuses a --date that is not a date (exit 2)', async () => {
    const r = await run(['diff', 'old.yaml', 'new.yaml', '-o', tmp(), '--date', '12/03/2026'], path.join(root, 'diff-seminaire-2012'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date : « 12/03/2026 » n’est pas une date écrite AAAA-MM-JJ');
  });
});

describe('coop diff against a git revision', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Secrétariat',
        GIT_AUTHOR_EMAIL: 's@example.org',
        GIT_COMMITTER_NAME: 'Secrétariat',
        GIT_COMMITTER_EMAIL: 's@example.org',
      },
      stdio: 'pipe',
    });

  it('compares the working copy or a later commit with a revision, from any folder', async () => {
    const repo = tmp();
    git(repo, 'init', '-q');
    mkdirSync(path.join(repo, 'seminaire'));
    const file = path.join(repo, 'seminaire', 'event.yaml');
    cpSync(path.join(root, 'diff-seminaire-2012', 'old.yaml'), file);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'programme');
    cpSync(path.join(root, 'diff-seminaire-2012', 'new.yaml'), file);
    const files = JSON.parse((await run(['diff', path.join(root, 'diff-seminaire-2012', 'old.yaml'), file, '--format', 'json'])).stdout);
    // Uncommitted edits against HEAD, from the repository's root.
    const head = await run(['diff', 'HEAD', 'seminaire/event.yaml', '--format', 'json'], repo);
    expect(head.stderr).toBe('');
    expect(head.code).toBe(0);
    const changes = JSON.parse(head.stdout).changes;
    expect(changes.map((c: Change) => [c.kind, c.message, c.line])).toEqual(files.changes.map((c: Change) => [c.kind, c.message, c.line]));
    expect(changes.at(-1).file).toBe('HEAD:seminaire/event.yaml'); // the removal points into the old version
    expect(changes[0].file).toBe('seminaire/event.yaml');
    // Committed, then compared with the commit before, from the event's folder (FILE defaults to event.yaml).
    git(repo, 'commit', '-q', '-am', 'programme modifié');
    const previous = await run(['diff', 'HEAD~1', '--format', 'markdown', '--exit-code'], path.join(repo, 'seminaire'));
    expect(previous.code).toBe(1);
    expect(previous.stdout).toContain('De <code>HEAD~1:event.yaml</code> à <code>event.yaml</code>\u00a0: 5\u00a0modifications.');
    expect(previous.stdout).toContain('- « Débat » commence à 10\u00a0h\u00a045 au lieu de 10\u00a0h\u00a040');
    expect((await run(['diff', 'HEAD', '--exit-code'], path.join(repo, 'seminaire'))).code).toBe(0);
  });

  it('says plainly what is wrong: no repository, unknown revision, a file the revision lacks (exit 2)', async () => {
    const outside = tmp();
    cpSync(path.join(root, 'diff-seminaire-2012', 'new.yaml'), path.join(outside, 'event.yaml'));
    const r = await run(['diff', 'HEAD~1', 'event.yaml'], outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('coop: "event.yaml" is not in a git repository: compare two files instead (coop diff OLD.yaml NEW.yaml).\n');

    const repo = tmp();
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, 'README.md'), 'réseau\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'start');
    cpSync(path.join(root, 'diff-seminaire-2012', 'new.yaml'), path.join(repo, 'event.yaml'));
    const unknown = await run(['diff', 'v9', 'event.yaml'], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git revision "v9"');
    const absent = await run(['diff', 'HEAD', 'event.yaml'], repo);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('"event.yaml" does not exist in HEAD');
    const option = await run(['diff', '--', '--output=x', 'event.yaml'], repo);
    expect(option.code).toBe(2);
    expect(existsSync(path.join(repo, 'x'))).toBe(false);
    for (const res of [r, unknown, absent, option]) expect(res.stderr).not.toMatch(/internal error|bug in coop|\n\s+at /);
  });
});

describe('coop diff usage and input errors', () => {
  const dir = path.join(root, 'diff-seminaire-2012');

  it('one file, or a missing file, is a usage error (exit 2)', async () => {
    const one = await run(['diff', 'old.yaml'], dir);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('expected two event files');
    const missing = await run(['diff', 'old.yaml', 'nouveau.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('impossible de lire « nouveau.yaml » : ce fichier n’existe pas');
    const minutes = await run(['diff', 'old.yaml', '../../../examples/reunion-sud-est-2016/minutes/compte-rendu.md'], dir);
    expect(minutes.code).toBe(2);
    expect(minutes.stderr).toContain('is a minutes file: coop diff compares programmes');
    const missingOld = await run(['diff', 'ancien.yaml', 'new.yaml'], dir);
    expect(missingOld.code).toBe(2);
    expect(missingOld.stderr).toContain('impossible de lire « ancien.yaml »');
  });

  it('a version that cannot be read gives its diagnostics and exit 1', async () => {
    const work = tmp();
    cpSync(path.join(dir, 'old.yaml'), path.join(work, 'old.yaml'));
    writeFileSync(path.join(work, 'new.yaml'), readFileSync(path.join(dir, 'new.yaml'), 'utf8').replace('start: 10h45', 'start: 10h45\n    title: [oops'));
    const r = await run(['diff', 'old.yaml', 'new.yaml', '--format', 'json'], work);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/new\.yaml:\d+:\d+ {2}error .* syntax\/yaml/);
    expect(r.stderr).toContain('coop: cannot compare: new.yaml cannot be read (errors above).');
  });

  it('control characters of a title never reach the terminal', async () => {
    const work = tmp();
    const old = readFileSync(path.join(dir, 'old.yaml'), 'utf8');
    writeFileSync(path.join(work, 'old.yaml'), old);
    writeFileSync(path.join(work, 'new.yaml'), old.replace('title: "Table ronde terminale"', 'title: "Table ronde\\u001b[31m terminale\\u0007"'));
    const r = await run(['diff', 'old.yaml', 'new.yaml'], work);
    expect(r.stdout).toContain('Table ronde\ufffd[31m terminale\ufffd');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
