/**
 * The seed programme (2012) encoded with its real mistakes: coop check must find each of
 * them, and nothing else (no false alarm).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEventFile, type CheckedEvent } from '../src/project.js';

const repo = path.join(import.meta.dirname, '..');

describe('coop check on the 2012 seminar', () => {
  let checked: CheckedEvent;
  const by = (rule: string) => checked.diagnostics.filter((d) => d.rule === rule).sort((a, b) => a.line - b.line);
  beforeAll(async () => {
    checked = await checkEventFile(path.join(repo, 'examples/seminaire-2012/event.yaml'), 'event.yaml');
  });

  it('reports the overlap at 16 h 20 between sessions II and III, and it is the only error', () => {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].rule).toBe('schedule/session-overlap');
    expect(errors[0].message).toContain('séance III');
    expect(errors[0].message).toContain('séance II');
    expect(errors[0].message).toContain('de 16\u00a0h\u00a020 à 17\u00a0h\u00a030');
  });

  it('reports the two-speaker 10-minute slots (items b and d of session I)', () => {
    const slots = by('schedule/slot-too-short');
    expect(slots.map((d) => d.message.slice(0, 14))).toEqual(['Le point « b /', 'Le point « d /']);
  });

  it('reports ALLIZARD / ALIZARD, and Jean-Paul / Jean Paul BACHY', () => {
    const dup = by('people/near-duplicate');
    expect(dup).toHaveLength(2);
    expect(dup[0].message).toMatch(/^Pascal ALIZARD .* Pascal ALLIZARD /);
    expect(dup[1].message).toMatch(/^Jean Paul BACHY .* Jean-Paul BACHY /);
  });

  it('lists every speaker not yet confirmed, once per booking', () => {
    const names = by('people/unconfirmed').map((d) => d.message.split(' est ')[0]);
    expect(names).toHaveLength(22);
    for (const n of ['Alain YVERGNIAUX', 'Geneviève SEVRIN', 'Jérôme GUEDJ', 'Arnaud BAZIN', 'Dov ZERAH', 'Michel DESTOT']) expect(names).toContain(n);
  });

  it('notices LARUE’s talk listed twice, and the unused hour of session II', () => {
    expect(by('schedule/duplicate-item')).toHaveLength(1);
    expect(by('schedule/duplicate-item')[0].message).toContain('évaluation');
    expect(by('schedule/gap')).toHaveLength(1);
    expect(by('schedule/gap')[0].message).toContain('16\u00a0h\u00a030\u00a0– 17\u00a0h\u00a030');
  });

  it('raises nothing else', () => {
    const rules = new Set(checked.diagnostics.map((d) => d.rule));
    expect([...rules].sort()).toEqual([
      'people/near-duplicate',
      'people/unconfirmed',
      'schedule/duplicate-item',
      'schedule/gap',
      'schedule/session-overlap',
      'schedule/slot-too-short',
    ]);
  });
});

describe('the clean example', () => {
  it('has no error and no warning', async () => {
    const c = await checkEventFile(path.join(repo, 'examples/universites-automne/event.yaml'), 'event.yaml');
    expect(c.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
