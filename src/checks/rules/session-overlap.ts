import { q, range, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { cap, day, roomName, sessionName, sweep, timedSessions, type TimedSession } from './util.js';

export const sessionOverlap: Rule = {
  id: 'schedule/session-overlap',
  severity: 'error',
  description: 'Two sessions in the same room (or both without a room) overlap.',
  messages: {
    overlap: tx(
      '{session} ({range}) chevauche {other} ({otherRange}) dans {room}, {day}, de {both}.',
      '{session} ({range}) overlaps {other} ({otherRange}) in {room} on {day}, {both}.',
    ),
    otherSession: tx('l’autre séance, {range}', 'the other session, {range}'),
    moveOne: tx(
      'Deux séances ne peuvent avoir lieu en même temps dans la même salle : déplacez-en une, ou donnez-leur des salles différentes.',
      'Sessions in the same room cannot run at the same time: move one, or give them different rooms.',
    ),
  },
  run({ model, report }) {
    // Grouped by date and room, so that two `days` entries with one date are still compared.
    const byRoom = new Map<string, TimedSession[]>();
    for (const d of model.days) {
      for (const s of timedSessions(d.sessions)) {
        // A workshop whose room is still to be assigned shares it with nothing (FORMAT.md §5.1).
        if (s.roomUnassigned) continue;
        // Sessions without a room share one plenary space; different rooms may run in parallel.
        const key = `${d.date}|${s.room ? `room:${s.room.id}` : 'plenary'}`;
        const list = byRoom.get(key) ?? [];
        list.push(s);
        byRoom.set(key, list);
      }
    }
    for (const list of byRoom.values()) {
      sweep(list, (later, earlier) => {
        const [a, b, room, dd] = [cap(sessionName(later)), sessionName(earlier), roomName(later), day(later.date)];
        const [ra, rb, both] = [range(later.start, later.end), range(earlier.start, earlier.end), range(later.start, Math.min(later.end, earlier.end))];
        report({
          messageId: 'overlap',
          data: {
            session: a,
            range: ra,
            other: b,
            otherRange: rb,
            room: later.room ? q(room.fr) : room,
            day: dd,
            // "de 9 h 30 à 10 h" in French; "9:30–10:00" in English.
            both: tx(both.fr.replace(/\u00a0– /, ' à '), both.en),
          },
          at: later.startGiven ? [...later.path, 'start'] : later.items[0]?.startGiven ? [...later.items[0].path, 'start'] : later.path,
          cause: {
            at: earlier.endGiven ? [...earlier.path, 'end'] : earlier.path,
            message: { messageId: 'otherSession', data: { range: rb } },
          },
          note: { messageId: 'moveOne' },
        });
      });
    }
  },
};
