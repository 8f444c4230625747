import { tx } from '../../i18n.js';
import type { MessageRef } from '../../diagnostics/types.js';
import type { Rule } from '../types.js';

/**
 * A year far from the present is a typing mistake (0026 for 2026, 2106 for 2016): the
 * programme would print "26" and calendars would place the event in another century.
 * "Far": more than a century ago, or more than 50 years ahead. The message to report (of
 * `unlikelyYearRule`), or null.
 */
export function unlikelyYear(iso: string, now = new Date()): MessageRef | null {
  const year = Number(iso.slice(0, 4));
  const present = now.getUTCFullYear();
  if (!Number.isFinite(year) || (year >= present - 100 && year <= present + 50)) return null;
  return { messageId: 'farYear', data: { written: iso.slice(0, 4), date: iso, likely: `${String(present)}-${iso.slice(5)}`, year: String(year) } };
}

export const unlikelyYearRule: Rule = {
  id: 'schedule/unlikely-year',
  severity: 'warning',
  description: 'A date whose year is more than a century before or 50 years after the present (0026 for 2026).',
  messages: {
    farYear: tx(
      'L’année {written} ({date}) est loin d’aujourd’hui : une faute de frappe ? (une date comme {likely} est attendue ; le calendrier et les exports placeraient l’événement en l’an {year}).',
      'The year {written} ({date}) is far from today: a typing mistake? (a date such as {likely} is expected; calendars and exports would place the event in the year {year}).',
    ),
  },
  run({ model, report }) {
    for (const d of model.days) {
      const found = unlikelyYear(d.date);
      if (found) report({ ...found, at: [...d.path, 'date'] });
    }
  },
};
