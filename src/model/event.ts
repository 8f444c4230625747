/**
 * The normalised event model: references resolved, item times computed. Every entity
 * keeps the YAML path it came from, so that checks can point at the user's file.
 */
import type { Path, YamlSource } from '../source/yaml.js';
import { stageMessage, type MessageData, type Messages, type Place, type Problem } from '../diagnostics/types.js';
import type { DocumentsData, EventFileData, InlinePersonData, PersonRefData, SpeakerData } from './schema.js';
import { describePath } from './zod-issues.js';
import { time, tx, type Text } from '../i18n.js';
import { Refs } from './refs.js';
import { mergeAttendees } from './attendees.js';
import { maxOf, minOf, pushTo } from '../util/arrays.js';

/**
 * The messages of `schema/invalid` found while building the model: an empty file, session ids, times that
 * cannot be worked out. {dependents}: the items whose times depend on the one that cannot be
 * worked out (« ; le point suivant (« Débat ») en dépend »), or nothing.
 */
export const eventMessages = {
  emptyFile: tx(
    'Le fichier est vide : un événement avec au moins `event: { title }` et `days:` est attendu.',
    'The file is empty: expected an event with at least `event: { title }` and `days:`.',
  ),
  duplicateSessionId: tx(
    'Identifiant de séance « {id} » en double : déjà utilisé par {other} ; les identifiants doivent être uniques.',
    'Duplicate session id "{id}": already used by {other}; session ids must be unique.',
  ),
  sessionEndsBeforeStart: tx(
    'La séance « {title} » finit à {end}, pas après son début ({start}) : une fin postérieure au début est attendue.',
    'Session "{title}" ends at {end}, not after its start {start}: expected an end later than the start.',
  ),
  endAndDuration: tx(
    'Le point « {title} » donne une fin ({end}) et une durée ({duration} min) qui ne concordent pas avec son début ({start}) : n’en donnez qu’une.',
    'Item "{title}" gives both end {end} and duration {duration} min, which disagree with its start {start}; give one of them.',
  ),
  noStart: tx(
    'Impossible de savoir quand commence le point « {title} » : ni lui ni sa séance n’ont de `start`{dependents}.',
    'Cannot tell when item "{title}" starts: neither it nor its session has a `start`{dependents}.',
  ),
  giveStart: tx('Donnez un `start` à la séance (ou à ce point).', 'Give the session (or this item) a `start`.'),
  noEndLast: tx(
    'Impossible de savoir quand finit le point « {title} » (qui commence à {start}) : il n’a ni `end` ni `duration`, et sa séance n’a pas de `end`{slot}{dependents}.',
    'Cannot tell when item "{title}" (starting at {start}) ends: it has no `end` or `duration`, and its session has no `end`{slot}{dependents}.',
  ),
  noEndNext: tx(
    'Impossible de savoir quand finit le point « {title} » (qui commence à {start}) : il n’a ni `end` ni `duration`, et le point suivant n’a pas de `start`{slot}{dependents}.',
    'Cannot tell when item "{title}" (starting at {start}) ends: it has no `end` or `duration`, and the next item has no `start`{slot}{dependents}.',
  ),
  giveDuration: tx(
    'Donnez-lui une `duration` (par exemple `duration: 20min`) ou un `end`.',
    'Give it a `duration` (for example `duration: 20min`) or an `end`.',
  ),
  pastMidnight: tx(
    'Le point « {title} » finirait après minuit ({start} + {minutes} min) : une durée plus courte est attendue{dependents}.',
    'Item "{title}" would end after midnight ({start} + {minutes} min): expected a shorter duration{dependents}.',
  ),
  itemEndsBeforeStart: tx(
    'Le point « {title} » finit à {end}, pas après son début ({start}) : une fin postérieure au début est attendue.',
    'Item "{title}" ends at {end}, not after its start {start}: expected an end later than the start.',
  ),
} satisfies Messages;

const said = (id: keyof typeof eventMessages, data?: MessageData) => stageMessage('schema/invalid', eventMessages, id, data);

/** The `slot` clause of `noEndLast` and `noEndNext`: an item without speakers has no slot time. */
const slotNotApplied = tx(', et sans intervenant le `slot` de la séance ne s’applique pas', ', and with no speaker the session `slot` does not apply');

export type Locale = 'fr' | 'en';
/** The languages coop has label tables for. */
export type LabelLocale = 'fr' | 'en' | 'zh';
export type SpeakerStatus = 'confirmed' | 'tentative' | 'unconfirmed' | 'declined';

export interface OrgModel {
  id: string | null;
  name: string;
  short: string | null;
  path: Path | null;
}

export interface PersonModel {
  /** The `people` id, or null for a person written inline. */
  id: string | null;
  name: string;
  civility: 'M.' | 'Mme' | null;
  role: string | null;
  org: OrgModel | null;
  email: string | null;
  phone: string | null;
  path: Path;
  /** Where the person is written when it is not the event file (a CSV row). */
  place?: Place;
}

export interface SpeakerModel {
  person: PersonModel | null;
  /** Set when an organisation speaks with no named person, or as the person's affiliation. */
  org: OrgModel | null;
  status: SpeakerStatus;
  orRepresentative: boolean;
  /** What the speaker talks about (`topic:`), printed with the speaker. */
  topic: string | null;
  /** Who speaks in this person's place (`represented_by:`): the one booked for every check. */
  representedBy: PersonModel | null;
  path: Path;
}

export interface ItemModel {
  index: number;
  label: string | null;
  title: string;
  kind: string;
  /**
   * Minutes since midnight; null when nobody wrote a time for it: an untimed part (see
   * `untimed`), or an item whose time could not be determined (an error, kept for drafts).
   */
  start: number | null;
  end: number | null;
  /**
   * A part of an untimed session (FORMAT.md §5.1: no item of the session has a time and the
   * session has no `slot`): printed without times, and taken to span the whole session by
   * the checks (see `itemSpan`).
   */
  untimed: boolean;
  startGiven: boolean;
  endGiven: boolean;
  /** The key the end came from, to point at it. */
  endKey: 'end' | 'duration' | null;
  speakers: SpeakerModel[];
  description: string | null;
  path: Path;
}

export interface RoomModel {
  id: string;
  name: string;
  capacity: number | null;
  /** An off-site room's own address and city (calendars and schedules use them instead of the venue's). */
  address: string | null;
  city: string | null;
}

export interface SessionModel {
  id: string;
  index: number;
  dayIndex: number;
  date: string;
  number: string | null;
  title: string;
  kind: string;
  room: RoomModel | null;
  /**
   * A workshop or round table without `room` in an event with rooms to choose from (a `rooms:`
   * list, or sessions running alongside it): "salle à préciser". It shares no room with
   * anything (no room overlap), unlike other sessions without a room, which share the plenary.
   * In a single-room event (no `rooms:`, nothing in parallel) it is in the plenary like the rest.
   */
  roomUnassigned: boolean;
  /** Its items are untimed parts (FORMAT.md §5.1). */
  untimed: boolean;
  /** `languages:` as written ([fr, zh]); empty when not said. */
  languages: string[];
  interpretation: boolean;
  /** null when the session has neither times nor timed items. */
  start: number | null;
  end: number | null;
  startGiven: boolean;
  endGiven: boolean;
  slot: number | null;
  chair: PersonModel[];
  rapporteur: PersonModel[];
  description: string | null;
  items: ItemModel[];
  path: Path;
}

export interface DayModel {
  date: string;
  title: string | null;
  sessions: SessionModel[];
  path: Path;
}

/** An image read from the project (a logo): its bytes, type and size, and the name it is copied under (`assets/…`). */
export interface EventImage {
  name: string;
  bytes: Uint8Array;
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

export interface EventModel {
  kind: 'event';
  file: string;
  title: string;
  subtitle: string | null;
  eventKind: string;
  organisers: OrgModel[];
  support: OrgModel[];
  audience: string | null;
  capacity: number | null;
  locale: Locale;
  /** A second language for printed labels (`labels_also:`): "Animation / 主持". */
  labelsAlso: LabelLocale | null;
  timezone: string;
  venue: { name: string; address: string | null; city: string | null } | null;
  description: string | null;
  questions: string[];
  organisations: Map<string, OrgModel>;
  people: Map<string, PersonModel>;
  rooms: Map<string, RoomModel>;
  attendees: PersonModel[];
  minutes: string[];
  /** `attendees: - file: x.csv` entries, read by the check stage (it knows the project folder). */
  attendeeFiles: Array<{ file: string; path: Path; sheet?: string | number | null; sheetPath?: Path; nameOrder: 'given-first' | 'family-first' }>;
  documents: DocumentsData;
  /** `logos:`, as written; `image` is filled by the check stage once the file is read (PNG, JPEG). */
  logos: Array<{ file: string; alt: string | null; path: Path; image?: EventImage }>;
  /** The Markdown images of the descriptions read by the check stage, by their address as written (relative to the event file). */
  images?: Map<string, EventImage>;
  /** A user template folder, as written (relative to the event file). */
  templates: string | null;
  checks: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  days: DayModel[];
}

export function normalizeEvent(data: EventFileData, source: YamlSource): { model: EventModel; problems: Problem[] } {
  const problems: Problem[] = [];
  const refs = new Refs(source, problems);
  const { organisations, people } = refs;
  for (const [id, o] of Object.entries(data.organisations ?? {})) {
    organisations.set(id, { id, name: o.name, short: o.short ?? null, path: ['organisations', id] });
  }
  for (const [id, p] of Object.entries(data.people ?? {})) people.set(id, refs.inline(p, ['people', id], id));
  const orgRef = (value: string, path: Path) => refs.org(value, path);
  const inline = (p: InlinePersonData, path: Path) => refs.inline(p, path);
  const personRef = (ref: PersonRefData, path: Path) => refs.person(ref, path);
  const personRefs = (list: PersonRefData | PersonRefData[] | undefined, path: Path) => refs.persons(list, path);
  const unknown = refs.unknown.bind(refs);
  const speaker = (s: SpeakerData, path: Path): SpeakerModel | null => {
    if (typeof s === 'string') {
      const p = personRef(s, path);
      return p ? { person: p, org: null, status: 'confirmed', orRepresentative: false, topic: null, representedBy: null, path } : null;
    }
    let person: PersonModel | null = null;
    let org: OrgModel | null = null;
    if (s.person !== undefined) {
      person = personRef(s.person, [...path, 'person']);
      if (!person) return null;
    } else if (s.name !== undefined) {
      person = inline({ name: s.name, civility: s.civility, role: s.role, org: s.org, email: s.email, phone: s.phone }, path);
    } else if (s.org !== undefined) {
      org = orgRef(s.org, [...path, 'org']);
    }
    const representedBy = s.represented_by === undefined ? null : personRef(s.represented_by, [...path, 'represented_by']);
    return {
      person,
      org,
      status: s.status ?? 'confirmed',
      orRepresentative: s.or_representative ?? false,
      topic: s.topic ?? null,
      representedBy,
      path,
    };
  };

  const rooms = new Map<string, RoomModel>();
  for (const [id, r] of Object.entries(data.rooms ?? {})) {
    rooms.set(id, { id, name: r.name, capacity: r.capacity ?? null, address: r.address ?? null, city: r.city ?? null });
  }

  const attendees: PersonModel[] = [];
  const attendeeFiles: EventModel['attendeeFiles'] = [];
  (data.attendees ?? []).forEach((a, i) => {
    const path = ['attendees', i];
    if (typeof a === 'string' || 'name' in a) {
      const p = personRef(a as PersonRefData, path);
      if (p) attendees.push(p);
    } else
      attendeeFiles.push({
        file: a.file,
        path: [...path, 'file'],
        sheet: a.sheet ?? null,
        sheetPath: [...path, 'sheet'],
        nameOrder: a.name_order ?? 'given-first',
      });
  });

  const seenIds = new Map<string, Path>();
  const days: DayModel[] = data.days.map((d, di) => {
    const dayPath = ['days', di];
    const sessions: SessionModel[] = d.sessions.map((s, si) => {
      const path = [...dayPath, 'sessions', si];
      const id = s.id ?? `d${di + 1}-s${si + 1}`;
      if (s.id !== undefined) {
        const other = seenIds.get(s.id);
        if (other) {
          problems.push({
            rule: 'schema/invalid',
            ...said('duplicateSessionId', { id: s.id, other: describePath(other) }),
            place: source.placeOf([...path, 'id']),
          });
        } else seenIds.set(s.id, path);
      }
      let room: RoomModel | null = null;
      if (s.room !== undefined) {
        room = rooms.get(s.room) ?? null;
        if (!room) unknown([...path, 'room'], 'room', s.room, rooms.keys(), 'rooms');
      }
      const kind = s.kind ?? 'plenary';
      const session: SessionModel = {
        id,
        index: si,
        dayIndex: di,
        date: d.date,
        number: s.number === undefined ? null : String(s.number),
        title: s.title,
        kind,
        room,
        roomUnassigned: false, // decided below, once every session's times are known
        untimed: false,
        languages: s.languages ?? [],
        interpretation: s.interpretation ?? false,
        start: s.start ?? null,
        end: s.end ?? null,
        startGiven: s.start !== undefined,
        endGiven: s.end !== undefined,
        slot: s.slot ?? null,
        chair: personRefs(s.chair, [...path, 'chair']),
        rapporteur: personRefs(s.rapporteur, [...path, 'rapporteur']),
        description: s.description ?? null,
        items: [],
        path,
      };
      // An end before the start is one mistake: say it once, and do not let that end derive the
      // items' times or fence them in (which would report the same mistake two more times).
      if (session.start !== null && session.end !== null && session.end <= session.start) {
        problems.push({
          rule: 'schema/invalid',
          ...said('sessionEndsBeforeStart', { title: session.title, end: time(session.end), start: time(session.start) }),
          place: source.placeOf([...path, 'end']),
        });
        session.end = null;
        session.endGiven = false;
      }
      computeItems(session, s.items ?? [], speaker, source, problems);
      return session;
    });
    return { date: d.date, title: d.title ?? null, sessions, path: dayPath };
  });

  markUnassignedRooms(days, (s) => s.room === null && data.days[s.dayIndex].sessions[s.index].room === undefined, Object.keys(data.rooms ?? {}).length > 0);

  const ev = data.event;
  const model: EventModel = {
    kind: 'event',
    file: source.file,
    title: ev.title,
    subtitle: ev.subtitle ?? null,
    eventKind: ev.kind ?? 'seminar',
    organisers: (ev.organisers ?? []).map((o, i) => orgRef(o, ['event', 'organisers', i])),
    support: (ev.support ?? []).map((o, i) => orgRef(o, ['event', 'support', i])),
    audience: ev.audience ?? null,
    capacity: ev.capacity ?? null,
    locale: ev.locale ?? 'fr',
    labelsAlso: ev.labels_also !== undefined && ev.labels_also !== (ev.locale ?? 'fr') ? ev.labels_also : null,
    timezone: ev.timezone ?? 'Europe/Paris',
    venue:
      ev.venue === undefined
        ? null
        : typeof ev.venue === 'string'
          ? { name: ev.venue, address: null, city: null }
          : { name: ev.venue.name, address: ev.venue.address ?? null, city: ev.venue.city ?? null },
    description: ev.description ?? null,
    questions: ev.questions ?? [],
    organisations,
    people,
    rooms,
    attendees,
    minutes: data.minutes ?? [],
    attendeeFiles,
    documents: data.documents ?? {},
    logos: (ev.logos ?? []).map((l, i) => ({ file: l.file, alt: l.alt?.trim() ? l.alt.trim() : null, path: ['event', 'logos', i] })),
    templates: data.templates ?? null,
    checks: data.checks ?? {},
    days,
  };
  mergeAttendees(model);
  return { model, problems };
}

/**
 * Workshops and round tables without a room are "salle à préciser" (FORMAT.md §5.1) when the
 * event has rooms to choose from: a `rooms:` list, or another session at the same time.
 */
function markUnassignedRooms(days: DayModel[], noRoom: (s: SessionModel) => boolean, hasRooms: boolean): void {
  const byDate = new Map<string, SessionModel[]>();
  for (const d of days) for (const s of d.sessions) pushTo(byDate, d.date, s);
  for (const sessions of byDate.values()) {
    for (const s of sessions) {
      if ((s.kind !== 'workshop' && s.kind !== 'roundtable') || !noRoom(s)) continue;
      const alongside = (o: SessionModel) =>
        o !== s && s.start !== null && s.end !== null && o.start !== null && o.end !== null && o.start < s.end && s.start < o.end;
      s.roomUnassigned = hasRooms || sessions.some(alongside);
    }
  }
}

type ItemData = NonNullable<EventFileData['days'][number]['sessions'][number]['items']>[number];

/**
 * The span an item takes for the checks: its own times, or, for an untimed part, the whole
 * session (FORMAT.md §5.1); null when neither is known.
 */
export function itemSpan(item: ItemModel, session: SessionModel): { start: number; end: number } | null {
  if (item.start !== null && item.end !== null) return { start: item.start, end: item.end };
  if (item.untimed && session.start !== null && session.end !== null && session.end > session.start) return { start: session.start, end: session.end };
  return null;
}

/** The person who will actually speak: the representative when there is one. */
export function bookedPerson(s: SpeakerModel): PersonModel | null {
  return s.representedBy ?? s.person;
}

/**
 * Item times: an item starts at its `start`, else at the end of the previous item, else at
 * the session start. It ends at its `end`, else start + `duration`, else start + `slot` x
 * number of speakers, else at the next item's given start, else (last item) at the session end.
 *
 * When no item has a time and the session has no `slot`, the items are untimed parts
 * (FORMAT.md §5.1): no time is computed for them, none is printed.
 *
 * An item whose time cannot be determined is one error, at that item, saying why; the items
 * whose times depend on it are named in that error, not reported again. Every item is kept
 * in the model (without times when they are unknown), so that a draft shows all of them.
 */
function computeItems(
  session: SessionModel,
  items: ItemData[],
  speaker: (s: SpeakerData, path: Path) => SpeakerModel | null,
  source: YamlSource,
  problems: Problem[],
): void {
  const untimed = items.length > 0 && session.slot === null && items.every((it) => it.start === undefined && it.end === undefined && it.duration === undefined);
  session.untimed = untimed;
  let cursor: number | null = session.start;
  /**
   * The error that left `cursor` unknown (its message and data, without `dependents`), and the
   * titles of the items that depend on it.
   */
  type Blocked = { problem: Problem; id: 'noStart' | 'noEndLast' | 'noEndNext' | 'pastMidnight'; data: Record<string, string | Text>; dependents: string[] };
  let blocked: Blocked | null = null;
  const blocking: Blocked[] = [];
  const block = (id: Blocked['id'], data: Blocked['data'], place: Place, note?: Text) => {
    const problem: Problem = { rule: 'schema/invalid', ...said(id, { ...data, dependents: '' }), place, ...(note ? { note } : {}) };
    problems.push(problem);
    blocked = { problem, id, data, dependents: [] };
    blocking.push(blocked);
  };
  items.forEach((it, ii) => {
    const path = [...session.path, 'items', ii];
    const speakers: SpeakerModel[] = [];
    (it.speakers ?? []).forEach((s, k) => {
      const m = speaker(s, [...path, 'speakers', k]);
      if (m) speakers.push(m);
    });
    const model: ItemModel = {
      index: ii,
      label: it.label === undefined ? null : String(it.label),
      title: it.title,
      kind: it.kind ?? 'talk',
      start: null,
      end: null,
      untimed,
      startGiven: it.start !== undefined,
      endGiven: it.end !== undefined || it.duration !== undefined,
      endKey: it.end !== undefined ? 'end' : it.duration !== undefined ? 'duration' : null,
      speakers,
      description: it.description ?? null,
      path,
    };
    session.items.push(model);
    if (untimed) return;
    if (it.start !== undefined) blocked = null; // a given start ends what an earlier unknown time left unknown
    const start = it.start ?? cursor;
    let end: number | null = null;
    if (it.end !== undefined) end = it.end;
    else if (start !== null && it.duration !== undefined) end = start + it.duration;
    else if (start !== null && session.slot !== null && speakers.length > 0) end = start + session.slot * speakers.length;
    else if (start !== null) {
      const next = items[ii + 1];
      if (next?.start !== undefined) end = next.start;
      else if (ii === items.length - 1 && session.end !== null) end = session.end;
    }
    if (it.end !== undefined && it.duration !== undefined && start !== null && it.end !== start + it.duration) {
      problems.push({
        rule: 'schema/invalid',
        ...said('endAndDuration', { title: it.title, end: time(it.end), duration: String(it.duration), start: time(start) }),
        place: source.placeOf([...path, 'duration']),
      });
    }
    if (start === null) {
      const current = blocked as Blocked | null;
      if (current) current.dependents.push(it.title);
      else {
        // Only the first item can get here without an earlier cause: the session has no start.
        block('noStart', { title: it.title }, source.placeOf(path), eventMessages.giveStart);
      }
      cursor = null;
      return;
    }
    if (end === null) {
      const slot = session.slot !== null ? slotNotApplied : '';
      block(
        ii === items.length - 1 ? 'noEndLast' : 'noEndNext',
        { title: it.title, start: time(start), slot },
        source.placeOf(path),
        eventMessages.giveDuration,
      );
      cursor = null;
      return;
    }
    if (end > 24 * 60) {
      block(
        'pastMidnight',
        { title: it.title, start: time(start), minutes: String(end - start) },
        source.placeOf([...path, it.duration !== undefined ? 'duration' : 'end']),
      );
      cursor = null;
      return;
    }
    if (end <= start) {
      const field = it.end !== undefined ? 'end' : 'start';
      problems.push({
        rule: 'schema/invalid',
        ...said('itemEndsBeforeStart', { title: it.title, end: time(end), start: time(start) }),
        place: source.placeOf([...path, field]),
      });
      cursor = start;
      blocked = null;
      return;
    }
    model.start = start;
    model.end = end;
    cursor = end;
    blocked = null;
  });
  // One cause, one error: the items whose times depended on an unknown one are named in it.
  for (const { problem, id, data, dependents } of blocking) {
    if (dependents.length === 0) continue;
    const n = dependents.length;
    const names = dependents.slice(0, 3);
    const more = n > 3 ? tx(` et ${n - 3} autre${n - 3 > 1 ? 's' : ''}`, ` and ${n - 3} more`) : tx('', '');
    const fr = `${names.map((t) => `« ${t} »`).join(', ')}${more.fr}`;
    const en = `${names.map((t) => `"${t}"`).join(', ')}${more.en}`;
    const tail =
      n > 1
        ? tx(` ; les ${n} points suivants (${fr}) en dépendent`, `; the ${n} items after it (${en}) depend on it`)
        : tx(` ; le point suivant (${fr}) en dépend`, `; the item after it (${en}) depends on it`);
    Object.assign(problem, stageMessage('schema/invalid', eventMessages, id, { ...data, dependents: tail }));
  }
  const timed = session.items.filter((i): i is ItemModel & { start: number; end: number } => i.start !== null && i.end !== null);
  if (timed.length > 0) {
    if (session.start === null) session.start = minOf(timed.map((i) => i.start));
    // With an item whose time is unknown, the session's end is unknown too (a draft prints none).
    const unknown = session.items.some((i) => !i.untimed && i.start === null);
    if (session.end === null && !unknown) session.end = maxOf(timed.map((i) => i.end));
  }
}

/** The event's first day (YYYY-MM-DD), whatever the order of `days:`; undefined without days. */
export function firstDay(model: Pick<EventModel, 'days'>): string | undefined {
  return model.days.map((d) => d.date).sort()[0];
}

/** An organisation as printed in full: "Cités Unies France (CUF)", or its name alone. */
export function orgFullName(o: OrgModel): string {
  return o.short && o.short !== o.name ? `${o.name} (${o.short})` : o.name;
}

/** An organisation as printed after a person: its short name, else its name; null for none. */
export function orgShortName(o: OrgModel | null): string | null {
  return o ? (o.short ?? o.name) : null;
}

/** The event's Markdown texts (its description, each session's and item's), with their YAML paths. */
export function descriptionTexts(model: EventModel): Array<{ md: string | null; at: Array<string | number> }> {
  const texts: Array<{ md: string | null; at: Array<string | number> }> = [{ md: model.description, at: ['event', 'description'] }];
  for (const d of model.days) {
    for (const s of d.sessions) {
      texts.push({ md: s.description, at: [...s.path, 'description'] });
      for (const it of s.items) texts.push({ md: it.description, at: [...it.path, 'description'] });
    }
  }
  return texts;
}
