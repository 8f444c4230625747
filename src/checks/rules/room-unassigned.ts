import { range, tjoin, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { cap, day, sessionName } from './util.js';

/**
 * Workshops and round tables without a room (FORMAT.md §5.1): printed "salle à préciser",
 * listed here so that the rooms are assigned before the programme circulates.
 */
export const roomUnassigned: Rule = {
  id: 'venue/room-unassigned',
  severity: 'info',
  description: 'A workshop or round table has no room yet ("salle à préciser").',
  messages: {
    noRoom: tx(
      '{session} ({when}) n’a pas encore de salle : « salle à préciser » est imprimé à la place.',
      '{session} ({when}) has no room yet: it is printed "room to be confirmed".',
    ),
    giveRoom: tx(
      'Donnez-lui une salle : `room:` suivi de l’identifiant d’une salle de `rooms` ({rooms}).',
      'Give it a room: `room:` with the id of one of `rooms` ({rooms}).',
    ),
    declareRoom: tx(
      'Déclarez la salle sous `rooms`, puis donnez son identifiant à la séance (`room:`).',
      'Declare the room under `rooms`, then give its id to the session (`room:`).',
    ),
  },
  run({ model, report }) {
    const known = [...model.rooms.keys()];
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (!s.roomUnassigned) continue;
        const [sn, dd] = [cap(sessionName(s)), day(d.date)];
        const r = s.start !== null && s.end !== null ? range(s.start, s.end) : null;
        report({
          messageId: 'noRoom',
          data: { session: sn, when: r ? tjoin([dd, ', ', r]) : dd },
          at: [...s.path, 'title'],
          note: known.length ? { messageId: 'giveRoom', data: { rooms: known.slice(0, 5).join(', ') } } : { messageId: 'declareRoom' },
        });
      }
    }
  },
};
