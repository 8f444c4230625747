import { range, tx } from '../../i18n.js';
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
  run({ model, report }) {
    const known = [...model.rooms.keys()];
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (!s.roomUnassigned) continue;
        const [sn, dd] = [cap(sessionName(s)), day(d.date)];
        const r = s.start !== null && s.end !== null ? range(s.start, s.end) : null;
        report({
          message: tx(
            `${sn.fr} (${dd.fr}${r ? `, ${r.fr}` : ''}) n’a pas encore de salle : « salle à préciser » est imprimé à la place.`,
            `${sn.en} (${dd.en}${r ? `, ${r.en}` : ''}) has no room yet: it is printed "room to be confirmed".`,
          ),
          at: [...s.path, 'title'],
          note: known.length
            ? tx(
                `Donnez-lui une salle : \`room:\` suivi de l’identifiant d’une salle de \`rooms\` (${known.slice(0, 5).join(', ')}).`,
                `Give it a room: \`room:\` with the id of one of \`rooms\` (${known.slice(0, 5).join(', ')}).`,
              )
            : tx('Déclarez la salle sous `rooms`, puis donnez son identifiant à la séance (`room:`).', 'Declare the room under `rooms`, then give its id to the session (`room:`).'),
        });
      }
    }
  },
};
