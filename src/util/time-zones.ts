/**
 * Wall times in an IANA time zone ↔ UTC instants, with the zone rules of the running ICU:
 * the checks (a time a DST change skips) and the exports (calendars, schedules) use them.
 * Pure and deterministic.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { utcMs } from './date.js';
import { packageRoot } from './root.js';

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
  const fromTable = builtZoneTable()?.get(timeZone);
  if (fromTable && ms >= ZONE_TABLE_RANGE.from && ms < ZONE_TABLE_RANGE.to) return tableOffset(fromTable, ms);
  return icuOffset(timeZone, ms);
}

function icuOffset(timeZone: string, ms: number): number {
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

/**
 * Whether the wall time `minutes` after midnight exists on `date` in `timeZone`: converted to
 * UTC and back, it shows the same minute of the day (a time the spring clock change skips
 * does not: 2:30 on 10 March 2024 in Montréal). 24:00 and later always exist.
 */
export function wallTimeExists(date: string, minutes: number, timeZone: string): boolean {
  if (minutes >= 24 * 60) return true;
  const utc = zonedToUtc(date, minutes, timeZone).getTime();
  // zoneOffsetMs answers per whole minute; an instant off the minute (offsets in seconds, before
  // about 1972) is asked of ICU as it is, as a formatter would show it.
  const offset = utc % 60_000 === 0 ? zoneOffsetMs(timeZone, utc) : icuOffset(timeZone, utc);
  const local = Math.floor((utc + offset) / 60_000);
  return ((local % 1440) + 1440) % 1440 === minutes;
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

/**
 * Whether `tz` names a time zone the running ICU knows (as `Intl.DateTimeFormat` accepts it:
 * any case, aliases such as US/Eastern). The zones of the built table (below), then the canonical
 * names of `Intl.supportedValuesOf` (~2 ms), so that the usual zone costs no date formatter: the
 * first one a process makes loads ICU's date patterns, 20 to 25 ms of a `coop check`.
 */
export function isTimeZone(tz: string): boolean {
  // A zone of the built table is one this ICU knows (the table was read from the same zone data).
  if (builtZoneTable()?.has(tz)) return true;
  zoneNames ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zoneNames.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let zoneNames: Set<string> | undefined;

/**
 * The offsets of a few zones (the default, Europe/Paris), read from the running ICU by `npm run
 * build` into dist/zone-table.json, so that a check or an export in those zones needs no date
 * formatter (the first one a process makes costs 20 to 25 ms: ICU's date patterns). Used only
 * when the running ICU has the same time-zone data (`process.versions.tz`) as the one that made
 * the table, and only between 1970 and 2100; otherwise ICU is asked, as for every other zone.
 */
export const ZONE_TABLE_ZONES = ['Europe/Paris'] as const;
export const ZONE_TABLE_RANGE = { from: Date.UTC(1970, 0, 1), to: Date.UTC(2100, 0, 1) } as const;
/** Where `npm run build` writes the table. */
export const zoneTableFile = path.join(packageRoot(), 'dist', 'zone-table.json');

/** A zone's offsets over ZONE_TABLE_RANGE: `offsets[i]` from the instant `starts[i]` (ms since the epoch; `starts[0]` is the range's start). */
export interface ZoneOffsets {
  starts: number[];
  offsets: number[];
}

export interface ZoneTable {
  /** `process.versions.tz` of the Node that made it: the table is used only under the same data. */
  tz: string;
  from: number;
  to: number;
  zones: Record<string, ZoneOffsets>;
}

/** By zone name: a Map, so that a name read from an event ("constructor", "__proto__") never finds an inherited property. */
let zoneTable: Map<string, ZoneOffsets> | null | undefined;

function builtZoneTable(): Map<string, ZoneOffsets> | null {
  if (zoneTable !== undefined) return zoneTable;
  zoneTable = null;
  try {
    if (!existsSync(zoneTableFile)) return zoneTable;
    const t = JSON.parse(readFileSync(zoneTableFile, 'utf8')) as ZoneTable;
    if (process.versions.tz && t.tz === process.versions.tz && t.from === ZONE_TABLE_RANGE.from && t.to === ZONE_TABLE_RANGE.to)
      zoneTable = new Map(Object.entries(t.zones));
  } catch {
    // A damaged file: ICU is asked, as without it.
  }
  return zoneTable;
}

function tableOffset(z: ZoneOffsets, ms: number): number {
  // The last start at or before ms (starts[0] is the range's start, ms is inside the range).
  let lo = 0;
  let hi = z.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (z.starts[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return z.offsets[lo];
}

/**
 * The table of ZONE_TABLE_ZONES from the running ICU (`npm run build`). Offsets are read once a
 * day of the range (Europe/Paris changes its offset twice a year at most, never twice in a day),
 * and each change found is placed to the minute by bisection: the same minute resolution as
 * `zoneOffsetMs`, which asks ICU once per minute. Returns null when this Node does not say its zone data's
 * version (the table could never be used).
 */
export function makeZoneTable(): ZoneTable | null {
  const version = process.versions.tz;
  if (!version) return null;
  const { from, to } = ZONE_TABLE_RANGE;
  const step = 86_400_000;
  const zones: Record<string, ZoneOffsets> = {};
  for (const tz of ZONE_TABLE_ZONES) {
    const z: ZoneOffsets = { starts: [from], offsets: [icuOffset(tz, from)] };
    let prev = z.offsets[0];
    for (let t = from + step; t < to + step; t += step) {
      const at = Math.min(t, to - 60_000);
      const off = icuOffset(tz, at);
      if (off === prev) continue;
      // The change is in (at - step, at]: bisect by whole minutes.
      let lo = (at - step) / 60_000;
      let hi = at / 60_000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (icuOffset(tz, mid * 60_000) === prev) lo = mid;
        else hi = mid;
      }
      z.starts.push(hi * 60_000);
      z.offsets.push(off);
      prev = off;
    }
    zones[tz] = z;
  }
  return { tz: version, from, to, zones };
}
