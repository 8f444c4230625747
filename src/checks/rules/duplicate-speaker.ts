import { tx } from '../../i18n.js';
import { bookedPerson } from '../../model/event.js';
import type { Rule } from '../types.js';
import { personKey } from './speaker-double-booked.js';
import { itemName } from './util.js';

/**
 * One person twice among an item's speakers (FORMAT.md §5.1), counting representatives: the
 * second mention is a copy-paste slip, or a name that should have been another.
 */
export const duplicateSpeaker: Rule = {
  id: 'schedule/duplicate-speaker',
  severity: 'warning',
  description: 'One person appears twice among the speakers of an item.',
  messages: {
    twice: tx('{name} figure deux fois parmi les intervenants de {item}.', '{name} is listed twice among the speakers of {item}.'),
    firstMention: tx('la première mention', 'the first mention'),
    fix: tx('Retirez la seconde mention, ou remplacez-la par l’intervenant voulu.', 'Remove the second mention, or replace it with the speaker meant.'),
  },
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        for (const it of s.items) {
          if (it.speakers.length < 2) continue;
          const seen = new Map<string, (typeof it.speakers)[number]>();
          for (const sp of it.speakers) {
            const p = bookedPerson(sp);
            if (!p) continue;
            const key = personKey(p);
            const first = seen.get(key);
            if (!first) {
              seen.set(key, sp);
              continue;
            }
            report({
              messageId: 'twice',
              data: { name: p.name, item: itemName(it) },
              at: sp.representedBy ? [...sp.path, 'represented_by'] : sp.path,
              cause: { at: first.representedBy ? [...first.path, 'represented_by'] : first.path, message: { messageId: 'firstMention' } },
              note: { messageId: 'fix' },
            });
          }
        }
      }
    }
  },
};
