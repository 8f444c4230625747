import { tx, type Text } from '../../i18n.js';
import type { Rule } from '../types.js';

/**
 * A year far from the present is a typing mistake (0026 for 2026, 2106 for 2016): the
 * programme would print "26" and calendars would place the event in another century.
 * "Far": more than a century ago, or more than 50 years ahead.
 */
export function unlikelyYear(iso: string, now = new Date()): Text | null {
  const year = Number(iso.slice(0, 4));
  const present = now.getUTCFullYear();
  if (!Number.isFinite(year) || (year >= present - 100 && year <= present + 50)) return null;
  return tx(
    `L’année ${iso.slice(0, 4)} (${iso}) est loin d’aujourd’hui : une faute de frappe ? (une date comme ${present}-${iso.slice(5)} est attendue ; le calendrier et les exports placeraient l’événement en l’an ${year}).`,
    `The year ${iso.slice(0, 4)} (${iso}) is far from today: a typing mistake? (a date such as ${present}-${iso.slice(5)} is expected; calendars and exports would place the event in the year ${year}).`,
  );
}

export const unlikelyYearRule: Rule = {
  id: 'schedule/unlikely-year',
  severity: 'warning',
  description: 'A date whose year is more than a century before or 50 years after the present (0026 for 2026).',
  run({ model, report }) {
    for (const d of model.days) {
      const message = unlikelyYear(d.date);
      if (message) report({ message, at: [...d.path, 'date'] });
    }
  },
};
