/**
 * `participants.csv`: the attendee list for mail merges and label printers, as French
 * spreadsheets and word processors read a CSV without asking — UTF-8 with a byte order mark
 * (Excel otherwise guesses Windows-1252), `;` between cells, CRLF line ends, one header row
 * with the same names coop reads back (Civilité;NOM;Prénom;Fonction;Organisme…).
 *
 * Columns: `documents.participants.columns` when set, else civility, family name, given
 * name, role and organisation (a mail merge writes "Madame", "Monsieur"); e-mail and phone
 * only with `--with-contacts` (a CSV circulates easily: the list's `with_contacts` setting
 * does not reach it). Rows in the order of the printed list.
 *
 * Cells a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@` (or their
 * full-width forms), a tab or a carriage return — are made inert with a leading apostrophe,
 * the mark spreadsheets themselves use for "text as typed" (OWASP's CSV injection advice).
 * Line breaks and tabs inside a cell become spaces, so that every person is one line.
 */
import type { EventModel, PersonModel } from '../model/event.js';
import { cell, columnLabel, orgName, sortedAttendees, type Column } from '../render/attendees.js';

const DEFAULT_COLUMNS: Column[] = ['civility', 'family', 'given', 'role', 'org'];

/** Whether a spreadsheet would take the cell for a formula (or a command, through DDE). */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]/.test(value);
}

/** One cell: inert, on one line, quoted when it holds the separator, a quote or edge spaces. */
export function csvCell(value: string): string {
  let v = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  // A cell that starts with a tab or a carriage return is inert as it is; the apostrophe first,
  // so that turning them into spaces cannot hide a formula behind them.
  if (isFormulaLike(v) || isFormulaLike(v.trimStart())) v = `'${v}`;
  v = v.replace(/[\t\r\n]+/g, ' ');
  return /[;"]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function participantsCsv(m: EventModel, opts: { withContacts: boolean }): string {
  const cfg = m.documents.participants ?? {};
  let columns: Column[] = cfg.columns ?? DEFAULT_COLUMNS;
  columns = columns.filter((c) => c !== 'email' && c !== 'phone');
  if (opts.withContacts) columns = [...columns, 'email', 'phone'];
  let people: PersonModel[] = sortedAttendees(m);
  if (cfg.group_by === 'org') {
    const key = (p: PersonModel) => orgName(p) || '—';
    people = [...people].sort((a, b) => key(a).localeCompare(key(b), 'fr', { sensitivity: 'base' }));
  }
  const lines = [columns.map((c) => csvCell(columnLabel(c, m.locale))).join(';')];
  for (const p of people) lines.push(columns.map((c) => csvCell(cell(p, c))).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
