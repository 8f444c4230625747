/**
 * util/names.ts: `fold` takes Latin text a character at a time through a table (issue #21);
 * it must give what the rule (`foldByRule`) gives on any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldByRule, nameKey, titleWords } from '../src/util/names.js';

describe('fold', () => {
  it('folds every character of the BMP, alone and between letters, as the rule does', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}B${ch}`, ` ${ch}-É${ch} `]) if (fold(s) !== foldByRule(s)) differ.push(`U+${c.toString(16)} in ${JSON.stringify(s)}`);
    }
    expect(differ).toEqual([]);
  });

  it('folds random Latin and mixed texts as the rule does', () => {
    const latin = fc.string({ unit: fc.integer({ min: 0, max: 0x24f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(fc.property(fc.oneof(latin, fc.string({ unit: 'binary', maxLength: 40 })), (s) => fold(s) === foldByRule(s)));
  });

  it('keeps the examples of its callers', () => {
    expect(fold('  Île-de-France : l’Œuvre, n° 2 ')).toBe('ile de france l œuvre n 2');
    expect(nameKey('Jean-Paul BACHY')).toBe('bachy jean paul');
    expect([...titleWords('L’évaluation de la coopération (ex. de la Chine)')]).toEqual(['evaluation', 'cooperation', 'chine']);
  });
});
