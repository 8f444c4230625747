/**
 * Sessions, items, speakers and persons as plain text, with the labels of the printed
 * programme (exports: calendar descriptions, schedules).
 */
import { orgFullName, orgShortName, type ItemModel, type OrgModel, type SessionModel, type SpeakerModel } from '../model/event.js';
import { label, representativeLabel, representedLabel, statusLabel } from '../render/labels.js';
import { languageName } from '../typography/languages.js';
import type { Locale } from '../typography/index.js';

/** "b / Coopération …" — the item title with its label, as the printed programme shows it. */
export function itemTitle(item: ItemModel): string {
  return item.label ? `${item.label} / ${item.title}` : item.title;
}

/**
 * "I. Actions significatives …" — the session title with its number; "Atelier 1 — …" for a
 * numbered workshop (FORMAT.md §5.1).
 */
export function sessionTitle(session: SessionModel, locale: Locale = 'fr'): string {
  if (!session.number) return session.title;
  if (session.kind === 'workshop') return `${label('workshop', locale)} ${session.number} — ${session.title}`;
  return `${session.number}. ${session.title}`;
}

/** The name a speaker appears under: the person, else the organisation. */
export function speakerName(s: SpeakerModel): string {
  if (s.person) return s.person.name;
  return s.org ? orgFullName(s.org) : '';
}

/**
 * "Alain YVERGNIAUX, Conseiller spécial …, CR Bretagne (pressenti)" — one speaker as plain
 * text, with the same parts and labels as the printed programme (role, organisation,
 * "ou son représentant", status agreed with the civility).
 */
export function speakerLine(s: SpeakerModel, locale: Locale): string {
  let text: string;
  let civility: 'M.' | 'Mme' | null = null;
  const isOrg = s.person === null;
  if (s.person) {
    civility = s.person.civility;
    text = personLine({ name: s.person.name, role: s.person.role, org: s.person.org ?? s.org });
  } else {
    text = speakerName(s);
  }
  if (s.orRepresentative) text += ` (${representativeLabel(locale)})`;
  // "X, Maire de Nantes, représenté par Y, adjointe": the status is then the representative's
  // (a declined person who sends someone is not "excusé" in the programme).
  if (s.representedBy) {
    text += `, ${representedLabel(civility, isOrg, locale)} ${personLine(s.representedBy)}`;
    civility = s.representedBy.civility;
  }
  const status = s.representedBy && s.status === 'declined' ? null : statusLabel(s.status, civility, isOrg && !s.representedBy, locale);
  if (status) text += ` (${status})`;
  if (s.topic) text += ` — ${s.topic}`;
  return text;
}

/** Whether a speaker appears in a published programme: not one who declined and sends nobody. */
export function published(s: SpeakerModel): boolean {
  return s.status !== 'declined' || s.representedBy !== null;
}

/** "Plénière" / "Plenary": where sessions without a room take place. */
export function plenaryRoomName(locale: Locale): string {
  return locale === 'en' ? 'Plenary' : 'Plénière';
}

/** "Animation : X ; Y" — a labelled list of persons, French spacing before the colon. */
export function labelled(label: string, values: string[], locale: Locale): string {
  return `${label}${locale === 'fr' ? '\u00a0: ' : ': '}${values.join(locale === 'fr' ? ' ; ' : '; ')}`;
}

/** "Marie DESHAYES, Présidente, ARRICOD" — a person as plain text (chair, rapporteur). */
export function personLine(p: { name: string; role: string | null; org: OrgModel | null }): string {
  const tail = [p.role, orgShortName(p.org)].filter((x): x is string => !!x);
  return tail.length ? `${p.name}, ${tail.join(', ')}` : p.name;
}

/** Speakers, one line each ("… (pressenti)"); empty names and declined speakers left out. */
export function speakerLinesOf(speakers: SpeakerModel[], locale: Locale): string[] {
  return speakers.filter((s) => speakerName(s) !== '' && published(s)).map((s) => speakerLine(s, locale));
}

/** "Langues : français, chinois, avec interprétation" — a session's languages as plain text. */
export function languagesLine(session: SessionModel, locale: Locale): string | null {
  if (session.languages.length === 0 && !session.interpretation) return null;
  const names = session.languages.map((code) => languageName(code, locale));
  const tail = session.interpretation ? label('interpretation', locale) : null;
  if (names.length === 0) return tail && tail.charAt(0).toUpperCase() + tail.slice(1);
  return labelled(label('languages', locale), [[names.join(', '), tail].filter(Boolean).join(', ')], locale);
}
