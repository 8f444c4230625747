/**
 * `Date.UTC` reads a year from 0 to 99 as 1900–1999 (`Date.UTC(26, 2, 12)` is 1926-03-12):
 * a programme dated 0026-03-12 would print year 26 and export 1926. This sets the year as
 * given; hours, minutes and seconds may overflow into the next day, as with `Date.UTC`.
 */
export function utcMs(year: number, monthIndex: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}
