import { utcMs } from '../util/date.js';
/**
 * Times and durations as secretariats write them. Times are minutes since midnight;
 * durations are minutes.
 */

// 09:30, 9:30, 9h30, 9h, 09 h 30, 14H30, 9.30 is NOT accepted (ambiguous with decimals).
const TIME = /^\s*(\d{1,2})\s*(?::|h|H)\s*(\d{2})?\s*$/;

export function parseTime(input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  const m = TIME.exec(input.replace(/[\u00a0\u202f]/g, ' '));
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  // `9:` alone is not a time, `9h` is.
  if (m[2] === undefined && !/[hH]\s*$/.test(input)) return undefined;
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

// 10min, 10 min, 10 minutes, 90m, 1h, 1h30, 1 h 30, 2h00, 45, "45"
const DURATION = /^\s*(?:(\d+)\s*h(?:eures?|ours?)?\s*(?:(\d{1,2})\s*(?:m(?:in(?:ute)?s?)?)?)?|(\d+)\s*(?:m|mn|min|mins|minute|minutes)?)\s*$/i;

export function parseDuration(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isInteger(input) && input > 0 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const m = DURATION.exec(input.replace(/[\u00a0\u202f]/g, ' '));
  if (!m) return undefined;
  let total: number;
  if (m[1] !== undefined) {
    const min = m[2] === undefined ? 0 : Number(m[2]);
    if (min > 59) return undefined;
    total = Number(m[1]) * 60 + min;
  } else {
    total = Number(m[3]);
  }
  return total > 0 ? total : undefined;
}

/** "09:30" — the machine form used in the model JSON. */
export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** ISO calendar date check: 2012-02-30 is not a date. */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(utcMs(y, mo, 0)).getUTCDate();
  return d <= days;
}
