/**
 * The time-zone arithmetic without an Intl date formatter (util/time-zones.ts): the zone names
 * read from Intl.supportedValuesOf, the build-time table of Europe/Paris, and the wall times a
 * clock change skips, each compared with what ICU's own formatter says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEventText } from '../src/load.js';
import { checkLoaded } from '../src/project.js';
import {
  isTimeZone,
  makeZoneTable,
  wallTimeExists,
  ZONE_TABLE_RANGE,
  zoneOffsetMs,
  zoneTableFile,
  zonedToUtc,
  type ZoneTable,
} from '../src/util/time-zones.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz} ${locale}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** ICU's offset of `tz` at `ms` (whole seconds), read from a formatter as the code did before the table. */
function icuOffset(tz: string, ms: number): number {
  const parts = formatter(tz, 'en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** Whether a wall time exists, as the rule asked ICU before: the formatter's hour and minute of the instant. */
function icuExists(date: string, m: number, tz: string): boolean {
  const parts = formatter(tz, 'en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(zonedToUtc(date, m, tz));
  return Number(parts.find((p) => p.type === 'hour')?.value) * 60 + Number(parts.find((p) => p.type === 'minute')?.value) === m;
}

describe('time zones without a date formatter', () => {
  it('knows a zone as the formatter does: canonical names, aliases, any case; not a misspelling', () => {
    for (const tz of Intl.supportedValuesOf('timeZone')) expect(isTimeZone(tz), tz).toBe(true);
    for (const tz of ['US/Eastern', 'europe/paris', 'UTC', 'Etc/GMT+5', 'Asia/Calcutta']) expect(isTimeZone(tz), tz).toBe(true);
    for (const tz of ['Europe/Pariss', 'Mars/Olympus', '', 'Paris', 'constructor', '__proto__', 'toString']) expect(isTimeZone(tz), tz).toBe(false);
  });

  it('makes a table of Europe/Paris equal to ICU at every change (and a minute before) and every six hours of three years', () => {
    const table = makeZoneTable();
    expect(table).not.toBeNull();
    const z = table!.zones['Europe/Paris'];
    // Two changes a year since 1976 (the first summer time after 1945): ~250.
    expect(z.starts.length).toBeGreaterThan(240);
    for (let i = 1; i < z.starts.length; i++) {
      expect(z.offsets[i]).toBe(icuOffset('Europe/Paris', z.starts[i]));
      expect(z.offsets[i - 1]).toBe(icuOffset('Europe/Paris', z.starts[i] - 60_000));
    }
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000 / 4) {
      let i = 0;
      while (i + 1 < z.starts.length && z.starts[i + 1] <= t) i++;
      expect(z.offsets[i], new Date(t).toISOString()).toBe(icuOffset('Europe/Paris', t));
    }
  });

  it('checks an event in Europe/Paris with no date formatter once built, and still finds the skipped hour', () => {
    if (!existsSync(zoneTableFile)) return; // no `npm run build` yet: ICU answers, as tested below
    const built = JSON.parse(readFileSync(zoneTableFile, 'utf8')) as ZoneTable;
    expect(built.tz).toBe(process.versions.tz);
    expect([built.from, built.to]).toEqual([ZONE_TABLE_RANGE.from, ZONE_TABLE_RANGE.to]);
    const yaml = [
      'event: { title: T, timezone: Europe/Paris }',
      'days:',
      '  - date: 2031-03-30',
      '    sessions:',
      '      - { title: Nuit, start: 1h30, end: 4h, items: [{ title: A, duration: 60min }, { title: B, duration: 60min }] }',
      '',
    ].join('\n');
    const original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        made++;
        return new target(...args);
      },
    });
    try {
      const loaded = checkLoaded(loadEventText(yaml, 'e.yaml'));
      // B starts at 2:30 on the last Sunday of March: skipped.
      expect(loaded.diagnostics.map((d) => `${d.rule} ${d.line}`)).toContain('schedule/nonexistent-time 5');
    } finally {
      Intl.DateTimeFormat = original;
    }
    expect(made).toBe(0);
  });

  it('gives the offsets ICU gives, in and out of the table (Paris before 1970, other zones)', () => {
    const instants = [Date.UTC(1950, 5, 1), Date.UTC(1976, 2, 28, 0, 59), Date.UTC(1976, 2, 28, 1), Date.UTC(2024, 2, 31, 0, 59), Date.UTC(2024, 2, 31, 1)];
    for (let y = 1971; y < 2100; y += 7) instants.push(Date.UTC(y, 2, 31, 0, 30), Date.UTC(y, 6, 14, 12), Date.UTC(y, 9, 27, 1), Date.UTC(y, 11, 25));
    for (const tz of ['Europe/Paris', 'America/Montreal', 'Australia/Lord_Howe'])
      for (const t of instants) expect(zoneOffsetMs(tz, t), `${tz} ${new Date(t).toISOString()}`).toBe(icuOffset(tz, t));
  });

  it('says a wall time exists exactly when ICU shows it back, every minute of days with a clock change', () => {
    const days: Array<[string, string]> = [
      ['Europe/Paris', '2024-03-31'],
      ['Europe/Paris', '2024-10-27'],
      ['Europe/Paris', '1995-09-24'],
      ['Europe/Paris', '2012-03-01'],
      ['America/Montreal', '2024-03-10'],
      ['Australia/Lord_Howe', '2024-10-06'],
      // An offset of −0:44:30 until 1972: instants off the minute.
      ['Africa/Monrovia', '1972-01-07'],
      ['Asia/Shanghai', '2024-03-31'],
    ];
    let skipped = 0;
    for (const [tz, date] of days) {
      for (let m = 0; m < 1440; m++) {
        const exists = wallTimeExists(date, m, tz);
        expect(exists, `${tz} ${date} ${m}`).toBe(icuExists(date, m, tz));
        if (!exists) skipped++;
      }
    }
    // Paris and Montréal skip an hour each; Lord Howe half an hour; Monrovia 44 minutes (+ a 30 s part).
    expect(skipped).toBe(60 + 60 + 30 + 45);
    expect(wallTimeExists('2024-03-31', 24 * 60, 'Europe/Paris')).toBe(true);
  });
});
