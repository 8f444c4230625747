import { tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { day } from './util.js';

export const dayOrder: Rule = {
  id: 'schedule/day-order',
  severity: 'warning',
  description: 'Days are not in chronological order.',
  messages: {
    outOfOrder: tx(
      'Le jour {number} ({day}) vient après le {previous} : les jours sont attendus dans l’ordre chronologique.',
      'Day {number} ({day}) comes after {previous}: days are expected in chronological order.',
    ),
  },
  run({ model, report }) {
    for (let i = 1; i < model.days.length; i++) {
      const [prev, cur] = [model.days[i - 1], model.days[i]];
      if (cur.date >= prev.date) continue;
      report({
        messageId: 'outOfOrder',
        data: { number: String(i + 1), day: day(cur.date), previous: day(prev.date) },
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
  messages: {
    sameDate: tx(
      'Les jours {first} et {second} ont la même date ({day}) : regroupez leurs séances sous un seul jour.',
      'Days {first} and {second} have the same date ({day}): put their sessions under one day.',
    ),
  },
  run({ model, report }) {
    const seen = new Map<string, number>();
    model.days.forEach((d, i) => {
      const first = seen.get(d.date);
      if (first === undefined) {
        seen.set(d.date, i);
        return;
      }
      report({
        messageId: 'sameDate',
        data: { first: String(first + 1), second: String(i + 1), day: day(d.date) },
        at: [...d.path, 'date'],
        cause: { at: [...model.days[first].path, 'date'] },
      });
    });
  },
};
