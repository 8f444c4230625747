/**
 * Attendees from a workbook sheet (`.xlsx`, `.ods`): the same header names as a CSV (French or
 * English, see csv.ts), the same rows. Positions are the spreadsheet's own: a diagnostic's
 * line is the row number and its column the column number (A = 1), and the message names the
 * sheet and the cell ("feuille « Inscrits », cellule B7"), since an editor cannot open a
 * workbook at a line.
 */
import type { Place } from '../diagnostics/types.js';
import { tx, type Text } from '../i18n.js';
import type { Problem } from '../diagnostics/types.js';
import { mapColumns, readRow, type Columns, type CsvPerson, type NameOrder } from './csv.js';
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
  const where = (row: number, col: number): Text =>
    tx(`Feuille « ${sheet} », cellule ${columnLetters(col)}${row}`, `Sheet "${sheet}", cell ${columnLetters(col)}${row}`);
  const at = (row: number, col: number): Place => ({ file: display, line: row, column: col, endLine: row, endColumn: col + 1 });
  const report = (row: number, col: number, message: Text, note?: Text) => {
    const w = where(row, col);
    problems.push({ rule: 'schema/invalid', message: tx(`${w.fr} : ${message.fr}`, `${w.en}: ${message.en}`), place: at(row, col), ...(note ? { note } : {}) });
  };
  const dense = (row: Row, width: number): string[] => {
    const cells: string[] = Array.from({ length: width }, () => '');
    for (const c of row.cells) if (c.col <= width) cells[c.col - 1] = c.text;
    return cells;
  };

  if (rows.length === 0) {
    report(
      1,
      1,
      tx(
        'la feuille est vide : une ligne d’en-tête (par exemple « Nom | Prénom | Fonction | Organisme | Courriel ») puis une ligne par personne sont attendues.',
        'the sheet is empty: expected a header row (e.g. "name | given | role | org | email"), then one row per person.',
      ),
    );
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
      tx(
        `aucune colonne de nom dans l’en-tête (colonnes trouvées : ${found.map((c) => `« ${c} »`).join(', ')}) : une colonne « Nom » (ou « name »), ou « Prénom » et « Nom de famille », est attendue.`,
        `no name column in the header (found: ${found.map((c) => `"${c}"`).join(', ')}): expected a "name" (or "Nom") column, or "given" and "family".`,
      ),
      tx(
        `L’en-tête doit figurer dans les ${HEADER_SEARCH} premières lignes remplies de la feuille, par exemple « Nom | Prénom | Fonction | Organisme | Courriel ».`,
        `The header must be within the first ${HEADER_SEARCH} filled rows of the sheet, e.g. "name | given | role | org | email".`,
      ),
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
      const which = columns.nameHeaders.map((h) => `« ${h} »`).join(', ');
      const whichEn = columns.nameHeaders.map((h) => `"${h}"`).join(', ');
      report(
        row.row,
        nameCol,
        tx(`ligne sans nom (colonne ${which} vide) : la ligne est ignorée.`, `row without a name (${whichEn} empty): the row is skipped.`),
      );
    }
  }
  return { people, problems };
}
