/**
 * The data a programme template receives: plain objects only (no prototypes, no Maps),
 * every optional field present as null so that Handlebars strict mode can tell a typo
 * from an absent value.
 */
import type { EventModel, OrgModel, PersonModel, SpeakerModel } from '../model/event.js';
import type { Locale } from '../typography/index.js';

export interface PersonView {
  name: string;
  civility: string | null;
  role: string | null;
  org: string | null;
}

export interface SpeakerView extends PersonView {
  isOrg: boolean;
  status: string;
  orRepresentative: boolean;
}

const orgName = (o: OrgModel | null) => (o ? (o.short && o.short !== o.name ? `${o.name} (${o.short})` : o.name) : null);
const orgShort = (o: OrgModel | null) => (o ? (o.short ?? o.name) : null);

export function personView(p: PersonModel): PersonView {
  return { name: p.name, civility: p.civility, role: p.role, org: orgShort(p.org) };
}

function speakerView(s: SpeakerModel): SpeakerView {
  if (s.person) return { ...personView(s.person), isOrg: false, status: s.status, orRepresentative: s.orRepresentative };
  return {
    name: orgName(s.org) ?? '',
    civility: null,
    role: null,
    org: null,
    isOrg: true,
    status: s.status,
    orRepresentative: s.orRepresentative,
  };
}

export function programmeView(m: EventModel, opts: { draft: boolean }) {
  const dates = m.days.map((d) => d.date).sort();
  return {
    locale: m.locale as Locale,
    draft: opts.draft,
    event: {
      title: m.title,
      subtitle: m.subtitle,
      kind: m.eventKind,
      organisers: m.organisers.map((o) => orgName(o) as string),
      support: m.support.map((o) => orgName(o) as string),
      audience: m.audience,
      capacity: m.capacity,
      venue: m.venue ? { name: m.venue.name, address: m.venue.address, city: m.venue.city } : null,
      description: m.description,
      questions: [...m.questions],
      firstDate: dates[0],
      lastDate: dates[dates.length - 1],
    },
    days: m.days.map((d) => ({
      date: d.date,
      title: d.title,
      sessions: d.sessions.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        kind: s.kind,
        room: s.room ? s.room.name : null,
        start: s.start,
        end: s.end,
        slot: s.slot,
        chair: s.chair.map(personView),
        rapporteur: s.rapporteur.map(personView),
        description: s.description,
        items: s.items.map((i) => ({
          label: i.label,
          title: i.title,
          kind: i.kind,
          start: i.start,
          end: i.end,
          speakers: i.speakers.map(speakerView),
          description: i.description,
        })),
      })),
    })),
  };
}

export type ProgrammeView = ReturnType<typeof programmeView>;
