import { duration, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, OPEN_KINDS, sessionName, timedItems } from './util.js';



export const slotTooShort: Rule = {
  id: 'schedule/slot-too-short',
  severity: 'warning',
  description: 'An item is shorter than the session slot times its number of speakers.',
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (s.slot === null) continue;
        for (const it of timedItems(s)) {
          const n = it.speakers.length;
          // A round table or a welcome is not one slot per speaker.
          if (n === 0 || OPEN_KINDS.has(it.kind) || it.kind === 'roundtable' || it.kind === 'welcome') continue;
          const length = it.end - it.start;
          const needed = s.slot * n;
          if (length >= needed) continue;
          const [name, sn, l, sl, nd] = [itemName(it), sessionName(s), duration(length), duration(s.slot), duration(needed)];
          report({
            message: tx(
              `Le point ${name.fr} dure ${l.fr} pour ${n} intervenant${n > 1 ? 's' : ''}, alors que ${sn.fr} prévoit ${sl.fr} par intervenant : ${nd.fr} attendues.`,
              `Item ${name.en} lasts ${l.en} for ${n} speaker${n > 1 ? 's' : ''}, but ${sn.en} gives ${sl.en} per speaker: ${nd.en} expected.`,
            ),
            at: it.endKey ? [...it.path, it.endKey] : it.path,
            note: tx(
              'Allongez le point, retirez un intervenant, ou réduisez le temps de parole (`slot`).',
              'Lengthen the item, drop a speaker, or shorten the speaking time (`slot`).',
            ),
          });
        }
      }
    }
  },
};
