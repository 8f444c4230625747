import { duration, range, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, sessionName, timedItems } from './util.js';

/** Unscheduled time inside a session: before its first item, between items, after the last. */
export const gap: Rule = {
  id: 'schedule/gap',
  severity: 'info',
  description: 'Unscheduled time between consecutive items of a session.',
  messages: {
    beforeFirst: tx(
      'Créneau vide de {gap} ({range}) entre le début de {session} et son premier point {item}.',
      'Empty slot of {gap} ({range}) between the start of {session} and its first item {item}.',
    ),
    between: tx(
      'Créneau vide de {gap} ({range}) entre {item} et {next} dans {session}.',
      'Empty slot of {gap} ({range}) between {item} and {next} in {session}.',
    ),
    afterLast: tx(
      'Créneau vide de {gap} ({range}) entre le dernier point {item} et la fin de {session}.',
      'Empty slot of {gap} ({range}) between the last item {item} and the end of {session}.',
    ),
    previousItem: tx('le point précédent', 'the previous item'),
    lastItem: tx('le dernier point', 'the last item'),
  },
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        // An item whose time could not be determined is already an error: no gap around it.
        if (s.items.some((i) => !i.untimed && i.start === null)) continue;
        const items = timedItems(s).sort((a, b) => a.start - b.start || a.end - b.end);
        if (items.length === 0) continue;
        const session = sessionName(s);
        if (s.startGiven && s.start !== null && items[0].start > s.start) {
          report({
            messageId: 'beforeFirst',
            data: { gap: duration(items[0].start - s.start), range: range(s.start, items[0].start), session, item: itemName(items[0]) },
            at: items[0].startGiven ? [...items[0].path, 'start'] : items[0].path,
          });
        }
        let reach = items[0];
        for (const it of items.slice(1)) {
          if (it.start > reach.end) {
            report({
              messageId: 'between',
              data: { gap: duration(it.start - reach.end), range: range(reach.end, it.start), item: itemName(reach), next: itemName(it), session },
              at: it.startGiven ? [...it.path, 'start'] : it.path,
              cause: { at: reach.path, message: { messageId: 'previousItem' } },
            });
          }
          if (it.end > reach.end) reach = it;
        }
        if (s.endGiven && s.end !== null && reach.end < s.end) {
          report({
            messageId: 'afterLast',
            data: { gap: duration(s.end - reach.end), range: range(reach.end, s.end), item: itemName(reach), session },
            at: [...s.path, 'end'],
            cause: { at: reach.path, message: { messageId: 'lastItem' } },
          });
        }
      }
    }
  },
};
