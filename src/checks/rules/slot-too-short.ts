import { duration, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { itemName, OPEN_KINDS, sessionName, timedItems } from './util.js';

export const slotTooShort: Rule = {
  id: 'schedule/slot-too-short',
  severity: 'warning',
  description: 'An item is shorter than the session slot times its number of speakers.',
  messages: {
    tooShort: tx(
      'Le point {item} dure {length} pour {speakers}, alors que {session} prévoit {slot} par intervenant : {needed} attendues.',
      'Item {item} lasts {length} for {speakers}, but {session} gives {slot} per speaker: {needed} expected.',
    ),
    fix: tx(
      'Allongez le point, retirez un intervenant, ou réduisez le temps de parole (`slot`).',
      'Lengthen the item, drop a speaker, or shorten the speaking time (`slot`).',
    ),
  },
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
          const plural = n > 1 ? 's' : '';
          report({
            messageId: 'tooShort',
            data: {
              item: itemName(it),
              length: duration(length),
              speakers: tx(`${String(n)} intervenant${plural}`, `${String(n)} speaker${plural}`),
              session: sessionName(s),
              slot: duration(s.slot),
              needed: duration(needed),
            },
            at: it.endKey ? [...it.path, it.endKey] : it.path,
            note: { messageId: 'fix' },
          });
        }
      }
    }
  },
};
