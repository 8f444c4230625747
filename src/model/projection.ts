/**
 * The event as plain data, written once for the two readers of the whole tree: the
 * `coop model` JSON (model/json.ts) and the data programme templates receive
 * (render/view.ts). It walks days, sessions, items and speakers and chooses their fields;
 * how a person, an organisation, a speaker and a time are written is the reader's choice
 * (ids and HH:MM for the JSON, printed names and minutes for the templates), passed in.
 */
import type { EventModel, ItemModel, OrgModel, PersonModel, SessionModel, SpeakerModel } from './event.js';

export interface Projectors<P, O, S, T> {
  person(p: PersonModel): P;
  org(o: OrgModel): O;
  speaker(s: SpeakerModel): S;
  /** A time of day in minutes, or null for a part without times. */
  time(minutes: number | null): T;
}

/** Whether an item has times of its own (not an untimed part, nor one whose time could not be determined). */
export function isTimed(i: { start: number | null; end: number | null }): boolean {
  return i.start !== null && i.end !== null;
}

export function projectItem<P, O, S, T>(i: ItemModel, f: Projectors<P, O, S, T>) {
  return {
    label: i.label,
    title: i.title,
    kind: i.kind,
    start: f.time(i.start),
    end: f.time(i.end),
    duration: i.start !== null && i.end !== null ? i.end - i.start : null,
    untimed: i.untimed,
    speakers: i.speakers.map((s) => f.speaker(s)),
    description: i.description,
  };
}

export function projectSession<P, O, S, T>(s: SessionModel, f: Projectors<P, O, S, T>) {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    kind: s.kind,
    room: s.room,
    roomUnassigned: s.roomUnassigned,
    start: f.time(s.start),
    end: f.time(s.end),
    slot: s.slot,
    chair: s.chair.map((p) => f.person(p)),
    rapporteur: s.rapporteur.map((p) => f.person(p)),
    languages: s.languages,
    interpretation: s.interpretation,
    description: s.description,
    items: s.items.map((i) => projectItem(i, f)),
  };
}

/** The event's own facts (title, organisers, venue…), without its days. */
export function projectEventFacts<P, O, S, T>(m: EventModel, f: Projectors<P, O, S, T>) {
  return {
    title: m.title,
    subtitle: m.subtitle,
    kind: m.eventKind,
    organisers: m.organisers.map((o) => f.org(o)),
    support: m.support.map((o) => f.org(o)),
    audience: m.audience,
    capacity: m.capacity,
    locale: m.locale,
    labelsAlso: m.labelsAlso,
    timezone: m.timezone,
    venue: m.venue,
    description: m.description,
    questions: m.questions,
  };
}

export function projectEvent<P, O, S, T>(m: EventModel, f: Projectors<P, O, S, T>) {
  return {
    event: projectEventFacts(m, f),
    days: m.days.map((d) => ({ date: d.date, title: d.title, sessions: d.sessions.map((s) => projectSession(s, f)) })),
  };
}
