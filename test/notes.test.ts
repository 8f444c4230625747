/**
 * Every suggestion coop prints is a change that works: for each "did you mean" and each note,
 * the input is edited as the note says, checked again, and the diagnostic must be gone (with
 * no new error in its place). A note that does not clear its diagnostic is a bug.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../src/project.js';
import type { Diagnostic } from '../src/diagnostics/types.js';

type Files = Record<string, string>;

async function check(files: Files, entry = 'event.yaml'): Promise<Diagnostic[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-notes-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const abs = path.join(dir, entry);
  const project = await checkProject([{ abs, display: entry }], { cwd: dir, lang: 'en', env: {} });
  return project.diagnostics;
}

interface Case {
  name: string;
  files: Files;
  entry?: string;
  /** The diagnostic whose advice is followed. */
  rule: string;
  /** What its message or note says (the advice being tested). */
  says: RegExp;
  /** The edit the advice asks for: [file, search, replacement]. */
  apply: Array<[string, string | RegExp, string]>;
}

const head = `event: { title: Test }
people:
  coz: { name: Hélène COZ, civility: Mme }
  dupont: { name: Jean-Marc DUPONT, civility: M. }
  lebreton: { name: Sophie LE BRETON, civility: Mme }
rooms:
  s1: { name: Salle 1 }
  s2: { name: Salle 2 }
days:
  - date: 2012-03-01
    sessions:
`;

const cases: Case[] = [
  {
    name: 'ref/unknown: did you mean (person)',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h, chair: dupond }\n` },
    rule: 'ref/unknown',
    says: /did you mean "dupont"/,
    apply: [['event.yaml', 'chair: dupond', 'chair: dupont']],
  },
  {
    name: 'ref/unknown: did you mean (room)',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h, room: s3 }\n` },
    rule: 'ref/unknown',
    says: /did you mean "s[12]"/,
    apply: [['event.yaml', 'room: s3', 'room: s1']],
  },
  {
    name: 'ref/unknown: add it under people',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h, chair: zhang }\n` },
    rule: 'ref/unknown',
    says: /Add "zhang" under `people`/,
    apply: [['event.yaml', 'rooms:', '  zhang: { name: ZHANG Min }\nrooms:']],
  },
  {
    name: 'schema/invalid: unknown key, did you mean',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h, chiar: coz }\n` },
    rule: 'schema/invalid',
    says: /did you mean "chair"/,
    apply: [['event.yaml', 'chiar:', 'chair:']],
  },
  {
    name: 'schema/invalid: unknown rule in checks, did you mean',
    files: { 'event.yaml': `checks: { schedule/gapp: off }\n${head}      - { title: A, start: 9h, end: 10h }\n` },
    rule: 'schema/invalid',
    says: /did you mean "schedule\/gap"/,
    apply: [['event.yaml', 'schedule/gapp', 'schedule/gap']],
  },
  {
    name: 'syntax/yaml: duplicate key, merge the entries',
    files: { 'event.yaml': `${head}      - title: A\n        start: 9h\n        end: 10h\n        start: 9h\n` },
    rule: 'syntax/yaml',
    says: /merge the two entries/,
    apply: [['event.yaml', /\n {8}start: 9h\n$/, '\n']],
  },
  {
    name: 'schema/invalid: an item that cannot start, give the session a start',
    files: {
      'event.yaml': `${head}      - title: A\n        items:\n          - { title: Un, duration: 20min }\n          - { title: Deux, duration: 10min }\n`,
    },
    rule: 'schema/invalid',
    says: /Give the session \(or this item\) a `start`/,
    apply: [['event.yaml', '      - title: A\n', '      - title: A\n        start: 9h\n']],
  },
  {
    name: 'schema/invalid: an item that cannot end, give it a duration',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        items:\n          - { title: Un, duration: 20min }\n          - { title: Deux }\n          - { title: Trois, duration: 10min }\n`,
    },
    rule: 'schema/invalid',
    says: /Give it a `duration` \(for example `duration: 20min`\)/,
    apply: [['event.yaml', '{ title: Deux }', '{ title: Deux, duration: 20min }']],
  },
  {
    name: 'schedule/session-overlap: give them different rooms',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h, room: s1 }\n      - { title: B, start: 9h30, end: 11h, room: s1 }\n` },
    rule: 'schedule/session-overlap',
    says: /give them different rooms/,
    apply: [['event.yaml', 'end: 11h, room: s1', 'end: 11h, room: s2']],
  },
  {
    name: 'venue/room-unassigned: give it a room',
    files: { 'event.yaml': `${head}      - { title: A, kind: workshop, start: 9h, end: 10h }\n` },
    rule: 'venue/room-unassigned',
    says: /`room:` with the id of one of `rooms` \(s1, s2\)/,
    apply: [['event.yaml', 'kind: workshop,', 'kind: workshop, room: s1,']],
  },
  {
    name: 'venue/room-unassigned (no rooms yet): declare the room, give its id',
    files: {
      'event.yaml': `event: { title: Test }\ndays:\n  - date: 2012-03-01\n    sessions:\n      - { title: A, kind: workshop, start: 9h, end: 10h }\n      - { title: B, kind: workshop, start: 9h, end: 10h }\n`,
    },
    rule: 'venue/room-unassigned',
    says: /^Workshop "A"[\s\S]*Declare the room under `rooms`, then give its id to the session/,
    apply: [
      ['event.yaml', 'days:', 'rooms:\n  opera: { name: Salle Opéra }\ndays:'],
      ['event.yaml', '{ title: A, kind: workshop,', '{ title: A, kind: workshop, room: opera,'],
    ],
  },
  {
    name: 'schedule/duplicate-speaker: remove the second mention',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        items:\n          - { title: Un, duration: 20min, speakers: [coz, dupont, coz] }\n`,
    },
    rule: 'schedule/duplicate-speaker',
    says: /Remove the second mention/,
    apply: [['event.yaml', '[coz, dupont, coz]', '[coz, dupont]']],
  },
  {
    name: 'people/unconfirmed (declined): add represented_by',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        items:\n          - { title: Un, duration: 20min, speakers: [{ person: dupont, status: declined }] }\n`,
    },
    rule: 'people/unconfirmed',
    says: /Add `represented_by:`/,
    apply: [['event.yaml', 'status: declined', 'status: declined, represented_by: lebreton']],
  },
  {
    name: 'schedule/slot-too-short: lengthen the item',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        slot: 10min\n        items:\n          - { title: Un, duration: 10min, speakers: [coz, dupont] }\n`,
    },
    rule: 'schedule/slot-too-short',
    says: /Lengthen the item/,
    apply: [['event.yaml', 'duration: 10min, speakers', 'duration: 20min, speakers']],
  },
  {
    name: 'schedule/duplicate-item: make the titles distinct',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        items:\n          - { title: La pêche artisanale en Bretagne, duration: 20min, speakers: [coz] }\n          - { title: La pêche artisanale en Bretagne, duration: 20min, speakers: [coz] }\n`,
    },
    rule: 'schedule/duplicate-item',
    says: /make the titles distinct/,
    apply: [
      [
        'event.yaml',
        /La pêche artisanale en Bretagne, duration: 20min, speakers: \[coz\] }\n$/,
        'La pêche artisanale en Bretagne (partie 2), duration: 20min, speakers: [coz] }\n',
      ],
    ],
  },
  {
    name: 'schedule/speaker-double-booked: have the speaker represented',
    files: {
      'event.yaml': `${head}      - title: A\n        room: s1\n        start: 9h\n        items:\n          - { title: Un, duration: 20min, speakers: [dupont] }\n      - title: B\n        room: s2\n        start: 9h\n        items:\n          - { title: Deux, duration: 20min, speakers: [dupont] }\n`,
    },
    rule: 'schedule/speaker-double-booked',
    says: /add `represented_by:` to that speaker/,
    apply: [
      [
        'event.yaml',
        'title: Deux, duration: 20min, speakers: [dupont]',
        'title: Deux, duration: 20min, speakers: [{ person: dupont, represented_by: lebreton }]',
      ],
    ],
  },
  {
    name: 'schedule/speaker-double-booked: or move one of the two',
    files: {
      'event.yaml': `${head}      - title: A\n        room: s1\n        start: 9h\n        items:\n          - { title: Un, duration: 20min, speakers: [dupont] }\n      - title: B\n        room: s2\n        start: 9h\n        items:\n          - { title: Deux, duration: 20min, speakers: [dupont] }\n`,
    },
    rule: 'schedule/speaker-double-booked',
    says: /move one of the two/,
    apply: [['event.yaml', '      - title: B\n        room: s2\n        start: 9h\n', '      - title: B\n        room: s2\n        start: 10h\n']],
  },
  {
    name: 'schedule/speaker-double-booked (a representative): send someone else',
    files: {
      'event.yaml': `${head}      - title: A\n        room: s1\n        start: 9h\n        items:\n          - { title: Un, duration: 20min, speakers: [{ person: dupont, represented_by: lebreton }] }\n      - { title: B, room: s2, start: 9h, end: 10h, chair: lebreton }\n`,
    },
    rule: 'schedule/speaker-double-booked',
    says: /change its `represented_by`/,
    apply: [['event.yaml', 'represented_by: lebreton', 'represented_by: coz']],
  },
  {
    name: 'schedule/speaker-double-booked (two chairs): give one chair to someone else',
    files: {
      'event.yaml': `${head}      - { title: A, room: s1, start: 9h, end: 10h, chair: coz }\n      - { title: B, room: s2, start: 9h, end: 10h, chair: coz }\n`,
    },
    rule: 'schedule/speaker-double-booked',
    says: /give the chair \(or the report\) of one of them to someone else/,
    apply: [
      [
        'event.yaml',
        'end: 10h, chair: coz }\n      - { title: B, room: s2, start: 9h, end: 10h, chair: coz }',
        'end: 10h, chair: coz }\n      - { title: B, room: s2, start: 9h, end: 10h, chair: dupont }',
      ],
    ],
  },
  {
    name: 'schedule/item-overlap: shorten the first',
    files: {
      'event.yaml': `${head}      - title: A\n        start: 9h\n        items:\n          - { title: Un, duration: 40min }\n          - { title: Deux, start: 9h30, duration: 10min }\n`,
    },
    rule: 'schedule/item-overlap',
    says: /shorten the first one/,
    apply: [['event.yaml', 'duration: 40min', 'duration: 30min']],
  },
  {
    name: 'ignore/unused: did you mean (a rule)',
    files: {
      'event.yaml': `${head.replace('  lebreton:', '  cozz: { name: Hélène COZZ }   # coop-ignore: people/near-duplicat\n  lebreton:')}      - { title: A, start: 9h, end: 10h }\n`,
    },
    rule: 'ignore/unused',
    says: /did you mean "people\/near-duplicate"/,
    apply: [['event.yaml', 'near-duplicat\n', 'near-duplicate\n']],
  },
  {
    name: 'ignore/unused: remove the comment',
    files: { 'event.yaml': `${head}      - { title: A, start: 9h, end: 10h }   # coop-ignore: schedule/gap\n` },
    rule: 'ignore/unused',
    says: /Remove the comment/,
    apply: [['event.yaml', '   # coop-ignore: schedule/gap', '']],
  },
  {
    name: 'minutes/action-owner: add @id',
    files: {
      'event.yaml': `${head}      - { title: A, start: 9h, end: 10h }\n`,
      'cr.md': '---\nkind: minutes\ntitle: Réunion\nevent: event.yaml\ndate: 2012-03-01\n---\n\n# Suites\n\n- [ ] Envoyer le compte rendu\n',
    },
    entry: 'cr.md',
    rule: 'minutes/action-owner',
    says: /Add @id/,
    apply: [['cr.md', 'Envoyer le compte rendu', 'Envoyer le compte rendu @coz']],
  },
  {
    name: 'ref/unknown in minutes: did you mean @owner',
    files: {
      'event.yaml': `${head}      - { title: A, start: 9h, end: 10h }\n`,
      'cr.md': '---\nkind: minutes\ntitle: Réunion\nevent: event.yaml\ndate: 2012-03-01\n---\n\n# Suites\n\n- [ ] Envoyer le compte rendu @dupond\n',
    },
    entry: 'cr.md',
    rule: 'ref/unknown',
    says: /did you mean "@dupont"/,
    apply: [['cr.md', '@dupond', '@dupont']],
  },
  {
    name: 'schema/invalid (CSV): a value holding the separator, quote it',
    files: {
      'event.yaml': `attendees: [{ file: inscrits.csv }]\n${head}      - { title: A, start: 9h, end: 10h }\n`,
      'inscrits.csv': 'Nom;Prénom;Organisme\nDUPONT;Jean;Ville de Lille; Nord\n',
    },
    rule: 'schema/invalid',
    says: /put it between straight double quotes/,
    apply: [['inscrits.csv', 'Ville de Lille; Nord', '"Ville de Lille; Nord"']],
  },
  {
    name: 'schema/invalid (CSV): a missing separator, write the empty cell',
    files: {
      'event.yaml': `attendees: [{ file: inscrits.csv }]\n${head}      - { title: A, start: 9h, end: 10h }\n`,
      'inscrits.csv': 'Nom;Prénom;Fonction;Organisme\nDUPONT;Jean;CUF\n',
    },
    rule: 'schema/invalid',
    says: /an empty cell is written too/,
    apply: [['inscrits.csv', 'DUPONT;Jean;CUF', 'DUPONT;Jean;;CUF']],
  },
  {
    name: 'schema/invalid (CSV): no header, remove the title rows above it',
    files: {
      'event.yaml': `attendees: [{ file: inscrits.csv }]\n${head}      - { title: A, start: 9h, end: 10h }\n`,
      'inscrits.csv': 'Liste des inscrits au 1er mars\nNom;Prénom;Organisme\nDUPONT;Jean;CUF\n',
    },
    rule: 'schema/invalid',
    says: /remove any title rows above it/,
    apply: [['inscrits.csv', 'Liste des inscrits au 1er mars\n', '']],
  },
];

describe('every note and "did you mean" is a change that clears its diagnostic', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const entry = c.entry ?? 'event.yaml';
      const before = await check(c.files, entry);
      const target = before.filter((d) => d.rule === c.rule && c.says.test(`${d.message}\n${d.note ?? ''}`));
      expect(target, `${c.rule} saying ${c.says} in:\n${before.map((d) => `${d.rule}: ${d.message} | ${d.note ?? ''}`).join('\n')}`).toHaveLength(1);
      const files = { ...c.files };
      for (const [file, search, replacement] of c.apply) {
        const next = files[file].replace(search, replacement);
        expect(next, `the edit of ${file} applies`).not.toBe(files[file]);
        files[file] = next;
      }
      const after = await check(files, entry);
      const still = after.filter((d) => d.rule === c.rule && d.file === target[0].file && d.line === target[0].line);
      expect(still, after.map((d) => `${d.rule}: ${d.message}`).join('\n')).toEqual([]);
      const errors = after.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    });
  }
});
