/**
 * EventModel → c3voc schedule JSON (`out/schedule.json`), the format frab and pretalx export
 * and conference apps (Giggity, EventFahrplan, info-beamer…) read. It follows the schema of
 * voc/schedule (`validator/json/schema.json`, draft-06), which the tests validate against.
 *
 * Points of that schema worth knowing when editing this file:
 * - `conference.acronym` must match `^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`: no
 *   hyphen after the first character, so the acronym is built with underscores.
 * - every event requires `url` (an absolute URI) and `subtitle`, `track`, `language`,
 *   `abstract` (string or null), `links` (array), `start` and `duration` (deprecated but
 *   still required), `id` (integer ≥ 1) and `guid` (UUID).
 * - a person must match exactly one of "frab person" (`public_name` + integer `id`) and
 *   "pretalx person" (`name`): giving `name`, `public_name` and `id` together matches both
 *   and fails `oneOf`, so persons carry `name` (+ `public_name` for older readers) and
 *   `guid`, never `id`.
 * - `schedule.rooms` is forbidden; rooms live in `conference.rooms`. Conference, day, event
 *   and room objects accept no other properties than the listed ones.
 */
import type { EventModel, RoomModel, SessionModel, SpeakerModel } from '../model/event.js';
import { version as coopVersion } from '../version.js';
import { entries, entrySpeakers, partsText, speakerLines, type Entry } from './entries.js';
import { sha1Hex, slugify, truncateSlug, uuidV5 } from './ids.js';
import { labelled, languagesLine, personLine, plenaryRoomName, published, sessionTitle, speakerName } from './people-text.js';
import { hhmm } from './time-formats.js';
import { isoLocal } from '../util/time-zones.js';
import { label, labels } from '../render/labels.js';
import { append, maxOf, minOf } from '../util/arrays.js';

/** A title cut at a word boundary, with an ellipsis (never inside a character: no lone surrogate). */
function truncateTitle(title: string, max: number): string {
  if (title.length <= max) return title;
  // Never end inside a character: a high surrogate without its pair is not JSON any parser reads.
  const end = (title.charCodeAt(max - 1) & 0xfc00) === 0xd800 ? max - 1 : max;
  const cut = title.slice(0, end);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

export interface ScheduleOptions {
  /**
   * Public URL of the published programme (http/https). When given it becomes the
   * conference `url` and each event's `url` (with `#slug`); otherwise each event gets a
   * `urn:uuid:` URI, a valid absolute URI that points at no web page.
   */
  url?: string;
}

export interface SchedulePerson {
  guid: string;
  name: string;
  public_name: string;
}

export interface ScheduleEvent {
  id: number;
  guid: string;
  date: string;
  start: string;
  end: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string | null;
  track: string | null;
  type: string;
  language: string;
  abstract: string | null;
  description: string | null;
  persons: SchedulePerson[];
  links: never[];
  attachments: never[];
}

export interface ScheduleRoom {
  name: string;
  slug?: string;
  guid: string;
  /** An off-site room's address ("12 rue …, Lyon"). */
  description?: string;
  capacity: number | null;
}

export interface ScheduleDay {
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  rooms: Record<string, ScheduleEvent[]>;
}

export interface ScheduleConference {
  acronym: string;
  title: string;
  description?: string;
  start: string;
  end: string;
  daysCount: number;
  timeslot_duration: string;
  time_zone_name?: string;
  url?: string;
  rooms: ScheduleRoom[];
  days: ScheduleDay[];
}

export interface ScheduleJson {
  $schema: string;
  generator: { name: string; version: string };
  schedule: { version: string; conference: ScheduleConference };
}

const SCHEMA_ID = 'https://c3voc.de/schedule/schema.json';
const ACRONYM = /^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/;
// The schema's own pattern for zone names; names it rejects (Etc/GMT+1…) are left out:
// every date already carries its offset, so readers lose nothing essential.
const ZONE_NAME = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;

/**
 * "cner_2012": the first organiser's short name (else the start of the title) and the
 * year, with underscores (see the acronym pattern above).
 */
function acronymOf(model: EventModel): string {
  const year =
    model.days
      .map((d) => d.date)
      .sort()[0]
      ?.slice(0, 4) ?? '';
  const org = model.organisers[0];
  let base = org ? truncateSlug(slugify(org.short ?? org.name, '_'), 20, '_') : '';
  if (!base) base = truncateSlug(slugify(model.title, '_'), 24, '_');
  const acronym = [base, year].filter(Boolean).join('_');
  return ACRONYM.test(acronym) ? acronym : `coop_${year || 'schedule'}`;
}

/** The speakers as c3voc persons, with a guid stable for the same person within the event. */
function persons(model: EventModel, entry: Entry): SchedulePerson[] {
  const out: SchedulePerson[] = [];
  const seen = new Set<string>();
  // The people who come: a representative rather than the person represented; nobody for a
  // speaker who declined (the published programme leaves them out).
  for (const speaker of entrySpeakers(entry)) {
    if (!published(speaker)) continue;
    const s: SpeakerModel = speaker.representedBy ? { ...speaker, person: speaker.representedBy } : speaker;
    const name = speakerName(s);
    if (!name) continue;
    // Keyed on the `people` / `organisations` id when there is one (a person written inline
    // has only a name). Not on the e-mail address the schema suggests: the schedule is
    // public, and a hash of an address is easy to reverse with a list of addresses.
    const key = s.person ? `person:${s.person.id ?? `inline:${s.person.name}`}` : `org:${s.org?.id ?? `inline:${name}`}`;
    if (seen.has(key)) continue; // one person in several parts of an untimed session
    seen.add(key);
    out.push({ guid: uuidV5(`coop:${model.title}:${key}`), name, public_name: name });
  }
  return out;
}

/** Chair, rapporteur and speakers with their status ("(pressenti)"), one per line. */
function describe(model: EventModel, entry: Entry): string | null {
  const l = labels[model.locale];
  const lines: string[] = [];
  const { session } = entry;
  if (session.chair.length) lines.push(labelled(l.chair, session.chair.map(personLine), model.locale));
  if (session.rapporteur.length) lines.push(labelled(l.rapporteur, session.rapporteur.map(personLine), model.locale));
  // c3voc persons have no status field: the description says "(pressenti)", "(sous réserve)"…
  // so that a speaker who is only approached is not read as booked.
  append(lines, speakerLines(entry, model.locale));
  const languages = languagesLine(session, model.locale);
  if (languages) lines.push(languages);
  // An untimed session lists its parts in order, without times (FORMAT.md §5.1).
  const parts = partsText(entry, model.locale);
  if (parts.length) lines.push('', parts.join('\n\n'));
  return lines.length ? lines.join('\n') : null;
}

export function eventToScheduleJson(model: EventModel, options: ScheduleOptions = {}): ScheduleJson {
  const tz = model.timezone;
  const acronym = acronymOf(model);
  const all = entries(model);

  // Rooms: the declared ones (in declaration order, one per name, since events refer to
  // rooms by name), then a plenary room for sessions that have none, if any.
  const plenary = plenaryRoomName(model.locale);
  const rooms: ScheduleRoom[] = [];
  const roomOrder = new Map<string, number>();
  const addRoom = (name: string, idKey: string, room: RoomModel | null) => {
    if (roomOrder.has(name)) return;
    roomOrder.set(name, rooms.length);
    const slug = slugify(name);
    const address = room ? [room.address, room.city].filter(Boolean).join(', ') : '';
    rooms.push({
      name,
      ...(/^[a-z0-9_-]+[a-z0-9]$/.test(slug) ? { slug } : {}),
      guid: uuidV5(`coop:${model.title}:room:${idKey}`),
      ...(address ? { description: address } : {}),
      capacity: room?.capacity ?? null,
    });
  };
  for (const room of model.rooms.values()) addRoom(room.name, room.id, room);
  if (all.some((e) => e.session.room === null && !e.session.roomUnassigned)) addRoom(plenary, '\u0000plenary', null);
  // A workshop whose room is still to be assigned is not in the plenary: it gets a column of
  // its own ("Salle à préciser (Atelier 4)"), so that apps show it beside the others.
  const unassigned = new Map<SessionModel, string>();
  for (const e of all) {
    if (!e.session.roomUnassigned || unassigned.has(e.session)) continue;
    const s = e.session;
    const what = s.number ? (s.kind === 'workshop' ? `${label('workshop', model.locale)} ${s.number}` : s.number) : truncateTitle(s.title, 40);
    const toConfirm = label('roomToConfirm', model.locale);
    let name = `${toConfirm.charAt(0).toUpperCase()}${toConfirm.slice(1)} (${what})`;
    for (let n = 2; roomOrder.has(name); n++) name = `${name.replace(/ #\d+$/, '')} #${n}`;
    unassigned.set(s, name);
    addRoom(name, `\u0000unassigned:${s.date}:${s.id}`, null);
  }
  const roomName = (e: Entry) => unassigned.get(e.session) ?? e.session.room?.name ?? plenary;

  // The grid step apps draw with: the largest step that every start and duration is a
  // multiple of (5 minutes when there is nothing to measure).
  const step = all.reduce((g, e) => gcd(gcd(g, e.start), e.end - e.start), 0) || 5;

  let nextId = 1;
  const days: ScheduleDay[] = model.days.map((day, di) => {
    const dayEntries = all.filter((e) => e.session.dayIndex === di);
    const first = dayEntries.length ? minOf(dayEntries.map((e) => e.start)) : 0;
    const last = dayEntries.length ? maxOf(dayEntries.map((e) => e.end)) : 24 * 60 - 1;
    const byRoom = new Map<string, ScheduleEvent[]>();
    // Events by time within each room (a stable sort keeps programme order on ties); ids
    // then run in that order.
    const ordered = [...dayEntries].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const entry of ordered) {
      const { session, item } = entry;
      const id = nextId++;
      const guid = uuidV5(`coop:event:${entry.key}`);
      const title = item ? item.title : session.title;
      const slug = `${acronym}-${id}-${truncateSlug(slugify(title), 48) || 'item'}`;
      const label = item?.label ? [session.number, item.label].filter(Boolean).join(' ') : null;
      const text = (item ? item.description : session.description)?.trim() || null;
      const event: ScheduleEvent = {
        id,
        guid,
        date: isoLocal(entry.date, entry.start, tz),
        start: hhmm(entry.start),
        end: isoLocal(entry.date, entry.end, tz),
        duration: hhmm(entry.end - entry.start),
        room: roomName(entry),
        slug,
        url: options.url ? `${options.url}#${slug}` : `urn:uuid:${guid}`,
        title,
        subtitle: label,
        track: sessionTitle(session, model.locale),
        type: item ? item.kind : session.kind,
        // The session's first language when it says which (the others are in the description).
        language: session.languages[0] ?? model.locale,
        abstract: text,
        description: describe(model, entry),
        persons: persons(model, entry),
        links: [],
        attachments: [],
      };
      const list = byRoom.get(event.room) ?? [];
      list.push(event);
      byRoom.set(event.room, list);
    }
    // Rooms in conference order.
    const names = [...byRoom.keys()].sort((a, b) => (roomOrder.get(a) ?? 0) - (roomOrder.get(b) ?? 0));
    return {
      index: di + 1,
      date: day.date,
      day_start: isoLocal(day.date, first, tz),
      day_end: isoLocal(day.date, last, tz),
      rooms: Object.fromEntries(names.map((n) => [n, byRoom.get(n) ?? []])),
    };
  });

  const dates = model.days.map((d) => d.date).sort();
  const conference: ScheduleConference = {
    acronym,
    title: model.title,
    ...(model.description?.trim() ? { description: model.description.trim() } : {}),
    start: dates[0] ?? '',
    end: dates[dates.length - 1] ?? '',
    daysCount: model.days.length,
    timeslot_duration: hhmm(step),
    ...(ZONE_NAME.test(tz) ? { time_zone_name: tz } : {}),
    ...(options.url ? { url: options.url } : {}),
    rooms,
    days,
  };
  return {
    $schema: SCHEMA_ID,
    generator: { name: 'coop', version: coopVersion },
    schedule: {
      // A content version: it changes exactly when the published schedule changes, which
      // is what readers use it for (frab and pretalx write a free-form release name).
      version: sha1Hex(JSON.stringify(conference)).slice(0, 12),
      conference,
    },
  };
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}
