import { range, tx } from '../../i18n.js';
import { statusLabel } from '../../render/labels.js';
import type { Rule } from '../types.js';
import { day, itemName } from './util.js';

/** One info per speaker not yet confirmed: the list of people to chase before circulation. */
export const unconfirmed: Rule = {
  id: 'people/unconfirmed',
  severity: 'info',
  description: 'A speaker is tentative, unconfirmed or declined (to chase before circulation).',
  run({ model, report }) {
    for (const d of model.days) {
      for (const s of d.sessions) {
        for (const it of s.items) {
          for (const sp of it.speakers) {
            if (sp.status === 'confirmed') continue;
            const who = sp.person?.name ?? sp.org?.name ?? '?';
            const civility = sp.person?.civility ?? null;
            const fr = statusLabel(sp.status, civility, !sp.person, 'fr');
            const en = statusLabel(sp.status, civility, !sp.person, 'en');
            const [name, dd, r] = [itemName(it), day(d.date), range(it.start, it.end)];
            report({
              message:
                sp.status === 'declined'
                  ? tx(
                      `${who} (${fr}) reste au programme de ${name.fr}, ${dd.fr}, ${r.fr} : trouvez un remplaçant ou retirez-le.`,
                      `${who} (${en}) is still on the programme for ${name.en}, ${dd.en}, ${r.en}: find a replacement or remove them.`,
                    )
                  : tx(
                      `${who} est ${fr} pour ${name.fr}, ${dd.fr}, ${r.fr} : à confirmer avant diffusion.`,
                      `${who} is ${en === 'approached' ? 'approached (not confirmed)' : en} for ${name.en}, ${dd.en}, ${r.en}: confirm before circulating.`,
                    ),
              at: sp.path,
            });
          }
        }
      }
    }
  },
};
