/** Labels made from the people or names they print (agreement, lists), by locale. */
import { labels } from './labels.js';

/** "A", "A et B", "A, B et C" (en: "A, B and C"). */
export function listOf(items: readonly string[], locale: 'fr' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${labels[locale].and} ${items[items.length - 1]}`;
}

/**
 * "Rapporteur" agreed with the people it names: "Rapporteure" for Mme, "Rapporteur·e" when
 * the civility is unknown, plural for several (French); "Rapporteur(s)" in English.
 */
export function rapporteurLabel(people: ReadonlyArray<{ civility: string | null }>, locale: 'fr' | 'en'): string {
  const several = people.length > 1;
  if (locale === 'en') return several ? 'Rapporteurs' : 'Rapporteur';
  const fem = people.length > 0 && people.every((p) => p.civility === 'Mme');
  const masc = people.some((p) => p.civility === 'M.');
  const word = fem ? 'Rapporteure' : masc || several ? 'Rapporteur' : 'Rapporteur·e';
  return several ? `${word}s` : word;
}
