/**
 * Messages declared, not assembled (issue #17): every rule's `messages` use the same
 * placeholders in French and English, the registry refuses a report whose data does not
 * match its template, and the diagnostics carry the id of their message.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { allRules, messagesOf, rules, stamp } from '../src/checks/registry.js';
import { messageText } from '../src/checks/messages.js';
import { placeholders, type Messages } from '../src/diagnostics/types.js';
import { tx, type Text } from '../src/i18n.js';
import type { Rule } from '../src/checks/types.js';
import { unlikelyYear, unlikelyYearRule } from '../src/checks/rules/unlikely-year.js';
import { checkEventFile, checkProject, templateDiagnostics } from '../src/project.js';
import { loadEventText } from '../src/load.js';
import { checkLevels } from '../src/checks/registry.js';
import { loadMinutesText } from '../src/minutes/model.js';
import { readConfined, refusalRule } from '../src/source/read.js';
import { pathProblem } from '../src/source/path-problem.js';
import { decodeText } from '../src/source/text.js';
import { bidiControlProblem, controlMessage } from '../src/source/clean.js';
import { checkMarkdownTree, MarkdownScanner } from '../src/source/markdown-limits.js';
import { parseMarkdown } from '../src/source/markdown.js';
import { readAttendeeFile, type AttendeeFileOptions } from '../src/attendees/file.js';
import { SHEET_LIMITS } from '../src/attendees/workbook.js';
import { AssetNames, readProjectImage } from '../src/source/project-images.js';
import { TemplateError } from '../src/render/templates.js';
import { makeXlsx } from './workbooks.js';
import { formatJson } from '../src/diagnostics/reporters/json.js';
import { formatSarif } from '../src/diagnostics/reporters/sarif.js';
import { fixturesRoot } from './helpers.js';

const check = (name: string) => checkEventFile(path.join(fixturesRoot, name, 'event.yaml'), 'event.yaml');

describe('rule messages', () => {
  it('are declared by every rule', () => {
    for (const rule of allRules) expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
  });
  for (const rule of allRules) {
    for (const [id, t] of Object.entries(rule.messages)) {
      it(`${rule.id} ${id}: same placeholders in both languages, nothing left unfilled`, () => {
        expect(t.fr.trim(), 'French').not.toBe('');
        expect(t.en.trim(), 'English').not.toBe('');
        expect(placeholders(t.fr).sort()).toEqual(placeholders(t.en).sort());
        // A brace against a word that is not a {placeholder} ("{name", "name}") would be printed
        // as it is; a YAML example with spaces inside (`event: { title }`) is meant literally.
        for (const s of [t.fr, t.en]) expect(s.replace(/\{\w+\}/g, '')).not.toMatch(/\{\w|\w\}|\{\}/);
      });
    }
  }
});

/** Every .ts file of src/, with its text. */
const srcDir = path.join(import.meta.dirname, '..', 'src');
const srcFiles = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f.split(path.sep).join('/'), text: readFileSync(path.join(srcDir, f), 'utf8') }));

/** The message tables src/ exports (`export const fooMessages = {…}`), by name, with the file that declares each. */
async function messageTables(): Promise<Map<string, { file: string; table: Messages }>> {
  const out = new Map<string, { file: string; table: Messages }>();
  for (const { file, text } of srcFiles) {
    for (const m of text.matchAll(/export const (\w+Messages)\b/g)) {
      const mod = (await import(path.join(srcDir, file))) as Record<string, Messages>;
      out.set(m[1], { file, table: mod[m[1]] });
    }
  }
  return out;
}

const same = (a: Text | undefined, b: Text) => a !== undefined && a.fr === b.fr && a.en === b.en;

describe('every message id used in src/ has a French and an English text', () => {
  it('every exported table: non-empty texts, the same placeholders, each message listed by a rule', async () => {
    const tables = await messageTables();
    expect(tables.size).toBeGreaterThan(20);
    const unlisted: string[] = [];
    for (const [name, { file, table }] of tables) {
      for (const [id, t] of Object.entries(table)) {
        const where = `${file} ${name}.${id}`;
        expect(t.fr?.trim(), `${where}: French`).toBeTruthy();
        expect(t.en?.trim(), `${where}: English`).toBeTruthy();
        expect(placeholders(t.fr).sort(), where).toEqual(placeholders(t.en).sort());
        if (!allRules.some((r) => same(r.messages[id], t))) unlisted.push(where);
      }
    }
    // A table the registry does not list: stamp() would refuse its diagnostics.
    expect(unlisted).toEqual([]);
  });

  it('each id a stage names (stageMessage, formatMessage) is in the table it names, and its rule lists it', async () => {
    const tables = await messageTables();
    const call = /\b(stageMessage|formatMessage)\(\s*('[^']+'|[^,]+),\s*(\w+),\s*(?:\{\s*messageId:\s*)?'(\w+)'/g;
    const problems: string[] = [];
    let seen = 0;
    for (const { file, text } of srcFiles) {
      for (const m of text.matchAll(call)) {
        const [, , ruleArg, tableName, id] = m;
        seen++;
        const table = tables.get(tableName)?.table;
        if (!table) {
          problems.push(`${file}: ${tableName} is not an exported message table`);
          continue;
        }
        if (!table[id]) {
          problems.push(`${file}: ${tableName} has no message "${id}"`);
          continue;
        }
        // A literal rule must list that very text under that id.
        if (ruleArg.startsWith("'") && !same(rules.get(ruleArg.slice(1, -1))?.messages?.[id], table[id])) {
          problems.push(`${file}: rule ${ruleArg} does not list ${tableName}.${id}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it("each id a rule reports ({ messageId: '…' }) is declared by a rule or table of its file", async () => {
    const tables = await messageTables();
    const problems: string[] = [];
    for (const { file, text } of srcFiles) {
      const ids = [...text.matchAll(/messageId: '(\w+)'/g)].map((m) => m[1]);
      if (ids.length === 0) continue;
      const mod = (await import(path.join(srcDir, file))) as Record<string, unknown>;
      const declared: Messages[] = [];
      for (const v of Object.values(mod)) {
        if (v && typeof v === 'object' && 'messages' in v && 'id' in v) declared.push((v as { messages: Messages }).messages);
      }
      for (const [name, { table }] of tables) if (new RegExp(`\\b${name}\\b`).test(text)) declared.push(table);
      for (const id of ids) {
        const t = declared.find((d) => d[id])?.[id];
        if (!t || !t.fr.trim() || !t.en.trim()) problems.push(`${file}: "${id}" has no French or no English text`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('stamp() refuses a diagnostic whose rule does not declare its message id', () => {
    const place = { file: 'event.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
    expect(() => stamp('schema/invalid', { messageId: 'noSuchMessage', message: tx('a', 'b'), place }, { locale: 'fr' })).toThrow(
      /rule schema\/invalid does not declare message "noSuchMessage"/,
    );
    // An id of another rule is not enough.
    expect(() => stamp('syntax/markdown', { messageId: 'control', message: tx('a', 'b'), place }, { locale: 'fr' })).toThrow(/does not declare/);
    expect(stamp('syntax/markdown', { messageId: 'nestedTree', message: tx('a', 'b'), place }, { locale: 'en' })).toMatchObject({
      messageId: 'nestedTree',
      message: 'b',
    });
  });

  it('two tables of one rule cannot give one id two texts', () => {
    expect(() => messagesOf('x/y', { a: tx('un', 'one') }, { a: tx('deux', 'two') })).toThrow(/rule x\/y has two messages "a"/);
    expect(messagesOf('x/y', { a: tx('un', 'one') }, { a: tx('un', 'one'), b: tx('deux', 'two') })).toEqual({ a: tx('un', 'one'), b: tx('deux', 'two') });
  });
});

describe('messageText', () => {
  const rule: Rule = {
    id: 'test/rule',
    severity: 'info',
    description: 'A test rule.',
    messages: { said: { fr: '{who} a dit « {what} »', en: '{who} said "{what}"' } },
  };
  it('fills each placeholder, language by language', () => {
    expect(messageText(rule, { messageId: 'said', data: { who: 'Anne', what: { fr: 'oui', en: 'yes' } } })).toEqual({
      fr: 'Anne a dit « oui »',
      en: 'Anne said "yes"',
    });
  });
  it('refuses a missing value, an extra value and an unknown id', () => {
    expect(() => messageText(rule, { messageId: 'said', data: { who: 'Anne' } })).toThrow(/no value for \{what\}/);
    expect(() => messageText(rule, { messageId: 'said', data: { who: 'Anne', what: 'x', when: 'now' } })).toThrow(/no placeholder for when/);
    expect(() => messageText(rule, { messageId: 'told' })).toThrow(/no message "told"/);
  });
  it('does not read a placeholder from the prototype', () => {
    const r: Rule = { ...rule, messages: { m: { fr: '{constructor}', en: '{constructor}' } } };
    expect(() => messageText(r, { messageId: 'm', data: {} })).toThrow(/no value for \{constructor\}/);
  });
});

describe('schedule/unlikely-year', () => {
  it('says the year written, the date and the likely one, as before', () => {
    const found = unlikelyYear('0026-03-01', new Date('2026-01-01T00:00:00Z'));
    expect(found?.messageId).toBe('farYear');
    expect(found && messageText(unlikelyYearRule, found)).toEqual({
      fr: 'L’année 0026 (0026-03-01) est loin d’aujourd’hui : une faute de frappe ? (une date comme 2026-03-01 est attendue ; le calendrier et les exports placeraient l’événement en l’an 26).',
      en: 'The year 0026 (0026-03-01) is far from today: a typing mistake? (a date such as 2026-03-01 is expected; calendars and exports would place the event in the year 26).',
    });
    expect(unlikelyYear('2025-03-01', new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('diagnostics carry their message id', () => {
  const cases: Array<[fixture: string, rule: string, ids: string[]]> = [
    ['item-overlap', 'schedule/item-overlap', ['overlap']],
    ['session-overlap', 'schedule/session-overlap', ['overlap']],
    ['outside-session', 'schedule/outside-session', ['startsBefore', 'endsAfter']],
    ['slot-too-short', 'schedule/slot-too-short', ['tooShort']],
    ['gap', 'schedule/gap', ['beforeFirst', 'between', 'afterLast']],
    ['invalid-email', 'people/invalid-email', ['malformed']],
    ['room-unassigned', 'venue/room-unassigned', ['noRoom']],
    ['day-order', 'schedule/day-order', ['outOfOrder']],
    ['duplicate-day', 'schedule/duplicate-day', ['sameDate']],
    ['duplicate-speaker', 'schedule/duplicate-speaker', ['twice']],
    ['nonexistent-time', 'schedule/nonexistent-time', ['skipped']],
    ['over-capacity', 'venue/over-capacity', ['event', 'room']],
    ['duplicate-item', 'schedule/duplicate-item', ['sameTitle', 'similarTitle']],
    ['unconfirmed', 'people/unconfirmed', ['declined', 'toConfirm']],
    ['near-duplicate', 'people/near-duplicate', ['same', 'typo']],
    ['speaker-double-booked', 'schedule/speaker-double-booked', ['twoPlaces']],
    ['unused', 'ignore/unused', ['silencesNothing', 'unknownRuleGuess', 'cannotSilence']],
    // Found while reading and validating the file (source/yaml.ts, model/zod-issues.ts, model/refs.ts).
    ['schema-unknown-key', 'schema/invalid', ['unknownKeyGuess']],
    ['schema-missing', 'schema/invalid', ['missingKey']],
    ['schema-wrong-type', 'schema/invalid', ['wrongType', 'invalidValue', 'noBranch', 'speakerWho']],
    ['schema-bad-time', 'schema/invalid', ['notDate', 'notTime', 'notDuration']],
    ['schema-bad-timezone', 'schema/invalid', ['notTimeZone']],
    ['syntax-duplicate-key', 'syntax/yaml', ['duplicateKey']],
    ['syntax-tabs', 'syntax/yaml', ['tabIndent']],
    ['syntax-yaml', 'syntax/yaml', ['missingComma']],
    ['syntax-alias-bomb', 'syntax/yaml', ['aliasBomb']],
    ['syntax-deep', 'syntax/yaml', ['tooDeep']],
    ['ref-unknown', 'ref/unknown', ['unknown', 'unknownGuess']],
  ];
  for (const [fixture, rule, ids] of cases) {
    it(`${fixture}: ${rule} reports ${ids.join(', ')}`, async () => {
      const { diagnostics } = await check(fixture);
      const found = [...new Set(diagnostics.filter((d) => d.rule === rule).map((d) => d.messageId))].sort();
      expect(found).toEqual([...ids].sort());
    });
  }
  const minutesCases: Array<[rule: string, ids: string[]]> = [
    ['minutes/action-owner', ['noOwner']],
    ['minutes/due-before-meeting', ['dueBefore']],
    ['minutes/proxy', ['givenTwice', 'holderAbsent', 'giverPresent']],
    ['minutes/approved-before-meeting', ['approvedBefore']],
    ['minutes/date-not-in-event', ['notADay']],
    ['minutes/vote-count', ['tooManyVotes']],
    ['minutes/quorum', ['notReached']],
    ['minutes/speaker-not-present', ['notPresent', 'listedAway', 'orgNotPresent']],
  ];
  for (const [rule, ids] of minutesCases) {
    it(`minutes ${rule} reports ${ids.join(', ')}`, async () => {
      const file = path.join(fixturesRoot, `minutes-${rule.split('/')[1]}`, 'minutes.md');
      const { diagnostics } = await checkProject([{ abs: file, display: 'minutes.md' }], { cwd: path.dirname(file), env: {} });
      const found = [...new Set(diagnostics.filter((d) => d.rule === rule).map((d) => d.messageId))].sort();
      expect(found).toEqual([...ids].sort());
    });
  }
  it('minutes ref/unknown reports its ids, for front-matter references and for @mentions of the body', async () => {
    const file = path.join(fixturesRoot, 'minutes-ref-unknown', 'minutes.md');
    const { diagnostics } = await checkProject([{ abs: file, display: 'minutes.md' }], { cwd: path.dirname(file), env: {} });
    const found = new Set(diagnostics.filter((d) => d.rule === 'ref/unknown').map((d) => d.messageId));
    for (const id of ['unknown', 'unknownMention', 'unknownOwnerGuess']) expect(found).toContain(id);
  });
  it('in JSON and SARIF', async () => {
    const { diagnostics } = await check('item-overlap');
    const json = JSON.parse(formatJson(diagnostics)) as { diagnostics: Array<{ rule: string; messageId?: string }> };
    expect(json.diagnostics.find((d) => d.rule === 'schedule/item-overlap')?.messageId).toBe('overlap');
    const sarif = JSON.parse(formatSarif(diagnostics, allRules, '0')) as {
      runs: Array<{ results: Array<{ ruleId: string; message: { id?: string; text: string } }> }>;
    };
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'schedule/item-overlap');
    expect(result?.message.id).toBe('overlap');
    expect(result?.message.text).toMatch(/chevauche/);
  });
  it('in JSON and SARIF, for a stage message too', async () => {
    const { diagnostics } = await check('schema-undetermined-time');
    const json = JSON.parse(formatJson(diagnostics)) as { diagnostics: Array<{ rule: string; messageId: string }> };
    expect(json.diagnostics.map((d) => d.messageId)).toEqual(['noStart', 'itemEndsBeforeStart', 'noEndNext']);
    const sarif = JSON.parse(formatSarif(diagnostics, allRules, '0')) as { runs: Array<{ results: Array<{ message: { id: string } }> }> };
    expect(sarif.runs[0].results.map((r) => r.message.id)).toEqual(['noStart', 'itemEndsBeforeStart', 'noEndNext']);
  });
});

describe('stage messages carry their id, one case each', () => {
  const place = { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const ids = (problems: Array<{ rule: string; messageId: string }>) => problems.map((p) => `${p.rule} ${p.messageId}`);
  const day = (sessions: string) => `event: { title: T }\ndays:\n  - date: 2016-05-19\n    sessions:\n${sessions}`;

  it('the event model: empty file, a session id twice, an end and a duration that disagree, an end that cannot be told', () => {
    expect(ids(loadEventText('', 'event.yaml').problems)).toEqual(['schema/invalid emptyFile']);
    const twice = day('      - { id: s1, title: A, start: 9h, end: 10h }\n      - { id: s1, title: B, start: 10h, end: 11h }\n');
    expect(ids(loadEventText(twice, 'event.yaml').problems)).toEqual(['schema/invalid duplicateSessionId']);
    const disagree = day('      - title: A\n        start: 9h\n        end: 11h\n        items:\n          - { title: X, end: 9h30, duration: 20min }\n');
    expect(ids(loadEventText(disagree, 'event.yaml').problems)).toEqual(['schema/invalid endAndDuration']);
    const last = day('      - title: A\n        start: 9h\n        items:\n          - { title: X, duration: 20min }\n          - { title: Y }\n');
    const [noEnd] = loadEventText(last, 'event.yaml').problems;
    expect([noEnd.messageId, noEnd.message.en, noEnd.note?.en]).toEqual([
      'noEndLast',
      'Cannot tell when item "Y" (starting at 9:20) ends: it has no `end` or `duration`, and its session has no `end`.',
      'Give it a `duration` (for example `duration: 20min`) or an `end`.',
    ]);
  });

  it('`checks:` names: a rule that does not exist (no guess), one that cannot be configured', () => {
    const loaded = loadEventText(
      day('      - { title: A, start: 9h, end: 10h }\n').replace('event:', 'checks: { zzz: off, syntax/yaml: off }\nevent:'),
      'event.yaml',
    );
    expect(ids(checkLevels(loaded.model!, loaded.source!))).toEqual(['schema/invalid unknownRule', 'schema/invalid notConfigurable']);
  });

  it('minutes: no front matter, an unreadable vote, an impossible due date, an approval without a date, a mention with a guess', async () => {
    expect(ids((await loadMinutesText('Texte.\n', 'cr.md')).problems)).toEqual(['schema/invalid noFrontMatter']);
    const text = [
      '---',
      'title: CR',
      'date: 2016-05-19',
      'status: approved',
      'people: { dupont: { name: Jean DUPONT } }',
      '---',
      '',
      'Décision : adopter le budget (pour 12 contre 3).',
      '',
      '- [ ] Envoyer le budget @dupont, échéance 31/02/2016',
      '',
      'Merci à @dupon.',
      '',
    ].join('\n');
    const found = ids((await loadMinutesText(text, 'cr.md')).problems).sort();
    expect(found).toEqual(
      ['ref/unknown unknownMentionGuess', 'schema/invalid approvedWithoutDate', 'schema/invalid impossibleDue', 'schema/invalid unreadableVote'].sort(),
    );
  });

  it('reads refused: missing, a folder, too large; paths: not a folder, empty, outside', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-messages-'));
    writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(2 * 1024 * 1024));
    mkdirSync(path.join(dir, 'sub'));
    const refused = async (name: string) => {
      const r = await readConfined(path.join(dir, name), dir, { COOP_MAX_INPUT_MB: '1' });
      return 'refused' in r ? `${refusalRule(r.refused)} ${r.messageId}` : 'read';
    };
    expect([await refused('none.yaml'), await refused('sub'), await refused('big.yaml')]).toEqual([
      'ref/unknown missing',
      'ref/unknown folder',
      'syntax/size tooLarge',
    ]);
    expect(ids([pathProblem('not-folder', 'a.csv', place), pathProblem('missing', ' ', place), pathProblem('outside', '../a.csv', place)])).toEqual([
      'ref/unknown notFolder',
      'ref/unknown emptyPath',
      'ref/outside-project leavesProject',
    ]);
  });

  it('text that is not UTF-8; control and bidirectional characters', () => {
    const problem = (bytes: number[]) => decodeText(new Uint8Array(bytes)).problem?.messageId;
    expect([problem([0xff, 0xfe, 0x41, 0]), problem([0x41, 0, 0x42]), problem([0x41, 0xe9, 0x42])]).toEqual(['utf16', 'binary', 'notUtf8']);
    // (the placeholders' values travel with it too, for SARIF's arguments)
    expect(controlMessage('\u001b', 3)).toMatchObject({
      messageId: 'control',
      message: {
        fr: 'Caractère de contrôle U+001B ESC (et 2 autres) : il n’a pas sa place dans un document et est remplacé par « \uFFFD ».',
        en: 'Control character U+001B ESC (and 2 more): it has no place in a document and is replaced by "\uFFFD".',
      },
    });
    expect(bidiControlProblem('Jean \u202eTNOPUD', place).messageId).toBe('bidi');
  });

  it('Markdown limits: markers in a file, table cells, nesting of the tree', () => {
    const paragraphs = Array.from({ length: 400 }, () => '*a* '.repeat(130)).join('\n\n');
    expect(new MarkdownScanner().scan(paragraphs).problem?.messageId).toBe('markersInFile');
    const table = Array.from({ length: 1100 }, () => '| a | b | c | d | e | f | g | h | i | j | k | l | m | n | o | p | q | r | s |').join('\n');
    expect(new MarkdownScanner().scan(table).problem?.messageId).toBe('tableCells');
    expect(checkMarkdownTree(parseMarkdown('> '.repeat(40) + 'x'))?.messageId).toBe('nestedContainers');
  });

  it('attendee files: a zip that is no list, `sheet:` on a CSV, an empty sheet', async () => {
    const options = (o: Partial<AttendeeFileOptions> = {}): AttendeeFileOptions => ({
      sheet: null,
      sheetPlace: null,
      filePlace: place,
      locale: 'fr',
      ...SHEET_LIMITS,
      ...o,
    });
    const zip = zipSync({ 'notes.txt': strToU8('rien') });
    expect(ids((await readAttendeeFile(zip, '/abs/x.zip', 'x.zip', options())).problems)).toEqual(['syntax/spreadsheet zipArchive']);
    const csv = await readAttendeeFile(strToU8('Nom\nA B\n'), '/abs/x.csv', 'x.csv', options({ sheet: 'F', sheetPlace: place }));
    expect(ids(csv.problems)).toEqual(['schema/invalid sheetOnCsv']);
    expect(csv.problems[0].note?.en).toBe('Remove the `sheet` key.');
    const empty = await readAttendeeFile(await makeXlsx([{ name: 'Vide', rows: [] }]), '/abs/x.xlsx', 'x.xlsx', options());
    expect(ids(empty.problems)).toEqual(['schema/invalid sheetEmpty']);
    expect(empty.problems[0].message.fr).toMatch(/^Feuille « Vide », cellule A1 : la feuille est vide/);
  });

  it('images: a remote logo, a remote Markdown image, a file that is no image', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-messages-'));
    writeFileSync(path.join(dir, 'logo.png'), 'not a PNG');
    const said = async (written: string, remote?: 'image/remote') => {
      const r = await readProjectImage(written, dir, dir, new AssetNames(), place, {}, remote);
      return 'problem' in r ? `${r.problem.rule} ${r.problem.messageId}` : 'read';
    };
    expect([await said('https://example.org/logo.png'), await said('https://example.org/plan.png', 'image/remote'), await said('logo.png')]).toEqual([
      'ref/outside-project remoteLogo',
      'image/remote remoteImage',
      'image/unsupported notPngOrJpeg',
    ]);
  });

  it('the project: a minutes pattern that matches nothing; a template refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-messages-'));
    writeFileSync(path.join(dir, 'event.yaml'), day('      - { title: A, start: 9h, end: 10h }\n').replace('event:', 'minutes: [cr/*.md]\nevent:'));
    const { diagnostics } = await checkProject([{ abs: path.join(dir, 'event.yaml'), display: 'event.yaml' }], { cwd: dir, env: {} });
    expect(diagnostics.map((d) => `${d.rule} ${d.messageId}`)).toEqual(['ref/no-match noMatch']);
    const err = new TemplateError(path.join(dir, 'tpl', 'a.hbs'), 1, 1, 'x', 'syntax/encoding', undefined, tx('illisible', 'unreadable'));
    const [d] = templateDiagnostics(err, dir, 'en', new Map());
    expect([d.rule, d.messageId, d.message]).toEqual(['syntax/encoding', 'templateRefused', 'Template refused: unreadable']);
  });
});
