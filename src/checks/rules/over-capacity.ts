import { tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { sessionName } from './util.js';

/**
 * More attendees than the event's capacity; or a plenary session in a room smaller than the
 * expected audience (the attendees, or else the event capacity). Workshops split the audience
 * and are not compared.
 */
export const overCapacity: Rule = {
  id: 'venue/over-capacity',
  severity: 'warning',
  description: 'More attendees than the room or event capacity.',
  run({ model, report }) {
    const attendees = model.attendees.length;
    if (model.capacity !== null && attendees > model.capacity) {
      report({
        message: tx(
          `${attendees} participants inscrits pour une capacité de ${model.capacity} personnes.`,
          `${attendees} attendees registered for a capacity of ${model.capacity} persons.`,
        ),
        at: ['attendees'],
        cause: { at: ['event', 'capacity'], message: tx('la capacité', 'the capacity') },
      });
    }
    const expected = attendees > 0 ? attendees : model.capacity;
    if (expected === null) return;
    const whom = attendees > 0 ? tx(`${expected} participants inscrits`, `${expected} registered attendees`) : tx(`${expected} personnes attendues`, `${expected} expected persons`);
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (!s.room || s.room.capacity === null || s.kind === 'workshop' || s.kind === 'break' || s.kind === 'meal') continue;
        if (s.room.capacity >= expected) continue;
        const sn = sessionName(s);
        report({
          message: tx(
            `${sn.fr.charAt(0).toUpperCase() + sn.fr.slice(1)} a lieu dans « ${s.room.name} » (${s.room.capacity} places) pour ${whom.fr}.`,
            `${sn.en.charAt(0).toUpperCase() + sn.en.slice(1)} is in "${s.room.name}" (${s.room.capacity} seats) for ${whom.en}.`,
          ),
          at: [...s.path, 'room'],
          cause: { at: ['rooms', s.room.id, 'capacity'], message: tx('la capacité de la salle', 'the room capacity') },
        });
      }
    }
  },
};
