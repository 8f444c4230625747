/**
 * Wall times in an IANA time zone ↔ UTC instants, with the zone rules of the running ICU:
 * the checks (a time a DST change skips) and the exports (calendars, schedules) use them.
 * Pure and deterministic.
 */
import { utcMs } from './date.js';

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
