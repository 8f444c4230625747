import { time, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, sessionName, timedItems } from './util.js';

export const outsideSession: Rule = {
  id: 'schedule/outside-session',
  severity: 'error',
  description: 'An item starts before or ends after its session.',
  messages: {
    startsBefore: tx(
      'Le point {item} commence à {time}, avant le début de {session} ({sessionTime}).',
      'Item {item} starts at {time}, before its {session} starts ({sessionTime}).',
    ),
    endsAfter: tx(
      'Le point {item} finit à {time}, après la fin de {session} ({sessionTime}).',
      'Item {item} ends at {time}, after its {session} ends ({sessionTime}).',
    ),
    sessionStart: tx('le début de la séance', 'the session start'),
    sessionEnd: tx('la fin de la séance', 'the session end'),
  },
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (s.start === null || s.end === null) continue;
        for (const it of timedItems(s)) {
          const [item, session] = [itemName(it), sessionName(s)];
          if (s.startGiven && it.start < s.start) {
            report({
              messageId: 'startsBefore',
              data: { item, time: time(it.start), session, sessionTime: time(s.start) },
              at: it.startGiven ? [...it.path, 'start'] : it.path,
              cause: { at: [...s.path, 'start'], message: { messageId: 'sessionStart' } },
            });
          } else if (s.endGiven && it.end > s.end) {
            report({
              messageId: 'endsAfter',
              data: { item, time: time(it.end), session, sessionTime: time(s.end) },
              at: it.endKey ? [...it.path, it.endKey] : it.path,
              cause: { at: [...s.path, 'end'], message: { messageId: 'sessionEnd' } },
            });
          }
        }
      }
    }
  },
};
