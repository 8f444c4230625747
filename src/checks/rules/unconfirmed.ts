import { statusLabel, tx } from '../../i18n.js';
import type { Rule } from '../types.js';
import { day, deName, itemName, when } from './util.js';

/**
 * One info per speaker not yet confirmed: the list of people to chase before circulation.
 * A declined speaker with no representative is "to replace"; one who sends a representative
 * (`represented_by`) is not chased, and the representative is, when not yet confirmed.
 */
export const unconfirmed: Rule = {
  id: 'people/unconfirmed',
  severity: 'info',
  description: 'A speaker is tentative, unconfirmed or declined (to chase, or to replace, before circulation).',
  messages: {
    declined: tx(
      '{who} ({status}) ne viendra pas pour {item}, {day}, {when} : à remplacer.',
      '{who} ({status}) will not come to {item}, {day}, {when}: to replace.',
    ),
    replace: tx(
      'Ajoutez `represented_by:` (qui viendra à sa place), remplacez l’intervenant, ou retirez-le du point.',
      'Add `represented_by:` (who comes in their place), replace the speaker, or remove them from the item.',
    ),
    toConfirm: tx(
      '{who}{instead} est {status} pour {item}, {day}, {when} : à confirmer avant diffusion.',
      '{who}{instead} is {status} for {item}, {day}, {when}: confirm before circulating.',
    ),
  },
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        for (const it of s.items) {
          for (const sp of it.speakers) {
            if (sp.status === 'confirmed') continue;
            if (sp.representedBy && sp.status === 'declined') continue;
            const person = sp.representedBy ?? sp.person;
            const who = person?.name ?? sp.org?.name ?? '?';
            const civility = person?.civility ?? null;
            // Confirmed speakers were skipped: every status left has its words.
            const fr = statusLabel(sp.status, civility, !person, 'fr') ?? sp.status;
            const en = statusLabel(sp.status, civility, !person, 'en') ?? sp.status;
            const place = { item: itemName(it), day: day(d.date), when: when(it, s) };
            const instead = sp.representedBy && sp.person ? tx(` (à la place ${deName(sp.person.name)})`, ` (in place of ${sp.person.name})`) : tx('', '');
            if (sp.status === 'declined') {
              report({ messageId: 'declined', data: { who, status: tx(fr, en), ...place }, note: { messageId: 'replace' }, at: sp.path });
              continue;
            }
            report({
              messageId: 'toConfirm',
              data: { who, instead, status: tx(fr, en === 'approached' ? 'approached (not confirmed)' : en), ...place },
              at: sp.representedBy ? [...sp.path, 'represented_by'] : sp.path,
            });
          }
        }
      }
    }
  },
};
