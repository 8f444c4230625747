/** Shared wording and algorithms for the schedule rules. */
import { truncate } from '../../util/text.js';
import { range, tx, type Text } from '../../i18n.js';
import { itemSpan, type ItemModel, type SessionModel } from '../../model/event.js';
import { formatDate } from '../../typography/index.js';

/** Long titles are cut: a message names the item, it does not reprint it. */
export const short = (s: string, max = 70): string => (s.length > max ? `${truncate(s, max, '').trimEnd()}…` : s);

export const itemName = (i: ItemModel): Text => {
  const t = short(`${i.label ? `${i.label} / ` : ''}${i.title}`);
  return tx(`« ${t} »`, `"${t}"`);
};

export const sessionName = (s: SessionModel): Text => {
  const [n, t] = [s.number ? `${s.number} ` : '', short(s.title, 60)];
  if (s.kind === 'workshop') return tx(`l’atelier ${n}« ${t} »`, `workshop ${n}"${t}"`);
  return tx(`la séance ${n}« ${t} »`, `session ${n}"${t}"`);
};

export const roomName = (s: SessionModel): Text => (s.room ? tx(s.room.name, s.room.name) : tx('la salle plénière', 'the plenary room'));

/** "de Paul MARTIN", "d’Hélène COZ": French elision before a vowel (and before an h: first names take the mute h, d’Hélène, d’Hervé). */
export const deName = (name: string): string => (/^[aeiouyhàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`);

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

export type TimedItem = ItemModel & { start: number; end: number };

/** The items of a session that have times of their own (not untimed parts, not items in error). */
export function timedItems(s: SessionModel): TimedItem[] {
  return s.items.filter((i): i is TimedItem => i.start !== null && i.end !== null);
}

/** When an item takes place, for a message: its times, the session's for an untimed part, else "time not set". */
export function when(i: ItemModel, s: SessionModel): Text {
  const span = itemSpan(i, s);
  return span ? range(span.start, span.end) : tx('horaire non précisé', 'time not set');
}

/** Items whose times are not about a talk: debates, breaks, meals, discussions. */
export const OPEN_KINDS = new Set(['debate', 'break', 'meal', 'discussion']);
