import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEventFile, checkLoaded } from '../src/project.js';
import { escapeXml, eventToFrabXml } from '../src/export/frab-xml.js';
import { escapeText, eventToIcs, foldLine } from '../src/export/ics.js';
import { eventToScheduleJson } from '../src/export/schedule-json.js';
import { markdownToText } from '../src/export/markdown-text.js';
import { uuidV5 } from '../src/export/ids.js';
import { isoLocal, zonedToUtc } from '../src/util/time-zones.js';
import { loadEventText } from '../src/load.js';
import type { EventModel } from '../src/model/event.js';

const repo = path.join(import.meta.dirname, '..');

// ajv and ajv-formats are CommonJS: under Node ESM the default import is `module.exports`,
// whose `.default` is the class / plugin. Accept both shapes.
type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass);
type FormatsPlugin = typeof addFormatsModule.default;
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** A validator for the c3voc schedule schema (draft-06), copied into test/vendor. */
function scheduleValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addMetaSchema(JSON.parse(readFileSync(path.join(repo, 'node_modules/ajv/dist/refs/json-schema-draft-06.json'), 'utf8')) as object);
  addFormats(ajv);
  // The schema uses a "color" format ajv-formats does not define, and two keywords that are
  // switched off on purpose by their "$" prefix ("$oneOf", "$todo"): declare them so strict
  // mode accepts the schema, without giving them any meaning.
  ajv.addFormat('color', /^#[0-9a-fA-F]{3,8}$/);
  ajv.addKeyword('$oneOf');
  ajv.addKeyword('$todo');
  const schema = JSON.parse(readFileSync(path.join(repo, 'test/vendor/c3voc-schedule.schema.json'), 'utf8')) as object;
  return ajv.compile(schema);
}

async function example(file: string): Promise<EventModel> {
  const checked = await checkEventFile(path.join(repo, file), file);
  expect(checked.model).not.toBeNull();
  return checked.model!;
}

function inline(yaml: string): EventModel {
  const checked = checkLoaded(loadEventText(yaml, 'inline.yaml'));
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, errors.map((e) => e.message).join('\n')).toEqual([]);
  expect(checked.model).not.toBeNull();
  return checked.model!;
}

/** A September event in Paris with text that needs escaping and lines that need folding. */
const SEPTEMBER = `
event:
  title: "Journée d'essai ; virgules, points-virgules et \\\\ barres obliques"
  locale: fr
  timezone: Europe/Paris
  venue: { name: "Hôtel de Région", city: Lille }
organisations:
  region: { name: "Région Hauts-de-France", short: HdF }
people:
  alice: { name: Alice DUPONT, civility: Mme, role: "Directrice, relations internationales", org: region }
  bob: { name: Bob MARTIN, role: "Chargé de mission" }
  yvergniaux: { name: Alain YVERGNIAUX, civility: M., role: "Conseiller spécial" }
rooms:
  opera: { name: "Salle Opéra; 1er étage", capacity: 40 }
days:
  - date: 2024-09-12
    sessions:
      - id: matin
        number: I
        title: "Séance du matin"
        room: opera
        start: "11:30"
        chair: alice
        items:
          - label: b
            title: "Coopération ; budgets, ateliers — un titre assez long pour être plié sur plusieurs lignes 🎉 ééé"
            duration: 30min
            speakers:
              - alice
              - { person: yvergniaux, status: tentative }
              - { person: bob, status: unconfirmed, or_representative: true }
            description: |
              Première ligne ; avec, ponctuation
              qui continue.

              - un point
              - **un autre** point
          - { title: Débat, kind: debate, duration: 15min }
      - id: dejeuner
        title: Déjeuner
        kind: meal
        start: "12:30"
        end: "14:00"
      - id: apres-midi
        title: Ateliers
        kind: workshop
`;

const ENGLISH = `
event:
  title: "Autumn school"
  locale: en
  timezone: America/New_York
days:
  - date: 2024-11-03
    sessions:
      - title: "Morning"
        start: "9:00"
        items:
          - title: "Welcome"
            kind: welcome
            duration: 10min
            speakers: [{ name: Jane DOE, civility: Mme, role: Chair }, { name: John ROE, status: tentative }]
`;

interface VEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  location: string | null;
  description: string;
  status: string;
  categories: string;
}

function parseIcs(text: string): { calendar: ICAL.Component; events: VEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      location: (c.getFirstPropertyValue('location') as string | null) ?? null,
      description: e.description,
      status: String(c.getFirstPropertyValue('status')),
      categories: String(c.getFirstPropertyValue('categories')),
    };
  });
  return { calendar, events };
}

describe('wall time to UTC', () => {
  it('converts Paris summer and winter times', () => {
    expect(zonedToUtc('2024-09-12', 11 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2024-09-12T09:30:00.000Z');
    expect(zonedToUtc('2012-03-01', 9 * 60, 'Europe/Paris').toISOString()).toBe('2012-03-01T08:00:00.000Z');
  });

  it('lands on the right side of DST changes', () => {
    // Paris springs forward at 02:00 on 31 March 2024, falls back at 03:00 on 27 October.
    expect(zonedToUtc('2024-03-31', 1 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(zonedToUtc('2024-03-31', 3 * 60 + 30, 'Europe/Paris').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(zonedToUtc('2024-10-27', 4 * 60, 'Europe/Paris').toISOString()).toBe('2024-10-27T03:00:00.000Z');
    expect(zonedToUtc('2024-10-26', 23 * 60, 'Europe/Paris').toISOString()).toBe('2024-10-26T21:00:00.000Z');
    // A skipped wall time (02:30 does not exist that night) still gives a valid instant nearby.
    const skipped = zonedToUtc('2024-03-31', 2 * 60 + 30, 'Europe/Paris').toISOString();
    expect(['2024-03-31T00:30:00.000Z', '2024-03-31T01:30:00.000Z']).toContain(skipped);
    // Western zones, and 24:00 as midnight of the next day.
    expect(zonedToUtc('2024-11-03', 9 * 60, 'America/New_York').toISOString()).toBe('2024-11-03T14:00:00.000Z');
    expect(zonedToUtc('2024-09-12', 24 * 60, 'Europe/Paris').toISOString()).toBe('2024-09-12T22:00:00.000Z');
  });

  it('writes ISO local times with the offset of that day', () => {
    expect(isoLocal('2012-03-01', 9 * 60 + 40, 'Europe/Paris')).toBe('2012-03-01T09:40:00+01:00');
    expect(isoLocal('2024-09-12', 11 * 60 + 30, 'Europe/Paris')).toBe('2024-09-12T11:30:00+02:00');
    expect(isoLocal('2024-11-03', 9 * 60, 'America/New_York')).toBe('2024-11-03T09:00:00-05:00');
    expect(isoLocal('2024-09-12', 24 * 60, 'Europe/Paris')).toBe('2024-09-13T00:00:00+02:00');
  });

  it('rejects an unknown zone with a clear message', () => {
    expect(() => zonedToUtc('2024-09-12', 600, 'Europe/Atlantis')).toThrow(/unknown time zone "Europe\/Atlantis"/);
  });
});

describe('helpers', () => {
  it('makes RFC 4122 version 5 UUIDs', () => {
    // Reference value of uuid5(NAMESPACE_URL, "https://example.org/") (Python's uuid module).
    expect(uuidV5('https://example.org/')).toBe('527dda32-a0de-5105-a042-cb475b5f7d11');
    const u = uuidV5('anything');
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5('anything')).toBe(u);
    expect(uuidV5('anything else')).not.toBe(u);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a;b,c\\d\ne\r\nf')).toBe('a\\;b\\,c\\\\d\\ne\\nf');
    expect(escapeText('bell\u0007')).toBe('bell');
  });

  it('folds at 75 octets without cutting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}${'🎉'.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    parts.slice(1).forEach((p) => expect(p.startsWith(' ')).toBe(true));
    // Every piece is valid UTF-8 on its own: no character was split.
    for (const p of parts) expect(Buffer.from(Buffer.from(p, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(p, 'utf8'))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('turns Markdown into plain text', () => {
    expect(markdownToText('**Bold** line\nwrapped.\n\n- one\n- two [link](https://example.org)')).toBe(
      'Bold line wrapped.\n\n- one\n- two link (https://example.org)',
    );
  });
});

describe('iCalendar export', () => {
  let model: EventModel;
  let ics: string;
  beforeAll(() => {
    model = inline(SEPTEMBER);
    ics = eventToIcs(model, { env: {} });
  });

  it('is a VCALENDAR with the expected headers, CRLF line endings and folded lines', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coop//coop programme//FR\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Paris');
    // ical.js reads an X- property as raw text (value type UNKNOWN), so the escaped form
    // comes back as written: X-WR-CALNAME is escaped as TEXT, as calendar apps expect.
    const { calendar } = parseIcs(ics);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(escapeText(model.title));
  });

  it('has one VEVENT per item and per timed session without items, at the right UTC instants', () => {
    const { events } = parseIcs(ics);
    // 2 items + the lunch; the afternoon workshops have no times and are left out.
    expect(events).toHaveLength(3);
    const [talk, debate, lunch] = events;
    expect(talk.start).toBe('2024-09-12T09:30:00.000Z');
    expect(talk.end).toBe('2024-09-12T10:00:00.000Z');
    expect(ics).toContain('DTSTART:20240912T093000Z');
    expect(debate.start).toBe('2024-09-12T10:00:00.000Z');
    expect(lunch.start).toBe('2024-09-12T10:30:00.000Z');
    expect(lunch.end).toBe('2024-09-12T12:00:00.000Z');
    expect(lunch.summary).toBe('Déjeuner');
    expect(lunch.categories).toBe('meal');
    expect(lunch.location).toBe('Hôtel de Région, Lille');
  });

  it('round-trips ; , \\ and newlines through a parser', () => {
    const { events } = parseIcs(ics);
    const talk = events[0];
    expect(talk.summary).toBe(`b / ${model.days[0].sessions[0].items[0].title}`);
    expect(talk.location).toBe('Salle Opéra; 1er étage, Hôtel de Région, Lille');
    expect(ics).toContain('LOCATION:Salle Opéra\\; 1er étage\\, Hôtel de Région\\, Lille');
    expect(talk.description.split('\n')).toEqual([
      'I. Séance du matin',
      'Animation\u00a0: Alice DUPONT, Directrice, relations internationales, HdF',
      '',
      'Alice DUPONT, Directrice, relations internationales, HdF',
      'Alain YVERGNIAUX, Conseiller spécial (pressenti)',
      'Bob MARTIN, Chargé de mission (ou son représentant) (sous réserve)',
      '',
      'Première ligne ; avec, ponctuation qui continue.',
      '',
      '- un point',
      '- un autre point',
    ]);
    expect(ics.replace(/\r\n /g, '')).toContain("X-WR-CALNAME:Journée d'essai \\; virgules\\, points-virgules et \\\\ barres obliques\r\n");
  });

  it('marks items with unconfirmed speakers TENTATIVE', () => {
    const { events } = parseIcs(ics);
    expect(events.map((e) => e.status)).toEqual(['TENTATIVE', 'CONFIRMED', 'CONFIRMED']);
    expect(events[0].categories).toBe('talk');
  });

  it('gives stable, unique UIDs and reproducible bytes', () => {
    const again = eventToIcs(inline(SEPTEMBER), { env: {} });
    expect(again).toBe(ics);
    const uids = parseIcs(ics).events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const u of uids) expect(u).toMatch(/^[0-9a-f]{40}@coop$/);
    // DTSTAMP: the first day, or SOURCE_DATE_EPOCH.
    expect(ics).toContain('DTSTAMP:20240912T000000Z');
    expect(eventToIcs(model, { env: { SOURCE_DATE_EPOCH: '1700000000' } })).toContain('DTSTAMP:20231114T221320Z');
  });

  it('speaks English for an English event', () => {
    const en = eventToIcs(inline(ENGLISH), { env: {} });
    expect(en).toContain('PRODID:-//coop//coop programme//EN');
    const [welcome] = parseIcs(en).events;
    expect(welcome.start).toBe('2024-11-03T14:00:00.000Z');
    expect(welcome.description).toContain('John ROE (approached)');
    expect(welcome.status).toBe('TENTATIVE');
  });

  it('exports the 2012 seed: one VEVENT per item, 1 March 9:00 Paris = 08:00Z', async () => {
    const seed = await example('examples/seminaire-2012/event.yaml');
    const text = eventToIcs(seed, { env: {} });
    const { events } = parseIcs(text);
    const items = seed.days.flatMap((d) => d.sessions.flatMap((s) => s.items));
    expect(items.length).toBeGreaterThan(30);
    expect(events).toHaveLength(items.length);
    expect(events[0].start).toBe('2012-03-01T08:00:00.000Z');
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const b = events.find((e) => e.summary.startsWith('b / Coopération économique'))!;
    expect(b.description).toContain('Alain YVERGNIAUX, Conseiller spécial du président de la Région Bretagne');
    expect(b.description).toContain('(pressenti)');
    expect(b.status).toBe('TENTATIVE');
    expect(text).toBe(eventToIcs(await example('examples/seminaire-2012/event.yaml'), { env: {} }));
    for (const l of text.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  });
});

describe('c3voc schedule JSON export', () => {
  const validate = scheduleValidator();
  const valid = (data: unknown) => {
    // Validate what readers get: the JSON text, parsed back.
    const ok = validate(JSON.parse(JSON.stringify(data, null, 2)));
    return { ok, errors: JSON.stringify(validate.errors, null, 2) };
  };

  for (const file of [
    'examples/seminaire-2012/event.yaml',
    'examples/universites-automne/event.yaml',
    // Untimed parts, a room to confirm (a column of its own), an off-site room with its address.
    'examples/forum-2023-atelier/event.yaml',
    'examples/rencontres-franco-chinoises/event.yaml',
  ]) {
    it(`validates against the c3voc schema: ${file}`, async () => {
      const m = await example(file);
      const { ok, errors } = valid(eventToScheduleJson(m));
      expect(ok, errors).toBe(true);
    });
  }

  it('validates for inline events, with and without a public URL', () => {
    for (const yaml of [SEPTEMBER, ENGLISH]) {
      const m = inline(yaml);
      for (const options of [{}, { url: 'https://example.org/programme.html' }]) {
        const { ok, errors } = valid(eventToScheduleJson(m, options));
        expect(ok, errors).toBe(true);
      }
    }
  });

  it('rejects what the schema forbids (the validator is really checking)', () => {
    const json = JSON.parse(JSON.stringify(eventToScheduleJson(inline(SEPTEMBER)))) as {
      schedule: { conference: { acronym: string; days: { rooms: Record<string, { persons: object[] }[]> }[] } };
    };
    json.schedule.conference.acronym = 'has-hyphens-here';
    expect(validate(json)).toBe(false);
    const fresh = JSON.parse(JSON.stringify(eventToScheduleJson(inline(SEPTEMBER)))) as typeof json;
    const event = Object.values(fresh.schedule.conference.days[0].rooms)[0][0];
    event.persons = [{ name: 'X', public_name: 'X', id: 1 }]; // matches both person kinds: oneOf fails
    expect(validate(fresh)).toBe(false);
    const third = JSON.parse(JSON.stringify(eventToScheduleJson(inline(SEPTEMBER)))) as {
      schedule: { conference: { days: { rooms: Record<string, { url: string }[]> }[] } };
    };
    Object.values(third.schedule.conference.days[0].rooms)[0][0].url = 'not a url'; // formats are checked too
    expect(validate(third)).toBe(false);
  });

  it('carries the schedule: rooms, days, times with offsets, persons, stable guids', () => {
    const m = inline(SEPTEMBER);
    const json = eventToScheduleJson(m);
    expect(json.generator.name).toBe('coop');
    const c = json.schedule.conference;
    // No organiser: the start of the title, with underscores (the schema allows no hyphen).
    expect(c.acronym).toBe('journee_d_essai_virgules_2024');
    expect(c.time_zone_name).toBe('Europe/Paris');
    expect(c.daysCount).toBe(1);
    expect(c.timeslot_duration).toBe('00:15');
    expect(c.rooms.map((r) => r.name)).toEqual(['Salle Opéra; 1er étage', 'Plénière']);
    const day = c.days[0];
    expect(day.day_start).toBe('2024-09-12T11:30:00+02:00');
    expect(day.day_end).toBe('2024-09-12T14:00:00+02:00');
    const [talk, debate] = day.rooms['Salle Opéra; 1er étage'];
    expect(talk.date).toBe('2024-09-12T11:30:00+02:00');
    expect(talk.start).toBe('11:30');
    expect(talk.duration).toBe('00:30');
    expect(talk.end).toBe('2024-09-12T12:00:00+02:00');
    expect(talk.subtitle).toBe('I b');
    expect(talk.track).toBe('I. Séance du matin');
    expect(talk.type).toBe('talk');
    expect(talk.language).toBe('fr');
    expect(talk.persons.map((p) => p.name)).toEqual(['Alice DUPONT', 'Alain YVERGNIAUX', 'Bob MARTIN']);
    expect(talk.description).toContain('Alain YVERGNIAUX, Conseiller spécial (pressenti)');
    expect(talk.abstract).toContain('Première ligne');
    expect(debate.start).toBe('12:00');
    expect(day.rooms['Plénière'].map((e) => e.title)).toEqual(['Déjeuner']);
    const guids = [talk, debate, ...day.rooms['Plénière']].map((e) => e.guid);
    expect(new Set(guids).size).toBe(3);
    // Same model, same document.
    expect(JSON.stringify(eventToScheduleJson(inline(SEPTEMBER)))).toBe(JSON.stringify(json));
  });

  it('uses the English plenary room name and the organiser + year acronym', async () => {
    const en = eventToScheduleJson(inline(ENGLISH)).schedule.conference;
    expect(en.rooms.map((r) => r.name)).toEqual(['Plenary']);
    expect(en.acronym).toBe('autumn_school_2024');
    expect(en.days[0].rooms.Plenary[0].date).toBe('2024-11-03T09:00:00-05:00');
    const seed = eventToScheduleJson(await example('examples/seminaire-2012/event.yaml')).schedule.conference;
    expect(seed.acronym).toBe('cner_2012');
    expect(seed.daysCount).toBe(2);
    const ids = seed.days.flatMap((d) =>
      Object.values(d.rooms)
        .flat()
        .map((e) => e.id),
    );
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });
});

/** A small XML well-formedness check: balanced tags, quoted attributes, known entities. */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
  const token = /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let root = 0;
  for (const m of xml.matchAll(token)) {
    const [, close, name, attrs, selfClose, text, stray] = m;
    if (stray) problems.push(`stray "<" at ${m.index}`);
    else if (text !== undefined) {
      if (badAmp.test(text)) problems.push(`bad "&" in text at ${m.index}`);
      if (stack.length === 0 && text.trim()) problems.push(`text outside the root at ${m.index}`);
    } else if (name) {
      if (attrs && badAmp.test(attrs)) problems.push(`bad "&" in attribute at ${m.index}`);
      if (close) {
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes <${open ?? ''}>`);
      } else if (!selfClose) {
        if (stack.length === 0) root++;
        stack.push(name);
      } else if (stack.length === 0) root++;
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (root !== 1) problems.push(`${root} root elements`);
  return problems;
}

describe('frab XML export', () => {
  it('escapes XML', () => {
    expect(escapeXml(`a < b & "c" > 'd'\u0001`)).toBe('a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;');
  });

  it('is well-formed and carries the schedule', async () => {
    for (const m of [
      await example('examples/seminaire-2012/event.yaml'),
      await example('examples/universites-automne/event.yaml'),
      await example('examples/forum-2023-atelier/event.yaml'),
      await example('examples/rencontres-franco-chinoises/event.yaml'),
      inline(SEPTEMBER),
    ]) {
      const xml = eventToFrabXml(m);
      expect(wellFormed(xml)).toEqual([]);
      const json = eventToScheduleJson(m);
      const events = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
      expect(xml.match(/<event /g)?.length).toBe(events.length);
      for (const e of events) expect(xml).toContain(`<event guid="${e.guid}" id="${e.id}">`);
      expect(xml).toContain(`<acronym>${json.schedule.conference.acronym}</acronym>`);
      expect(xml).toMatch(/<day index="1" date="\d{4}-\d{2}-\d{2}" start="[^"]+[+-]\d{2}:\d{2}" end="[^"]+">/);
      // Slugs follow the XSD's voc-slug-new pattern.
      for (const s of xml.matchAll(/<slug>([^<]*)<\/slug>/g)) expect(s[1]).toMatch(/^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$/);
      expect(eventToFrabXml(m)).toBe(xml);
    }
    const xml = eventToFrabXml(inline(SEPTEMBER));
    expect(xml).toContain('<room name="Salle Opéra; 1er étage"');
    expect(xml).toContain('<person guid=');
    expect(xml).not.toContain('urn:uuid');
  });
});
