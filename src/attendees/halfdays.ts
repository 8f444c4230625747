/**
 * The half-days of a programme ("jeu. 1er mars matin", "jeu. 1er mars après-midi"): the
 * columns of a sign-in sheet, where attendees sign once per half-day they attend.
 */
import { formatShortDate, type Locale } from '../typography/index.js';

export type HalfDayPart = 'morning' | 'afternoon';

export interface HalfDay {
  date: string;
  part: HalfDayPart;
  label: string;
}

/** 13:00, in minutes: the lunch boundary between morning and afternoon. */
const NOON = 13 * 60;

const WORDS: Record<Locale, Record<HalfDayPart, string>> = {
  fr: { morning: 'matin', afternoon: 'après-midi' },
  en: { morning: 'morning', afternoon: 'afternoon' },
};

/**
 * A session that overlaps the time before 13:00 counts for the morning, one that overlaps the
 * time after 13:00 for the afternoon (a session 11:00–14:00 counts for both). Sessions with
 * neither start nor end are ignored; one with a single time counts where that time falls. A
 * day with no timed session at all gets both half-days: we cannot tell, and a sign-in sheet
 * with a column too many is better than a missing one. Several entries for the same date are
 * merged. The result is ordered by date, morning first.
 */
export function halfDays(days: Array<{ date: string; sessions: Array<{ start: number | null; end: number | null }> }>, locale: Locale): HalfDay[] {
  const parts = new Map<string, { morning: boolean; afternoon: boolean; timed: boolean }>();
  for (const day of days) {
    const p = parts.get(day.date) ?? { morning: false, afternoon: false, timed: false };
    parts.set(day.date, p);
    for (const s of day.sessions) {
      const start = s.start ?? s.end;
      const end = s.end ?? s.start;
      if (start === null || end === null) continue;
      p.timed = true;
      if (start < NOON) p.morning = true;
      // A session that starts at 13:00 (even an instant, start = end = 13:00) is an afternoon one.
      if (end > NOON || start >= NOON) p.afternoon = true;
    }
  }
  const out: HalfDay[] = [];
  // ISO dates (YYYY-MM-DD) sort as strings.
  for (const [date, p] of [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const both = !p.timed;
    for (const part of ['morning', 'afternoon'] as const) {
      if (both || p[part]) out.push({ date, part, label: `${formatShortDate(date, locale)} ${WORDS[locale][part]}` });
    }
  }
  return out;
}
