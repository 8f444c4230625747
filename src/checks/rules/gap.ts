import { duration, range, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, sessionName, timedItems } from './util.js';

/** Unscheduled time inside a session: before its first item, between items, after the last. */
export const gap: Rule = {
  id: 'schedule/gap',
  severity: 'info',
  description: 'Unscheduled time between consecutive items of a session.',
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        // An item whose time could not be determined is already an error: no gap around it.
        if (s.items.some((i) => !i.untimed && i.start === null)) continue;
        const items = timedItems(s).sort((a, b) => a.start - b.start || a.end - b.end);
        if (items.length === 0) continue;
        const sn = sessionName(s);
        if (s.startGiven && s.start !== null && items[0].start > s.start) {
          const [g, r, first] = [duration(items[0].start - s.start), range(s.start, items[0].start), itemName(items[0])];
          report({
            message: tx(
              `Créneau vide de ${g.fr} (${r.fr}) entre le début de ${sn.fr} et son premier point ${first.fr}.`,
              `Empty slot of ${g.en} (${r.en}) between the start of ${sn.en} and its first item ${first.en}.`,
            ),
            at: items[0].startGiven ? [...items[0].path, 'start'] : items[0].path,
          });
        }
        let reach = items[0];
        for (const it of items.slice(1)) {
          if (it.start > reach.end) {
            const [g, r, a, b] = [duration(it.start - reach.end), range(reach.end, it.start), itemName(reach), itemName(it)];
            report({
              message: tx(
                `Créneau vide de ${g.fr} (${r.fr}) entre ${a.fr} et ${b.fr} dans ${sn.fr}.`,
                `Empty slot of ${g.en} (${r.en}) between ${a.en} and ${b.en} in ${sn.en}.`,
              ),
              at: it.startGiven ? [...it.path, 'start'] : it.path,
              cause: { at: reach.path, message: tx('le point précédent', 'the previous item') },
            });
          }
          if (it.end > reach.end) reach = it;
        }
        if (s.endGiven && s.end !== null && reach.end < s.end) {
          const [g, r, last] = [duration(s.end - reach.end), range(reach.end, s.end), itemName(reach)];
          report({
            message: tx(
              `Créneau vide de ${g.fr} (${r.fr}) entre le dernier point ${last.fr} et la fin de ${sn.fr}.`,
              `Empty slot of ${g.en} (${r.en}) between the last item ${last.en} and the end of ${sn.en}.`,
            ),
            at: [...s.path, 'end'],
            cause: { at: reach.path, message: tx('le dernier point', 'the last item') },
          });
        }
      }
    }
  },
};
