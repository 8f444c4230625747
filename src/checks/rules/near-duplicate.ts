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
 * O(n x length), not all pairs (see oneEditPairs).
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

    const keys = Array.from(byKey.keys());
    for (const [i, j] of oneEditPairs(keys)) pair(byKey.get(keys[i])![0], byKey.get(keys[j])![0], 'typo');
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

/**
 * The pairs of keys (indices into `keys`, earlier first, in the order of the later key) one edit
 * apart, found through the deletion index: every key of 6 letters or more stands under itself
 * and each of its one-letter deletions. The index holds hashes, not strings: each entry is one
 * number (the hash of the variant in the high bits, the key's index in the low bits) in a
 * Float64Array sorted once, so keys sharing a variant end up side by side. At 94,000 names that
 * is 1.5 million numbers instead of 1.5 million strings, arrays and Map entries (9.8 s and
 * 6 s of garbage collection before, for a 9.7 MB file). A hash collision only costs an
 * edit-distance check, which decides.
 */
export function oneEditPairs(keys: readonly string[]): [number, number][] {
  let total = 0;
  let longest = 0;
  for (const key of keys) {
    if (!longEnough(key)) continue;
    total += key.length + 1;
    if (key.length > longest) longest = key.length;
  }
  if (total === 0) return [];
  const indexBits = Math.max(1, Math.ceil(Math.log2(keys.length + 1)));
  const hashBits = Math.min(32, 52 - indexBits); // the entry stays an exact double (53 bits)
  const shift = 2 ** indexBits;
  const P = 0x01000193;
  const pow = new Uint32Array(longest + 1);
  pow[0] = 1;
  for (let i = 1; i <= longest; i++) pow[i] = Math.imul(pow[i - 1], P) >>> 0;
  const prefix = new Uint32Array(longest + 1);
  const suffix = new Uint32Array(longest + 2);
  const entries = new Float64Array(total);
  let n = 0;
  const put = (hash: number, k: number) => {
    entries[n++] = (hashBits < 32 ? hash >>> (32 - hashBits) : hash) * shift + k;
  };
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (!longEnough(key)) continue;
    const L = key.length;
    // hash(s) = sum of s[i] * P^(L-1-i), modulo 2^32; deleting s[i] joins the prefix, shifted by
    // the length of what follows, and the suffix.
    for (let i = 0; i < L; i++) prefix[i + 1] = (Math.imul(prefix[i], P) + key.charCodeAt(i)) >>> 0;
    suffix[L] = 0;
    for (let i = L - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] + Math.imul(key.charCodeAt(i), pow[L - 1 - i])) >>> 0;
    put(prefix[L], k);
    for (let i = 0; i < L; i++) put((Math.imul(prefix[i], pow[L - 1 - i]) + suffix[i + 1]) >>> 0, k);
  }
  entries.sort();
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const members: number[] = [];
  for (let start = 0; start < n;) {
    const hash = Math.floor(entries[start] / shift);
    let end = start + 1;
    while (end < n && Math.floor(entries[end] / shift) === hash) end++;
    if (end - start > 1) {
      members.length = 0;
      for (let e = start; e < end; e++) {
        const k = entries[e] - hash * shift;
        if (members.length === 0 || members[members.length - 1] !== k) members.push(k); // a key's own repeated variant
      }
      for (let b = 1; b < members.length; b++) {
        for (let a = 0; a < b; a++) {
          const i = members[a];
          const j = members[b];
          const id = i * keys.length + j;
          if (seen.has(id)) continue;
          seen.add(id);
          if (editDistance(keys[i], keys[j], 1) <= 1) pairs.push([i, j]);
        }
      }
    }
    start = end;
  }
  pairs.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  return pairs;
}

function longEnough(key: string): boolean {
  let letters = 0;
  for (let i = 0; i < key.length && letters < 6; i++) if (key.charCodeAt(i) !== 32) letters++;
  return letters >= 6; // too short for a typo to mean anything
}
