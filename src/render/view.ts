/**
 * The data a programme template receives: plain objects only (no prototypes, no Maps),
 * every optional field present as null so that Handlebars strict mode can tell a typo
 * from an absent value.
 */
import { orgFullName, orgShortName, type EventModel, type OrgModel, type PersonModel, type SessionModel, type SpeakerModel } from '../model/event.js';
import { dayEntries } from '../model/parallel.js';
import { isTimed, projectEventFacts, projectSession } from '../model/projection.js';
import { languageName } from '../typography/languages.js';
import type { Locale } from '../typography/index.js';
import { formatTimeRange } from '../typography/index.js';
import { label, labelIn, parallelPhrase, type LabelLocale } from './labels.js';

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
  /** What the speaker talks about. */
  topic: string | null;
  /** Who speaks in this person's place ("représenté par …"). */
  representedBy: PersonView | null;
  /** Declined with nobody in their place: shown (struck through) only in a draft. */
  declined: boolean;
}

const orgName = (o: OrgModel | null) => (o ? orgFullName(o) : null);

export function personView(p: PersonModel): PersonView {
  return { name: p.name, civility: p.civility, role: p.role, org: orgShortName(p.org) };
}

function speakerView(s: SpeakerModel): SpeakerView {
  const extra = {
    status: s.status,
    orRepresentative: s.orRepresentative,
    topic: s.topic,
    representedBy: s.representedBy ? personView(s.representedBy) : null,
    declined: s.status === 'declined' && s.representedBy === null,
  };
  if (s.person) return { ...personView(s.person), isOrg: false, ...extra };
  return { name: orgName(s.org) ?? '', civility: null, role: null, org: null, isOrg: true, ...extra };
}

/**
 * "Atelier 1" for a numbered workshop (FORMAT.md §5.1); null for other sessions, whose number
 * prints as "I." before the title (a round table numbered V is the fifth session).
 */
export function sessionLabel(s: SessionModel, locale: Locale, also: LabelLocale | null): string | null {
  if (s.number === null || s.kind !== 'workshop') return null;
  const main = `${label(s.kind, locale)} ${s.number}`;
  const second = also && also !== locale ? labelIn(s.kind, also) : undefined;
  return second ? `${main} / ${second} ${s.number}` : main;
}

/** "Langues : français, chinois, avec interprétation" (with the second label language when there is one). */
export function languagesView(s: SessionModel, locale: Locale, also: LabelLocale | null): string | null {
  if (s.languages.length === 0 && !s.interpretation) return null;
  const names = (l: string) => s.languages.map((c) => languageName(c, l)).join(l === 'zh' ? '、' : ', ');
  const list = s.languages.length ? (also && also !== locale ? `${names(locale)} / ${names(also)}` : names(locale)) : '';
  const interp = s.interpretation ? label('interpretation', locale, also) : '';
  if (!list) return interp.charAt(0).toUpperCase() + interp.slice(1);
  return `${label('languages', locale, also)} : ${list}${interp ? ` — ${interp}` : ''}`;
}

/** How the templates' data writes people, organisations, speakers and times (minutes: the helpers format them). */
const viewProjectors = { person: personView, org: orgFullName, speaker: speakerView, time: (t: number | null) => t };

export function programmeView(m: EventModel, opts: { draft: boolean }) {
  const dates = m.days.map((d) => d.date).sort();
  const locale = m.locale as Locale;
  const also = m.labelsAlso;
  const session = (s: SessionModel) => {
    const facts = projectSession(s, viewProjectors);
    return {
      ...facts,
      /** "Atelier 1" / "Workshop 1" for a numbered workshop or round table; null otherwise. */
      label: sessionLabel(s, locale, also),
      room: s.room ? s.room.name : s.roomUnassigned ? label('roomToConfirm', locale, also) : null,
      roomToConfirm: s.roomUnassigned,
      /** An off-site room's address ("12 rue …, Lyon"), printed after its name. */
      roomAddress: s.room && (s.room.address || s.room.city) ? [s.room.address, s.room.city].filter(Boolean).join(', ') : null,
      timed: isTimed(s),
      untimed: s.untimed,
      /** Whether the line under the title has anything to say (times, room, slot). */
      hasMeta: isTimed(s) || s.room !== null || s.roomUnassigned || s.slot !== null,
      languages: languagesView(s, locale, also),
      items: facts.items.map((i) => ({
        ...i,
        /** False for an untimed part (and an item whose time could not be determined): no time printed. */
        timed: isTimed(i),
        // The final programme leaves out a speaker who declined and sends nobody; a draft shows them, struck through.
        speakers: i.speakers.filter((sp) => opts.draft || !sp.declined),
      })),
    };
  };
  const event = projectEventFacts(m, viewProjectors);
  return {
    locale,
    labelsAlso: also,
    draft: opts.draft,
    event: {
      ...event,
      venue: m.venue ? { name: m.venue.name, address: m.venue.address, city: m.venue.city } : null,
      questions: [...m.questions],
      firstDate: dates[0],
      lastDate: dates[dates.length - 1],
    },
    days: m.days.map((d) => ({
      date: d.date,
      title: d.title,
      sessions: d.sessions.map(session),
      /**
       * The day in programme order, parallel sessions gathered into blocks (FORMAT.md §5.1):
       * each entry is `{ session }` or `{ block: { start, end, heading, sessions } }`.
       */
      entries: dayEntries(d).map((e) =>
        e.block
          ? {
              session: null,
              block: {
                start: e.block.start,
                end: e.block.end,
                heading: `${formatTimeRange(e.block.start, e.block.end, locale)} · ${parallelPhrase(e.block.sessions.length, e.block.kind, locale)}${
                  also && also !== locale ? ` / ${parallelPhrase(e.block.sessions.length, e.block.kind, also)}` : ''
                }`,
                count: e.block.sessions.length,
                sessions: e.block.sessions.map(session),
              },
            }
          : { session: session(e.session), block: null },
      ),
    })),
  };
}

export type ProgrammeView = ReturnType<typeof programmeView>;
