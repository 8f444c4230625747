import { tx } from '../../i18n.js';
import { truncate } from '../../util/text.js';
import type { MinutesModel } from '../../minutes/model.js';
import { formatDate } from '../../typography/index.js';
import type { Rule } from '../types.js';

const place = (m: MinutesModel, line: number) => ({ file: m.file, line, column: 1, endLine: line, endColumn: 2 });
const short = (s: string) => truncate(s, 60);

export const actionOwner: Rule = {
  id: 'minutes/action-owner',
  severity: 'warning',
  description: 'An action (task-list item) without an owner (@id).',
  runMinutes({ minutes, report }) {
    for (const a of minutes.actions) {
      if (a.ownerId) continue;
      report({
        message: tx(`L’action « ${short(a.text)} » n’a pas de responsable.`, `The action "${short(a.text)}" has no owner.`),
        at: place(minutes, a.line),
        note: tx('Ajoutez @identifiant de la personne ou de l’organisme responsable.', 'Add @id of the person or organisation in charge.'),
      });
    }
  },
};

export const dueBeforeMeeting: Rule = {
  id: 'minutes/due-before-meeting',
  severity: 'warning',
  description: 'An open action whose due date is before the meeting itself.',
  runMinutes({ minutes, report }) {
    for (const a of minutes.actions) {
      if (a.done || !a.due || a.due >= minutes.date) continue;
      report({
        message: tx(
          `L’action « ${short(a.text)} » est due le ${formatDate(a.due, 'fr')}, avant la réunion du ${formatDate(minutes.date, 'fr')} : date erronée ?`,
          `The action "${short(a.text)}" is due on ${formatDate(a.due, 'en')}, before the meeting on ${formatDate(minutes.date, 'en')}: a wrong date?`,
        ),
        at: place(minutes, a.line),
      });
    }
  },
};
