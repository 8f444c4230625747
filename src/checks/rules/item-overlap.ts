import { range, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { day, itemName, sessionName, sweep, timedItems } from './util.js';

export const itemOverlap: Rule = {
  id: 'schedule/item-overlap',
  severity: 'error',
  description: 'Two items of the same session overlap in time.',
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        sweep(timedItems(s), (later, earlier) => {
          const [a, b, sn, dd] = [itemName(later), itemName(earlier), sessionName(s), day(d.date)];
          const [ra, rb] = [range(later.start, later.end), range(earlier.start, earlier.end)];
          report({
            message: tx(
              `Le point ${a.fr} (${ra.fr}) chevauche le point ${b.fr} (${rb.fr}) dans ${sn.fr}, ${dd.fr}.`,
              `Item ${a.en} (${ra.en}) overlaps item ${b.en} (${rb.en}) in ${sn.en} on ${dd.en}.`,
            ),
            at: later.startGiven ? [...later.path, 'start'] : later.path,
            cause: { at: earlier.path, message: tx(`l’autre point, ${rb.fr}`, `the other item, ${rb.en}`) },
            note: tx('Déplacez l’un des points, ou raccourcissez le premier.', 'Move one of the items, or shorten the first one.'),
          });
        });
      }
    }
  },
};
