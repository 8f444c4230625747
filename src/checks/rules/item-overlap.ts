import { range, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { day, itemName, sessionName, sweep, timedItems } from './util.js';

export const itemOverlap: Rule = {
  id: 'schedule/item-overlap',
  severity: 'error',
  description: 'Two items of the same session overlap in time.',
  messages: {
    overlap: tx(
      'Le point {item} ({range}) chevauche le point {other} ({otherRange}) dans {session}, {day}.',
      'Item {item} ({range}) overlaps item {other} ({otherRange}) in {session} on {day}.',
    ),
    otherItem: tx('l’autre point, {range}', 'the other item, {range}'),
    moveOne: tx('Déplacez l’un des points, ou raccourcissez le premier.', 'Move one of the items, or shorten the first one.'),
  },
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        sweep(timedItems(s), (later, earlier) => {
          const otherRange = range(earlier.start, earlier.end);
          report({
            messageId: 'overlap',
            data: {
              item: itemName(later),
              range: range(later.start, later.end),
              other: itemName(earlier),
              otherRange,
              session: sessionName(s),
              day: day(d.date),
            },
            at: later.startGiven ? [...later.path, 'start'] : later.path,
            cause: { at: earlier.path, message: { messageId: 'otherItem', data: { range: otherRange } } },
            note: { messageId: 'moveOne' },
          });
        });
      }
    }
  },
};
