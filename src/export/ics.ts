/**
 * EventModel → iCalendar (RFC 5545), for `out/event.ics`.
 *
 * One VEVENT per timed item, and one per session that has times but no timed items (a
 * workshop announced without detail, or whose parts are untimed: they are listed in its
 * description, never given times nobody wrote). An off-site room gives its own address as
 * LOCATION. Times are
 * written in UTC form (`DTSTART:20120301T080000Z`), which RFC 5545 allows without any
 * VTIMEZONE component: the conversion from the event's local wall time is done here, with
 * the zone rules of the running ICU, so calendar clients never have to guess a zone.
 *
 * The output is reproducible: UIDs are hashes of stable keys, DTSTAMP is a fixed date
 * (SOURCE_DATE_EPOCH, else the first day), and nothing depends on the clock or on Map
 * iteration order that the input does not fix.
 */
import { firstDay, type EventModel } from '../model/event.js';
import { allConfirmed, entries, entryDescription, locationOf, type Entry } from './entries.js';
import { sha1Hex } from './ids.js';
import { itemTitle, sessionTitle } from './people-text.js';
import { icsUtc } from './time-formats.js';
import { reproducibleDate } from '../util/reproducible-date.js';
import { zonedToUtc } from '../util/time-zones.js';
import { append } from '../util/arrays.js';

export interface IcsOptions {
  /** Where SOURCE_DATE_EPOCH is read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped, line
 * breaks become the two characters `\n`. Other control characters are not allowed in TEXT
 * (only HTAB is), so they are dropped rather than producing an invalid file.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Line folding (RFC 5545 §3.1): content lines longer than 75 octets are split, each
 * continuation starting with one space (which counts in its line's 75 octets). Octets are
 * UTF-8 bytes, and a character is never cut in the middle of its byte sequence.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const lines: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > 75) {
      lines.push(current);
      current = ' ';
      bytes = 1;
    }
    current += ch;
    bytes += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** A stable, unique UID: SHA-1 of the entry's key (event title, date, session id, item index). */
function uid(entry: Entry): string {
  return `${sha1Hex(entry.key)}@coop`;
}

function vevent(model: EventModel, entry: Entry, stamp: string): string[] {
  const { session, item } = entry;
  const start = zonedToUtc(entry.date, entry.start, model.timezone);
  const end = zonedToUtc(entry.date, entry.end, model.timezone);
  const location = locationOf(model, session);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid(entry)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${escapeText(item ? itemTitle(item) : sessionTitle(session, model.locale))}`,
  ];
  if (location.length) lines.push(`LOCATION:${escapeText(location.join(', '))}`);
  lines.push(`DESCRIPTION:${escapeText(entryDescription(entry, model.locale))}`);
  // CATEGORIES is a list: its commas separate values, so the value itself is escaped.
  lines.push(`CATEGORIES:${escapeText(item ? item.kind : session.kind)}`);
  lines.push(`STATUS:${allConfirmed(entry) ? 'CONFIRMED' : 'TENTATIVE'}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole programme as one iCalendar object, CRLF line endings, folded lines. */
export function eventToIcs(model: EventModel, options: IcsOptions = {}): string {
  const stamp = icsUtc(reproducibleDate(options.env ?? process.env, firstDay(model)));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//coop//coop programme//${model.locale === 'en' ? 'EN' : 'FR'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(model.title)}`,
    `X-WR-TIMEZONE:${escapeText(model.timezone)}`,
  ];
  for (const entry of entries(model)) append(lines, vevent(model, entry, stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
