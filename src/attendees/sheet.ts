/**
 * Attendees from a workbook sheet (`.xlsx`, `.ods`): the same header names as a CSV (French or
 * English, see csv.ts), the same rows. Positions are the spreadsheet's own: a diagnostic's
 * line is the row number and its column the column number (A = 1), and the message names the
 * sheet and the cell ("feuille « Inscrits », cellule B7"), since an editor cannot open a
 * workbook at a line.
 */
import { formatMessage, stageMessage, type MessageData, type Place, type Problem } from '../diagnostics/types.js';
import type { Text } from '../i18n.js';
import { mapColumns, quoted, readRow, type Columns, type CsvPerson, type NameOrder } from './csv.js';
import { attendeeMessages } from './messages.js';
import type { Row } from './workbook.js';
import { maxOf } from '../util/arrays.js';

/** Column number to letters: 1 → A, 28 → AB. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** How far down a title block may push the header row ("Liste des inscrits au 12 mai", a blank row, then the header). */
const HEADER_SEARCH = 10;

export function readAttendeesSheet(
  rows: Row[],
  sheet: string,
  display: string,
  nameOrder: NameOrder = 'given-first',
): { people: CsvPerson[]; problems: Problem[] } {
  const people: CsvPerson[] = [];
  const problems: Problem[] = [];
  const at = (row: number, col: number): Place => ({ file: display, line: row, column: col, endLine: row, endColumn: col + 1 });
  /** A message that starts with where it is: « Feuille « Inscrits », cellule B7 : ». */
  const report = (row: number, col: number, id: 'sheetEmpty' | 'sheetNoNameColumn' | 'sheetRowWithoutName', data: MessageData = {}, note?: Text) => {
    const said = stageMessage('schema/invalid', attendeeMessages, id, { sheet, cell: `${columnLetters(col)}${row}`, ...data });
    problems.push({ rule: 'schema/invalid', ...said, place: at(row, col), ...(note ? { note } : {}) });
  };
  const dense = (row: Row, width: number): string[] => {
    const cells: string[] = Array.from({ length: width }, () => '');
    for (const c of row.cells) if (c.col <= width) cells[c.col - 1] = c.text;
    return cells;
  };

  if (rows.length === 0) {
    report(1, 1, 'sheetEmpty');
    return { people, problems };
  }

  // The header: the first of the first rows that names a name column; rows above it are a title.
  let headerIndex = -1;
  let columns: Columns | null = null;
  let width = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH); i++) {
    width = maxOf(rows[i].cells.map((c) => c.col));
    columns = mapColumns(dense(rows[i], width));
    if (columns) {
      headerIndex = i;
      break;
    }
  }
  if (!columns) {
    const first = rows[0];
    const found = first.cells.map((c) => c.text.replace(/\s+/g, ' ').trim());
    report(
      first.row,
      first.cells[0].col,
      'sheetNoNameColumn',
      { found: quoted(found) },
      formatMessage('schema/invalid', attendeeMessages, { messageId: 'sheetHeaderFirst', data: { rows: String(HEADER_SEARCH) } }),
    );
    return { people, problems };
  }
  const nameCol = (columns.fullIndex ?? columns.familyIndex ?? columns.index.given ?? 0) + 1;
  for (const row of rows.slice(headerIndex + 1)) {
    const cells = dense(row, width);
    if (cells.every((c) => c.trim() === '')) continue; // a note beside the table, outside its columns
    const person = readRow(cells, columns, row.row, nameOrder);
    if (person) people.push(person);
    else {
      report(row.row, nameCol, 'sheetRowWithoutName', { columns: quoted(columns.nameHeaders) });
    }
  }
  return { people, problems };
}
