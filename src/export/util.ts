/**
 * Helpers shared by the calendar and schedule exporters: wall time → UTC in an IANA zone,
 * stable identifiers, slugs, and the plain-text description of speakers.
 *
 * Everything here is pure and deterministic (except `exportDate`, which reads
 * SOURCE_DATE_EPOCH from the environment it is given), so that exported files are
 * byte-for-byte reproducible and CI can diff them.
 */
import { createHash } from 'node:crypto';
import type { Nodes, Parent, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { EventModel, ItemModel, OrgModel, SessionModel, SpeakerModel } from '../model/event.js';
import { label, labels, representativeLabel, representedLabel, statusLabel } from '../render/labels.js';
import type { Locale } from '../typography/index.js';
import { utcMs } from '../util/date.js';
import { append } from '../util/arrays.js';

// ---------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      // en-US with h23 gives plain numeric parts we can read back; the locale only affects
      // the presentation, not the zone arithmetic.
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new Error(`coop: unknown time zone "${timeZone}" (expected an IANA name such as Europe/Paris)`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds (Paris in winter: +3 600 000). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  // Memoised by minute: offsets change on whole minutes, and asking Intl costs ~10 µs (the
  // exports of a 10,000-item programme ask 120,000 times, mostly the same few instants).
  const key = `${timeZone}|${Math.floor(ms / 60000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = zoneOffsetUncached(timeZone, Math.floor(ms / 60000) * 60000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const offsets = new Map<string, number>();

function zoneOffsetUncached(timeZone: string, ms: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  let year = get('year');
  // Years before the common era come back as positive numbers with era "BC".
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = utcMs(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // The formatter drops milliseconds; compare whole seconds.
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a local wall time: `date` (YYYY-MM-DD) at `minutes` after midnight in
 * `timeZone`. Minutes may reach 1440 (24:00), which is midnight of the next day.
 *
 * First guess the offset at the wall time read as UTC, then correct once with the offset at
 * the resulting instant: this lands on the right side of a DST change. A wall time that
 * does not exist (skipped by a spring-forward) resolves to the instant after the gap; an
 * ambiguous one (repeated by a fall-back) to one of its two instants, consistently.
 */
export function zonedToUtc(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = utcMs(y, m - 1, d, 0, minutes);
  const first = zoneOffsetMs(timeZone, wall);
  let utc = wall - first;
  const second = zoneOffsetMs(timeZone, utc);
  if (second !== first) utc = wall - second;
  return new Date(utc);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 2012-03-01T08:00:00Z → "20120301T080000Z" (iCalendar UTC DATE-TIME). */
export function icsUtc(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/**
 * ISO 8601 local time with the zone's offset at that instant: "2012-03-01T09:40:00+01:00".
 * Offsets are whole minutes (historical local mean times with seconds are rounded).
 */
export function isoLocal(date: string, minutes: number, timeZone: string): string {
  const utc = zonedToUtc(date, minutes, timeZone).getTime();
  const offsetMin = Math.round(zoneOffsetMs(timeZone, utc) / 60000);
  const local = new Date(utc + offsetMin * 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** 90 → "01:30" (durations and clock times in the c3voc/frab formats). */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * A fixed "generated at" date, so outputs are reproducible: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else midnight UTC of the first day (the same rule as
 * the PDF metadata), else the Unix epoch for an event without days.
 */
export function exportDate(model: EventModel, env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && /^\d+$/.test(raw.trim())) return new Date(Number(raw.trim()) * 1000);
  const first = model.days.map((d) => d.date).sort()[0];
  const d = first === undefined ? new Date(0) : new Date(`${first}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

// ---------------------------------------------------------------------------------------
// Identifiers

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** RFC 4122 namespace for URLs, the one the c3voc schema suggests for person guids. */
const NS_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID (RFC 4122 version 5: SHA-1 of namespace + name, version and variant bits
 * set). Same name, same UUID, on every machine and every run.
 */
export function uuidV5(name: string, namespace: string = NS_URL): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One scheduled entry of the programme: a timed item, or a session that has times but no
 * (timed) items (a break, a workshop announced without detail). Both exporters walk the
 * same list, so the calendar and the schedule always agree.
 */
export interface Entry {
  session: SessionModel;
  item: ItemModel | null;
  date: string;
  start: number;
  end: number;
  /**
   * The untimed parts of a session entry (FORMAT.md §5.1): listed in its description, in
   * order, never given times of their own. Empty for an item entry.
   */
  parts: ItemModel[];
  /**
   * Stable key: event title + date + session id + item index (or "session"). Stable across
   * runs and across edits to other sessions (renaming the event or inserting an item
   * before this one does change it: calendar clients then see a new event); unique, with a counter
   * when the input repeats a session id (an error the checker reports, but the model
   * still exists and the export must not produce duplicate ids).
   */
  key: string;
}

export function entries(model: EventModel): Entry[] {
  const out: Entry[] = [];
  const seen = new Map<string, number>();
  const unique = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}\u0000#${n}`;
  };
  for (const day of model.days) {
    for (const session of day.sessions) {
      // Only times somebody wrote (or that follow from them) are published: an untimed part
      // is not given the session's times as its own, it is listed in the session's entry.
      const timed = session.items.filter((i): i is ItemModel & { start: number; end: number } => i.start !== null && i.end !== null);
      if (timed.length > 0) {
        for (const item of timed) {
          out.push({
            session,
            item,
            date: session.date,
            start: item.start,
            end: item.end,
            parts: [],
            key: unique([model.title, session.date, session.id, String(item.index)].join('\u0000')),
          });
        }
      } else if (session.start !== null && session.end !== null && session.end > session.start) {
        out.push({
          session,
          item: null,
          date: session.date,
          start: session.start,
          end: session.end,
          parts: session.items,
          key: unique([model.title, session.date, session.id, 'session'].join('\u0000')),
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Text

/** "Pêche : Conseil Régional" → "peche-conseil-regional": ASCII, lower case, `sep` between words. */
export function slugify(text: string, sep = '-'): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .split(sep)
    .filter(Boolean)
    .join(sep);
}

/** Cut a slug at a word boundary to at most `max` characters. */
export function truncateSlug(slug: string, max: number, sep = '-'): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf(sep);
  return (at > 0 ? cut.slice(0, at) : slug.slice(0, max)).replace(new RegExp(`[${sep}]+$`), '');
}

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

const orgFull = (o: OrgModel) => (o.short && o.short !== o.name ? `${o.name} (${o.short})` : o.name);
const orgShort = (o: OrgModel | null) => (o ? (o.short ?? o.name) : null);

/** The name a speaker appears under: the person, else the organisation. */
export function speakerName(s: SpeakerModel): string {
  if (s.person) return s.person.name;
  return s.org ? orgFull(s.org) : '';
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

export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}

/** "Marie DESHAYES, Présidente, ARRICOD" — a person as plain text (chair, rapporteur). */
export function personLine(p: { name: string; role: string | null; org: OrgModel | null }): string {
  const tail = [p.role, orgShort(p.org)].filter((x): x is string => !!x);
  return tail.length ? `${p.name}, ${tail.join(', ')}` : p.name;
}

/** Speakers, one line each ("… (pressenti)"); empty names and declined speakers left out. */
export function speakerLinesOf(speakers: SpeakerModel[], locale: Locale): string[] {
  return speakers.filter((s) => speakerName(s) !== '' && published(s)).map((s) => speakerLine(s, locale));
}

/** The speakers of an item entry, one line each. */
export function speakerLines(entry: Entry, locale: Locale): string[] {
  return speakerLinesOf(entry.item?.speakers ?? [], locale);
}

/** Every speaker of an entry: the item's, or those of all the parts of an untimed session. */
export function entrySpeakers(entry: Entry): SpeakerModel[] {
  return entry.item ? entry.item.speakers : entry.parts.flatMap((p) => p.speakers);
}

/** The parts of an untimed session, in order, as plain text: "I / Mot d'accueil" then its speakers. */
export function partsText(entry: Entry, locale: Locale): string[] {
  return entry.parts.map((p) => {
    const lines = [itemTitle(p), ...speakerLinesOf(p.speakers, locale)];
    const md = p.description?.trim();
    if (md) lines.push(markdownToText(md));
    return lines.join('\n');
  });
}

/** "Langues : français, chinois, avec interprétation" — a session's languages as plain text. */
export function languagesLine(session: SessionModel, locale: Locale): string | null {
  if (session.languages.length === 0 && !session.interpretation) return null;
  const names = session.languages.map((code) => languageName(code, locale));
  const tail = session.interpretation ? label('interpretation', locale) : null;
  if (names.length === 0) return tail && tail.charAt(0).toUpperCase() + tail.slice(1);
  return labelled(label('languages', locale), [[names.join(', '), tail].filter(Boolean).join(', ')], locale);
}

const languageNames = new Map<string, Intl.DisplayNames>();

/** "zh" → "chinois" (fr), "Chinese" (en), "中文" (zh): the names ICU knows, the code when it knows none. */
export function languageName(code: string, locale: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Where a session takes place, for calendars: an off-site room's own address, else the room and the venue. */
export function locationOf(model: EventModel, session: SessionModel): string[] {
  const room = session.room;
  const parts =
    room && (room.address || room.city)
      ? [room.name, room.address, room.city]
      : [session.roomUnassigned ? label('roomToConfirm', model.locale) : room?.name, model.venue?.name, model.venue?.city];
  return parts.filter((x, i, all): x is string => !!x && all.indexOf(x) === i);
}

/**
 * The plain-text description of an entry, for calendars: the session (with chair and
 * rapporteur), then the speakers with their status, then the item's (or session's) own
 * description, Markdown turned into plain text.
 */
export function entryDescription(entry: Entry, locale: Locale): string {
  const { session, item } = entry;
  const head = [sessionTitle(session, locale)];
  if (session.chair.length) head.push(labelled(labels[locale].chair, session.chair.map(personLine), locale));
  if (session.rapporteur.length) head.push(labelled(labels[locale].rapporteur, session.rapporteur.map(personLine), locale));
  const languages = languagesLine(session, locale);
  if (languages) head.push(languages);
  const blocks = [head.join('\n')];
  const speakers = speakerLines(entry, locale);
  if (speakers.length) blocks.push(speakers.join('\n'));
  append(blocks, partsText(entry, locale));
  const md = (item ? item.description : session.description)?.trim();
  if (md) blocks.push(markdownToText(md));
  return blocks.join('\n\n');
}

/** Is every speaker of the entry confirmed? (An entry without speakers is; one represented after declining is.) */
export function allConfirmed(entry: Entry): boolean {
  return entrySpeakers(entry).every((s) => s.status === 'confirmed' || (s.status === 'declined' && s.representedBy !== null));
}

// ---------------------------------------------------------------------------------------
// Markdown → plain text

// The same parser as the HTML programme (CommonMark, no GFM), so both read a description alike.
const markdown = unified().use(remarkParse).freeze();

function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      // A soft line break of the YAML block is only a wrap: it becomes a space.
      return node.value.replace(/[ \t]*\n[ \t]*/g, ' ');
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'link': {
      const label = childrenText(node);
      return label && label !== node.url && `mailto:${label}` !== node.url ? `${label} (${node.url})` : node.url;
    }
    case 'html':
      return '';
    default:
      return 'children' in node ? childrenText(node) : '';
  }
}

function childrenText(node: Parent): string {
  return (node.children as Nodes[]).map(inlineText).join('');
}

function blockText(node: Nodes): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return childrenText(node).trim();
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const body = item.children.map(blockText).filter(Boolean).join('\n');
          // Continuation lines of an item are indented under its text.
          return marker + body.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
        })
        .join('\n');
    case 'blockquote':
      return node.children.map(blockText).filter(Boolean).join('\n\n').replace(/^/gm, '> ');
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '---';
    case 'html':
      return '';
    default:
      return 'children' in node ? childrenText(node).trim() : '';
  }
}

/** Markdown as plain text: paragraphs unwrapped, lists kept as "- ", emphasis and HTML dropped. */
export function markdownToText(md: string): string {
  const tree = markdown.parse(md) as Root;
  return tree.children.map(blockText).filter(Boolean).join('\n\n');
}
