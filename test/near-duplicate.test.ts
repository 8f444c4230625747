import { describe, expect, it } from 'vitest';
import { oneEditPairs } from '../src/checks/rules/near-duplicate.js';
import { editDistance } from '../src/util/suggest.js';

/** The pairs all-pairs comparison finds, in the order oneEditPairs promises. */
function naive(keys: string[]): [number, number][] {
  const out: [number, number][] = [];
  const long = (k: string) => k.replace(/ /g, '').length >= 6;
  for (let j = 0; j < keys.length; j++) {
    for (let i = 0; i < j; i++) if (long(keys[i]) && long(keys[j]) && editDistance(keys[i], keys[j], 1) <= 1) out.push([i, j]);
  }
  return out;
}

function random(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
}

describe('oneEditPairs (the deletion index of people/near-duplicate)', () => {
  it('finds exactly the pairs one edit apart that comparing every pair finds', () => {
    const rnd = random(42);
    const alphabet = 'aabeilnorstéç -';
    for (let round = 0; round < 40; round++) {
      const keys = new Set<string>();
      const base: string[] = [];
      for (let i = 0; i < 30; i++) {
        let s = '';
        const len = 4 + Math.floor(rnd() * 8);
        for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        base.push(s);
        keys.add(s);
      }
      // typos of some: a letter dropped, added, changed, two swapped
      for (const s of base.slice(0, 15)) {
        const at = Math.floor(rnd() * s.length);
        const c = alphabet[Math.floor(rnd() * alphabet.length)];
        const edits = [s.slice(0, at) + s.slice(at + 1), s.slice(0, at) + c + s.slice(at), s.slice(0, at) + c + s.slice(at + 1)];
        if (at + 1 < s.length) edits.push(s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2));
        keys.add(edits[Math.floor(rnd() * edits.length)]);
      }
      const list = Array.from(keys);
      expect(oneEditPairs(list)).toEqual(naive(list));
    }
  });

  it('a key with repeated letters is not paired with itself, and short keys are left out', () => {
    expect(oneEditPairs(['aaaaaaa', 'aaaaaab', 'abc', 'abd'])).toEqual([[0, 1]]);
    expect(oneEditPairs([])).toEqual([]);
  });
});
