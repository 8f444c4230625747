/** The `coop model` JSON (FORMAT.md §4): plain data, times as HH:MM, no source paths. */
import type { EventModel, OrgModel, PersonModel, SpeakerModel } from './event.js';
import { formatHHMM } from './time.js';

const hhmm = (m: number | null) => (m === null ? null : formatHHMM(m));
const org = (o: OrgModel | null) => (o ? { id: o.id, name: o.name, short: o.short } : null);
const person = (p: PersonModel) => ({
  id: p.id,
  name: p.name,
  civility: p.civility,
  role: p.role,
  org: org(p.org),
});
const speaker = (s: SpeakerModel) => ({
  name: s.person ? s.person.name : (s.org?.name ?? ''),
  person: s.person ? person(s.person) : null,
  org: org(s.org ?? s.person?.org ?? null),
  status: s.status,
  or_representative: s.orRepresentative,
  topic: s.topic,
  represented_by: s.representedBy ? person(s.representedBy) : null,
});

export function eventToJson(m: EventModel): unknown {
  return {
    kind: 'event',
    event: {
      title: m.title,
      subtitle: m.subtitle,
      kind: m.eventKind,
      organisers: m.organisers.map(org),
      support: m.support.map(org),
      audience: m.audience,
      capacity: m.capacity,
      locale: m.locale,
      labels_also: m.labelsAlso,
      timezone: m.timezone,
      venue: m.venue,
      description: m.description,
      questions: m.questions,
    },
    organisations: Object.fromEntries([...m.organisations].map(([id, o]) => [id, org(o)])),
    people: Object.fromEntries([...m.people].map(([id, p]) => [id, { ...person(p), email: p.email, phone: p.phone }])),
    rooms: Object.fromEntries(m.rooms),
    attendees: m.attendees.map(person),
    days: m.days.map((d) => ({
      date: d.date,
      title: d.title,
      sessions: d.sessions.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        kind: s.kind,
        room: s.room ? s.room.id : null,
        room_unassigned: s.roomUnassigned,
        start: hhmm(s.start),
        end: hhmm(s.end),
        slot: s.slot,
        chair: s.chair.map(person),
        rapporteur: s.rapporteur.map(person),
        languages: s.languages,
        interpretation: s.interpretation,
        description: s.description,
        items: s.items.map((i) => ({
          label: i.label,
          title: i.title,
          kind: i.kind,
          // Untimed parts (and items whose time could not be determined) have no times: null.
          start: hhmm(i.start),
          end: hhmm(i.end),
          duration: i.start !== null && i.end !== null ? i.end - i.start : null,
          untimed: i.untimed,
          speakers: i.speakers.map(speaker),
          description: i.description,
        })),
      })),
    })),
  };
}
