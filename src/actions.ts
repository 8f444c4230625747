/**
 * Actions across a series of minutes: the follow-up tracker. Meetings are read in date
 * order; an action met again in a later meeting is the same action when it carries the same
 * explicit id (`#A12`), or, without an id, the same owners and the same wording (case,
 * accents, punctuation and spacing aside). Met again open, it is carried over ("reportée
 * depuis le 6 octobre 2015"); ticked `[x]`, it is closed. Overdue actions come first, then by
 * due date, then those without a date.
 */
import type { ActionModel, MinutesModel } from './minutes/model.js';
import { fold } from './util/names.js';

export interface MeetingRef {
  title: string;
  date: string;
  file: string;
}

export interface ActionStep {
  meeting: MeetingRef;
  line: number;
  /** opened: first met; carried: met again, still open; done: ticked; reopened: met open after being ticked. */
  state: 'opened' | 'carried' | 'done' | 'reopened';
}

export interface TrackedAction {
  id: string | null;
  text: string;
  owner: string | null;
  ownerId: string | null;
  owners: string[];
  ownerIds: string[];
  due: string | null;
  done: boolean;
  overdue: boolean;
  /** The meeting where the action was first written. */
  since: MeetingRef;
  /** Met open in more than one meeting. */
  carried: boolean;
  /** The meeting where it was last written (where the tracker points). */
  meeting: MeetingRef;
  line: number;
  history: ActionStep[];
}

/** How an action is recognised from one meeting to the next. */
export function actionKey(a: ActionModel): string {
  if (a.id) return `id:${a.id}`;
  const owners = [...a.ownerIds]
    .map((o) => o.toLowerCase())
    .sort()
    .join(',');
  return `text:${fold(a.text)}|${owners}`;
}

/** Every action of a series, merged across meetings, with its history. */
export function trackActions(minutes: MinutesModel[], today: string): TrackedAction[] {
  const ordered = [...minutes].sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
  const byKey = new Map<string, TrackedAction>();
  const out: TrackedAction[] = [];
  for (const m of ordered) {
    const meeting: MeetingRef = { title: m.title, date: m.date, file: m.file };
    for (const a of m.actions) {
      const key = actionKey(a);
      const known = byKey.get(key);
      if (known && known.meeting.file !== m.file) {
        const state: ActionStep['state'] = a.done ? 'done' : known.done ? 'reopened' : 'carried';
        known.history.push({ meeting, line: a.line, state });
        if (!a.done && !known.done) known.carried = true;
        // The latest writing wins: wording, owners, due date.
        Object.assign(known, describe(a), { done: a.done, meeting, line: a.line });
        continue;
      }
      const t: TrackedAction = {
        ...describe(a),
        done: a.done,
        overdue: false,
        since: meeting,
        carried: false,
        meeting,
        line: a.line,
        history: [{ meeting, line: a.line, state: a.done ? 'done' : 'opened' }],
      };
      // Twice in one meeting is two actions: only the first is followed by the key.
      if (!known) byKey.set(key, t);
      out.push(t);
    }
  }
  for (const t of out) t.overdue = !t.done && t.due !== null && t.due < today;
  const rank = (a: TrackedAction) => (a.done ? 3 : a.overdue ? 0 : a.due ? 1 : 2);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.due ?? '').localeCompare(b.due ?? '') ||
      a.since.date.localeCompare(b.since.date) ||
      a.meeting.file.localeCompare(b.meeting.file) ||
      a.line - b.line,
  );
}

function describe(a: ActionModel) {
  return {
    id: a.id,
    text: a.text,
    owner: a.owner?.name ?? a.ownerId,
    ownerId: a.ownerId,
    owners: a.ownerIds.map((id) => a.owners.find((o) => o.id === id)?.name ?? id),
    ownerIds: [...a.ownerIds],
    due: a.due,
  };
}

/**
 * Mark, in minutes built together, each action already open in an earlier meeting of the
 * series (`carriedSince`), so that its minutes print « reportée depuis le … ».
 */
export function markCarriedActions(minutes: MinutesModel[]): void {
  const ordered = [...minutes].sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
  const open = new Map<string, string>();
  for (const m of ordered) {
    const here = new Map<string, string>();
    for (const a of m.actions) {
      const key = actionKey(a);
      const since = open.get(key);
      if (since !== undefined && since < m.date && !a.done) a.carriedSince = since;
      if (!a.done && !here.has(key)) here.set(key, since ?? m.date);
    }
    for (const a of m.actions) if (a.done) open.delete(actionKey(a));
    for (const [k, d] of here) open.set(k, d);
  }
}

/** The actions of a series still open (not ticked in their latest meeting). */
export function openActions(minutes: MinutesModel[], today: string): TrackedAction[] {
  return trackActions(minutes, today).filter((a) => !a.done);
}

/** Today's date in the given IANA zone, as YYYY-MM-DD. */
export function todayIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
