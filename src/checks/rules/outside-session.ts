import { time, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, sessionName, timedItems } from './util.js';

export const outsideSession: Rule = {
  id: 'schedule/outside-session',
  severity: 'error',
  description: 'An item starts before or ends after its session.',
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (s.start === null || s.end === null) continue;
        for (const it of timedItems(s)) {
          const [name, sn] = [itemName(it), sessionName(s)];
          if (s.startGiven && it.start < s.start) {
            const [a, b] = [time(it.start), time(s.start)];
            report({
              message: tx(
                `Le point ${name.fr} commence à ${a.fr}, avant le début de ${sn.fr} (${b.fr}).`,
                `Item ${name.en} starts at ${a.en}, before its ${sn.en} starts (${b.en}).`,
              ),
              at: it.startGiven ? [...it.path, 'start'] : it.path,
              cause: { at: [...s.path, 'start'], message: tx('le début de la séance', 'the session start') },
            });
          } else if (s.endGiven && it.end > s.end) {
            const [a, b] = [time(it.end), time(s.end)];
            report({
              message: tx(
                `Le point ${name.fr} finit à ${a.fr}, après la fin de ${sn.fr} (${b.fr}).`,
                `Item ${name.en} ends at ${a.en}, after its ${sn.en} ends (${b.en}).`,
              ),
              at: it.endKey ? [...it.path, it.endKey] : it.path,
              cause: { at: [...s.path, 'end'], message: tx('la fin de la séance', 'the session end') },
            });
          }
        }
      }
    }
  },
};
