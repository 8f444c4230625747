import { tx } from '../../i18n.js';
import type { PersonModel } from '../../model/event.js';
import type { Place } from '../../diagnostics/types.js';
import type { Path } from '../../source/yaml.js';
import { nameKey } from '../../util/names.js';
import { editDistance } from '../../util/suggest.js';
import type { Rule } from '../types.js';

interface Entity {
  name: string;
  key: string;
  civility: PersonModel['civility'];
  id: string | null;
  path: Path | Place;
  order: number;
}

/**
 * The same person written two ways: ALLIZARD / ALIZARD, accents, hyphens, letter case,
 * given/family order. Names are folded (accents, case, punctuation, word order); equal folded
 * names are duplicates, and folded names one edit apart (a letter added, dropped, changed
 * or two swapped) are found through a deletion index: every name is stored under itself and
 * each of its one-letter deletions, so two names one edit apart share an entry. That is
 * O(n x length), not all pairs.
 */
export const nearDuplicate: Rule = {
  id: 'people/near-duplicate',
  severity: 'warning',
  description: 'Two people whose names differ by a typo, accents, case, hyphens or word order.',
  messages: {
    same: tx(
      '{second} et {first} semblent être la même personne, écrite de deux façons : utilisez un seul identifiant dans `people`.',
      '{second} and {first} look like the same person written two ways: use one id in `people`.',
    ),
    typo: tx(
      '{second} et {first} ne diffèrent que d’une lettre : s’il s’agit de la même personne, corrigez l’orthographe et utilisez un seul identifiant.',
      '{second} and {first} differ by one letter: if they are the same person, fix the spelling and use one id.',
    ),
    otherSpelling: tx('l’autre graphie : {name}', 'the other spelling: {name}'),
  },
  run({ model, report }) {
    const entities = collect(model.people.values(), model);
    const reported = new Set<string>();
    const pair = (a: Entity, b: Entity, kind: 'same' | 'typo') => {
      const [first, second] = a.order <= b.order ? [a, b] : [b, a];
      const key = `${first.order}|${second.order}`;
      if (reported.has(key)) return;
      if (first.civility && second.civility && first.civility !== second.civility) return;
      reported.add(key);
      const label = (e: Entity) => (e.id !== null ? `${e.name} (people.${e.id})` : e.name);
      report({
        messageId: kind,
        data: { second: label(second), first: label(first) },
        at: second.path,
        cause: { at: first.path, message: { messageId: 'otherSpelling', data: { name: first.name } } },
      });
    };

    const byKey = new Map<string, Entity[]>();
    for (const e of entities) {
      const list = byKey.get(e.key);
      // Each later spelling is reported once, against the first: n reports for n copies, not n².
      if (list) {
        pair(list[0], e, 'same');
        list.push(e);
      } else byKey.set(e.key, [e]);
    }

    const index = new Map<string, string[]>();
    for (const key of byKey.keys()) {
      if (key.replace(/ /g, '').length < 6) continue; // too short for a typo to mean anything
      const variants = new Set([key]);
      for (let i = 0; i < key.length; i++) variants.add(key.slice(0, i) + key.slice(i + 1));
      for (const v of variants) {
        const list = index.get(v);
        if (list) {
          for (const other of list) {
            if (other !== key && editDistance(other, key, 1) <= 1) pair(byKey.get(other)![0], byKey.get(key)![0], 'typo');
          }
          list.push(key);
        } else index.set(v, [key]);
      }
    }
  },
};

function collect(people: Iterable<PersonModel>, model: import('../../model/event.js').EventModel): Entity[] {
  const out: Entity[] = [];
  const inline = new Map<string, Entity>();
  const add = (p: PersonModel) => {
    if (p.id !== null) return;
    if (inline.has(p.name)) return; // the same inline name twice is the same person, written the same way
    const e: Entity = { name: p.name, key: nameKey(p.name), civility: p.civility, id: null, path: p.place ?? p.path, order: out.length };
    inline.set(p.name, e);
    out.push(e);
  };
  for (const p of people) out.push({ name: p.name, key: nameKey(p.name), civility: p.civility, id: p.id, path: [...p.path, 'name'], order: out.length });
  for (const d of model.days) {
    for (const s of d.sessions) {
      s.chair.forEach(add);
      s.rapporteur.forEach(add);
      for (const it of s.items) {
        for (const sp of it.speakers) {
          if (sp.person) add(sp.person);
          if (sp.representedBy) add(sp.representedBy);
        }
      }
    }
  }
  model.attendees.forEach(add);
  return out;
}
