/**
 * Open actions across a series of minutes: the follow-up tracker. Overdue actions come
 * first, then by due date, then those without a date.
 */
import type { MinutesModel } from './minutes/model.js';

export interface TrackedAction {
  text: string;
  owner: string | null;
  ownerId: string | null;
  due: string | null;
  overdue: boolean;
  meeting: { title: string; date: string; file: string };
  line: number;
}

export function openActions(minutes: MinutesModel[], today: string): TrackedAction[] {
  const out: TrackedAction[] = [];
  for (const m of minutes) {
    for (const a of m.actions) {
      if (a.done) continue;
      out.push({
        text: a.text,
        owner: a.owner?.name ?? a.ownerId,
        ownerId: a.ownerId,
        due: a.due,
        overdue: a.due !== null && a.due < today,
        meeting: { title: m.title, date: m.date, file: m.file },
        line: a.line,
      });
    }
  }
  const rank = (a: TrackedAction) => (a.overdue ? 0 : a.due ? 1 : 2);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.due ?? '').localeCompare(b.due ?? '') ||
      a.meeting.date.localeCompare(b.meeting.date) ||
      a.meeting.file.localeCompare(b.meeting.file) ||
      a.line - b.line,
  );
}

/** Today's date in the given IANA zone, as YYYY-MM-DD. */
export function todayIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
