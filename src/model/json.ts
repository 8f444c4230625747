/** The `coop model` JSON (FORMAT.md §4): plain data, times as HH:MM, no source paths. */
import type { EventModel, OrgModel, PersonModel, SpeakerModel } from './event.js';
import { projectEvent } from './projection.js';
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

const projectors = { person, org: (o: OrgModel) => org(o), speaker, time: hhmm };

export function eventToJson(m: EventModel): unknown {
  const { event, days } = projectEvent(m, projectors);
  const { labelsAlso, timezone, venue, description, questions, ...head } = event;
  return {
    kind: 'event',
    event: { ...head, labels_also: labelsAlso, timezone, venue, description, questions },
    organisations: Object.fromEntries([...m.organisations].map(([id, o]) => [id, org(o)])),
    people: Object.fromEntries([...m.people].map(([id, p]) => [id, { ...person(p), email: p.email, phone: p.phone }])),
    rooms: Object.fromEntries(m.rooms),
    attendees: m.attendees.map(person),
    days: days.map((d) => ({
      ...d,
      sessions: d.sessions.map(({ roomUnassigned, ...s }) => {
        const { id, number, title, kind, room, ...after } = s;
        return { id, number, title, kind, room: room ? room.id : null, room_unassigned: roomUnassigned, ...after };
      }),
    })),
  };
}
