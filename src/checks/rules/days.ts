import { tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { day } from './util.js';

export const dayOrder: Rule = {
  id: 'schedule/day-order',
  severity: 'warning',
  description: 'Days are not in chronological order.',
  run({ model, report }) {
    for (let i = 1; i < model.days.length; i++) {
      const [prev, cur] = [model.days[i - 1], model.days[i]];
      if (cur.date >= prev.date) continue;
      const [a, b] = [day(cur.date), day(prev.date)];
      report({
        message: tx(`Le jour ${i + 1} (${a.fr}) vient après le ${b.fr} : les jours sont attendus dans l’ordre chronologique.`, `Day ${i + 1} (${a.en}) comes after ${b.en}: days are expected in chronological order.`),
        at: [...cur.path, 'date'],
        cause: { at: [...prev.path, 'date'] },
      });
    }
  },
};

export const duplicateDay: Rule = {
  id: 'schedule/duplicate-day',
  severity: 'warning',
  description: 'Two days with the same date.',
  run({ model, report }) {
    const seen = new Map<string, number>();
    model.days.forEach((d, i) => {
      const first = seen.get(d.date);
      if (first === undefined) {
        seen.set(d.date, i);
        return;
      }
      const dd = day(d.date);
      report({
        message: tx(
          `Les jours ${first + 1} et ${i + 1} ont la même date (${dd.fr}) : regroupez leurs séances sous un seul jour.`,
          `Days ${first + 1} and ${i + 1} have the same date (${dd.en}): put their sessions under one day.`,
        ),
        at: [...d.path, 'date'],
        cause: { at: [...model.days[first].path, 'date'] },
      });
    });
  },
};
