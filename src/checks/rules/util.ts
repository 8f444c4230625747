/** Shared wording and algorithms for the schedule rules. */
import { truncate } from '../../util/text.js';
import { tx, type Text } from '../../i18n.js';
import type { ItemModel, SessionModel } from '../../model/event.js';
import { formatDate } from '../../typography/index.js';

/** Long titles are cut: a message names the item, it does not reprint it. */
export const short = (s: string, max = 70): string => (s.length > max ? `${truncate(s, max, '').trimEnd()}…` : s);

export const itemName = (i: ItemModel): Text => {
  const t = short(`${i.label ? `${i.label} / ` : ''}${i.title}`);
  return tx(`« ${t} »`, `"${t}"`);
};

export const sessionName = (s: SessionModel): Text =>
  tx(`la séance ${s.number ? `${s.number} ` : ''}« ${short(s.title, 60)} »`, `session ${s.number ? `${s.number} ` : ''}"${short(s.title, 60)}"`);

export const roomName = (s: SessionModel): Text => (s.room ? tx(s.room.name, s.room.name) : tx('la salle plénière', 'the plenary room'));

export const day = (iso: string): Text => tx(formatDate(iso, 'fr'), formatDate(iso, 'en'));

export function cap(t: Text): Text {
  return { fr: t.fr.charAt(0).toUpperCase() + t.fr.slice(1), en: t.en.charAt(0).toUpperCase() + t.en.slice(1) };
}

/**
 * Sweep line over intervals sorted by start: each interval is compared with the one that
 * reaches furthest so far. O(n log n); reports each interval at most once.
 */
export function sweep<T extends { start: number; end: number }>(list: T[], onOverlap: (later: T, earlier: T) => void): void {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  let reach: T | undefined;
  for (const cur of sorted) {
    if (reach && cur.start < reach.end) onOverlap(cur, reach);
    if (!reach || cur.end > reach.end) reach = cur;
  }
}

export type TimedSession = SessionModel & { start: number; end: number };

export function timedSessions(sessions: SessionModel[]): TimedSession[] {
  return sessions.filter((s): s is TimedSession => s.start !== null && s.end !== null);
}

/** Items whose times are not about a talk: debates, breaks, meals, discussions. */
export const OPEN_KINDS = new Set(['debate', 'break', 'meal', 'discussion']);
