/**
 * Times written the way the export formats want them (iCalendar, c3voc/frab).
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 2012-03-01T08:00:00Z → "20120301T080000Z" (iCalendar UTC DATE-TIME). */
export function icsUtc(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** 90 → "01:30" (durations and clock times in the c3voc/frab formats). */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
