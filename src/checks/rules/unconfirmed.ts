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
            const [name, dd, r] = [itemName(it), day(d.date), when(it, s)];
            const instead = sp.representedBy && sp.person ? tx(` (à la place ${deName(sp.person.name)})`, ` (in place of ${sp.person.name})`) : tx('', '');
            if (sp.status === 'declined') {
              report({
                message: tx(
                  `${who} (${fr}) ne viendra pas pour ${name.fr}, ${dd.fr}, ${r.fr} : à remplacer.`,
                  `${who} (${en}) will not come to ${name.en}, ${dd.en}, ${r.en}: to replace.`,
                ),
                note: tx(
                  'Ajoutez `represented_by:` (qui viendra à sa place), remplacez l’intervenant, ou retirez-le du point.',
                  'Add `represented_by:` (who comes in their place), replace the speaker, or remove them from the item.',
                ),
                at: sp.path,
              });
              continue;
            }
            report({
              message: tx(
                `${who}${instead.fr} est ${fr} pour ${name.fr}, ${dd.fr}, ${r.fr} : à confirmer avant diffusion.`,
                `${who}${instead.en} is ${en === 'approached' ? 'approached (not confirmed)' : en} for ${name.en}, ${dd.en}, ${r.en}: confirm before circulating.`,
              ),
              at: sp.representedBy ? [...sp.path, 'represented_by'] : sp.path,
            });
          }
        }
      }
    }
  },
};
