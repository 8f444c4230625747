import { tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { cap, sessionName } from './util.js';

/**
 * More attendees than the event's capacity; or a plenary session in a room smaller than the
 * expected audience (the attendees, or else the event capacity). Workshops split the audience
 * and are not compared.
 */
export const overCapacity: Rule = {
  id: 'venue/over-capacity',
  severity: 'warning',
  description: 'More attendees than the room or event capacity.',
  messages: {
    event: tx(
      '{attendees} participants inscrits pour une capacité de {capacity} personnes.',
      '{attendees} attendees registered for a capacity of {capacity} persons.',
    ),
    eventCapacity: tx('la capacité', 'the capacity'),
    room: tx('{session} a lieu dans « {room} » ({seats} places) pour {audience}.', '{session} is in "{room}" ({seats} seats) for {audience}.'),
    roomCapacity: tx('la capacité de la salle', 'the room capacity'),
  },
  run({ model, report }) {
    const attendees = model.attendees.length;
    if (model.capacity !== null && attendees > model.capacity) {
      report({
        messageId: 'event',
        data: { attendees: String(attendees), capacity: String(model.capacity) },
        at: ['attendees'],
        cause: { at: ['event', 'capacity'], message: { messageId: 'eventCapacity' } },
      });
    }
    const expected = attendees > 0 ? attendees : model.capacity;
    if (expected === null) return;
    const n = String(expected);
    const audience = attendees > 0 ? tx(`${n} participants inscrits`, `${n} registered attendees`) : tx(`${n} personnes attendues`, `${n} expected persons`);
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (!s.room || s.room.capacity === null || s.kind === 'workshop' || s.kind === 'break' || s.kind === 'meal') continue;
        if (s.room.capacity >= expected) continue;
        report({
          messageId: 'room',
          data: { session: cap(sessionName(s)), room: s.room.name, seats: String(s.room.capacity), audience },
          at: [...s.path, 'room'],
          cause: { at: ['rooms', s.room.id, 'capacity'], message: { messageId: 'roomCapacity' } },
        });
      }
    }
  },
};
