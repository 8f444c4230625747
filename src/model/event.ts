/**
 * The normalised event model: references resolved, item times computed. Every entity
 * keeps the YAML path it came from, so that checks can point at the user's file.
 */
import type { Path, RawProblem, YamlSource } from '../source/yaml.js';
import type { Place } from '../diagnostics/types.js';
import type { DocumentsData, EventFileData, InlinePersonData, PersonRefData, SpeakerData } from './schema.js';
import { describePath } from './zod-issues.js';
import { time, tx } from '../i18n.js';
import { Refs } from './refs.js';
import { maxOf, minOf } from '../util/arrays.js';

export type Locale = 'fr' | 'en';
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
  path: Path;
}

export interface ItemModel {
  index: number;
  label: string | null;
  title: string;
  kind: string;
  start: number;
  end: number;
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
  attendeeFiles: Array<{ file: string; path: Path }>;
  documents: DocumentsData;
  /** A user template folder, as written (relative to the event file). */
  templates: string | null;
  checks: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  days: DayModel[];
}

export function normalizeEvent(data: EventFileData, source: YamlSource): { model: EventModel; problems: RawProblem[] } {
  const problems: RawProblem[] = [];
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
      return p ? { person: p, org: null, status: 'confirmed', orRepresentative: false, path } : null;
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
    return { person, org, status: s.status ?? 'confirmed', orRepresentative: s.or_representative ?? false, path };
  };

  const rooms = new Map<string, RoomModel>();
  for (const [id, r] of Object.entries(data.rooms ?? {})) rooms.set(id, { id, name: r.name, capacity: r.capacity ?? null });

  const attendees: PersonModel[] = [];
  const attendeeFiles: EventModel['attendeeFiles'] = [];
  (data.attendees ?? []).forEach((a, i) => {
    const path = ['attendees', i];
    if (typeof a === 'string' || 'name' in a) {
      const p = personRef(a as PersonRefData, path);
      if (p) attendees.push(p);
    } else attendeeFiles.push({ file: a.file, path: [...path, 'file'] });
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
            message: tx(
              `Identifiant de séance « ${s.id} » en double : déjà utilisé par ${describePath(other).fr} ; les identifiants doivent être uniques.`,
              `Duplicate session id "${s.id}": already used by ${describePath(other).en}; session ids must be unique.`,
            ),
            place: source.placeOf([...path, 'id']),
          });
        } else seenIds.set(s.id, path);
      }
      let room: RoomModel | null = null;
      if (s.room !== undefined) {
        room = rooms.get(s.room) ?? null;
        if (!room) unknown([...path, 'room'], 'room', s.room, rooms.keys(), 'rooms');
      }
      const session: SessionModel = {
        id,
        index: si,
        dayIndex: di,
        date: d.date,
        number: s.number === undefined ? null : String(s.number),
        title: s.title,
        kind: s.kind ?? 'plenary',
        room,
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
          message: tx(
            `La séance « ${session.title} » finit à ${time(session.end).fr}, pas après son début (${time(session.start).fr}) : une fin postérieure au début est attendue.`,
            `Session "${session.title}" ends at ${time(session.end).en}, not after its start ${time(session.start).en}: expected an end later than the start.`,
          ),
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
    templates: data.templates ?? null,
    checks: data.checks ?? {},
    days,
  };
  return { model, problems };
}

type ItemData = NonNullable<EventFileData['days'][number]['sessions'][number]['items']>[number];

/**
 * Item times: an item starts at its `start`, else at the end of the previous item, else at
 * the session start. It ends at its `end`, else start + `duration`, else start + `slot` x
 * number of speakers, else at the next item's given start, else (last item) at the session end.
 */
function computeItems(
  session: SessionModel,
  items: ItemData[],
  speaker: (s: SpeakerData, path: Path) => SpeakerModel | null,
  source: YamlSource,
  problems: RawProblem[],
): void {
  let cursor: number | null = session.start;
  items.forEach((it, ii) => {
    const path = [...session.path, 'items', ii];
    const speakers: SpeakerModel[] = [];
    (it.speakers ?? []).forEach((s, k) => {
      const m = speaker(s, [...path, 'speakers', k]);
      if (m) speakers.push(m);
    });
    const start = it.start ?? cursor;
    let end: number | null = null;
    if (it.end !== undefined) end = it.end;
    else if (start !== null && it.duration !== undefined) end = start + it.duration;
    else if (start !== null && session.slot !== null && speakers.length > 0 && it.duration === undefined)
      end = start + session.slot * speakers.length;
    else if (start !== null) {
      const next = items[ii + 1];
      if (next?.start !== undefined) end = next.start;
      else if (ii === items.length - 1 && session.end !== null) end = session.end;
    }
    if (it.end !== undefined && it.duration !== undefined && start !== null && it.end !== start + it.duration) {
      problems.push({
        rule: 'schema/invalid',
        message: tx(
          `Le point « ${it.title} » donne une fin (${time(it.end).fr}) et une durée (${it.duration} min) qui ne concordent pas avec son début (${time(start).fr}) : n’en donnez qu’une.`,
          `Item "${it.title}" gives both end ${time(it.end).en} and duration ${it.duration} min, which disagree with its start ${time(start).en}; give one of them.`,
        ),
        place: source.placeOf([...path, 'duration']),
      });
    }
    if (start === null || end === null) {
      problems.push({
        rule: 'schema/invalid',
        message:
          start === null
            ? tx(
                `Impossible de savoir quand commence le point « ${it.title} » : donnez-lui un \`start\`, ou donnez un \`start\` à la séance.`,
                `Cannot tell when item "${it.title}" starts: give it a \`start\`, or give the session a \`start\`.`,
              )
            : tx(
                `Impossible de savoir quand finit le point « ${it.title} » : donnez-lui un \`end\` ou une \`duration\`, ou donnez à la séance un \`slot\` par intervenant.`,
                `Cannot tell when item "${it.title}" ends: give it an \`end\` or a \`duration\`, or give the session a \`slot\` per speaker.`,
              ),
        place: source.placeOf(path),
      });
      cursor = null;
      return;
    }
    if (end > 24 * 60) {
      problems.push({
        rule: 'schema/invalid',
        message: tx(
          `Le point « ${it.title} » finirait après minuit (${time(start).fr} + ${end - start} min) : une durée plus courte est attendue.`,
          `Item "${it.title}" would end after midnight (${time(start).en} + ${end - start} min): expected a shorter duration.`,
        ),
        place: source.placeOf([...path, it.duration !== undefined ? 'duration' : 'end']),
      });
      cursor = null;
      return;
    }
    if (end <= start) {
      const field = it.end !== undefined ? 'end' : 'start';
      problems.push({
        rule: 'schema/invalid',
        message: tx(
          `Le point « ${it.title} » finit à ${time(end).fr}, pas après son début (${time(start).fr}) : une fin postérieure au début est attendue.`,
          `Item "${it.title}" ends at ${time(end).en}, not after its start ${time(start).en}: expected an end later than the start.`,
        ),
        place: source.placeOf([...path, field]),
      });
      cursor = end > start ? end : start;
      return;
    }
    session.items.push({
      index: ii,
      label: it.label === undefined ? null : String(it.label),
      title: it.title,
      kind: it.kind ?? 'talk',
      start,
      end,
      startGiven: it.start !== undefined,
      endGiven: it.end !== undefined || it.duration !== undefined,
      endKey: it.end !== undefined ? 'end' : it.duration !== undefined ? 'duration' : null,
      speakers,
      description: it.description ?? null,
      path,
    });
    cursor = end;
  });
  if (session.items.length > 0) {
    if (session.start === null) session.start = minOf(session.items.map((i) => i.start));
    if (session.end === null) session.end = maxOf(session.items.map((i) => i.end));
  }
}
