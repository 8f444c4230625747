import type { ItemModel, SessionModel } from '../../model/event.js';
import { formatHHMM } from '../../model/time.js';
import type { Rule } from '../types.js';

const range = (a: { start: number; end: number }) => `${formatHHMM(a.start)}–${formatHHMM(a.end)}`;
const itemName = (i: ItemModel) => `"${i.label ? `${i.label} / ` : ''}${i.title}"`;
export const sessionName = (s: SessionModel) => `session ${s.number ? `${s.number} ` : ''}"${s.title}"`;
export const roomName = (s: SessionModel) => (s.room ? s.room.name : 'the plenary room');

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

export const itemOverlap: Rule = {
  id: 'schedule/item-overlap',
  severity: 'error',
  description: 'Two items of the same session overlap in time.',
  run({ model, report }) {
    for (const day of model.days) {
      for (const s of day.sessions) {
        sweep(s.items, (later, earlier) =>
          report({
            message: `Item ${itemName(later)} (${range(later)}) overlaps item ${itemName(earlier)} (${range(earlier)}) in ${sessionName(s)} on ${s.date}.`,
            at: later.startGiven ? [...later.path, 'start'] : later.path,
            cause: { at: earlier.path, message: `the other item, ${range(earlier)}` },
            note: 'Move one of the items, or shorten the first one.',
          }),
        );
      }
    }
  },
};

type Timed = SessionModel & { start: number; end: number };

export const sessionOverlap: Rule = {
  id: 'schedule/session-overlap',
  severity: 'error',
  description: 'Two sessions in the same room (or both without a room) overlap.',
  run({ model, report }) {
    for (const day of model.days) {
      const byRoom = new Map<string, Timed[]>();
      for (const s of day.sessions) {
        if (s.start === null || s.end === null) continue;
        // Sessions without a room share one plenary space.
        const key = s.room ? `room:${s.room.id}` : 'plenary';
        const list = byRoom.get(key) ?? [];
        list.push(s as Timed);
        byRoom.set(key, list);
      }
      for (const list of byRoom.values()) {
        sweep(list, (later, earlier) => {
          const from = later.start;
          const to = Math.min(later.end, earlier.end);
          report({
            message: `${cap(sessionName(later))} (${range(later)}) overlaps ${sessionName(earlier)} (${range(earlier)}) in ${roomName(later)} on ${day.date}, from ${formatHHMM(from)} to ${formatHHMM(to)}.`,
            at: later.startGiven
              ? [...later.path, 'start']
              : later.items[0]?.startGiven
                ? [...later.items[0].path, 'start']
                : later.path,
            cause: { at: earlier.endGiven ? [...earlier.path, 'end'] : earlier.path, message: `the other session, ${range(earlier)}` },
            note: 'Sessions in the same room cannot run at the same time: move one, or give them different rooms.',
          });
        });
      }
    }
  },
};

export const outsideSession: Rule = {
  id: 'schedule/outside-session',
  severity: 'error',
  description: 'An item starts before or ends after its session.',
  run({ model, report }) {
    for (const day of model.days) {
      for (const s of day.sessions) {
        if (s.start === null || s.end === null) continue;
        for (const it of s.items) {
          if (s.startGiven && it.start < s.start) {
            report({
              message: `Item ${itemName(it)} starts at ${formatHHMM(it.start)}, before its ${sessionName(s)} starts (${formatHHMM(s.start)}).`,
              at: it.startGiven ? [...it.path, 'start'] : it.path,
              cause: { at: [...s.path, 'start'], message: 'the session start' },
            });
          } else if (s.endGiven && it.end > s.end) {
            report({
              message: `Item ${itemName(it)} ends at ${formatHHMM(it.end)}, after its ${sessionName(s)} ends (${formatHHMM(s.end)}).`,
              at: it.endGiven && it.path ? [...it.path, 'end'] : it.path,
              cause: { at: [...s.path, 'end'], message: 'the session end' },
            });
          }
        }
      }
    }
  },
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
