/**
 * Messages declared, not assembled (issue #17): every rule's `messages` use the same
 * placeholders in French and English, the registry refuses a report whose data does not
 * match its template, and the diagnostics carry the id of their message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, messagesOf, rules, stamp } from '../src/checks/registry.js';
import { messageText } from '../src/checks/messages.js';
import { placeholders, type Messages } from '../src/diagnostics/types.js';
import { tx, type Text } from '../src/i18n.js';
import type { Rule } from '../src/checks/types.js';
import { unlikelyYear, unlikelyYearRule } from '../src/checks/rules/unlikely-year.js';
import { checkEventFile, checkProject } from '../src/project.js';
import { formatJson } from '../src/diagnostics/reporters/json.js';
import { formatSarif } from '../src/diagnostics/reporters/sarif.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const check = (name: string) => checkEventFile(path.join(fixtures, name, 'event.yaml'), 'event.yaml');

describe('rule messages', () => {
  const declaring = allRules.filter((r) => r.messages);
  it('are declared by the converted rules', () => expect(declaring.length).toBeGreaterThan(5));
  for (const rule of declaring) {
    for (const [id, t] of Object.entries(rule.messages ?? {})) {
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
        if (!allRules.some((r) => same(r.messages?.[id], t))) unlisted.push(where);
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
      const file = path.join(import.meta.dirname, 'fixtures', `minutes-${rule.split('/')[1]}`, 'minutes.md');
      const { diagnostics } = await checkProject([{ abs: file, display: 'minutes.md' }], { cwd: path.dirname(file), env: {} });
      const found = [...new Set(diagnostics.filter((d) => d.rule === rule).map((d) => d.messageId))].sort();
      expect(found).toEqual([...ids].sort());
    });
  }
  it('minutes ref/unknown reports its ids, for front-matter references and for @mentions of the body', async () => {
    const file = path.join(import.meta.dirname, 'fixtures', 'minutes-ref-unknown', 'minutes.md');
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
});
