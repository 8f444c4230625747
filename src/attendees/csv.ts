/**
 * Attendee lists as CSV (FORMAT.md §1, `attendees: - file: attendees.csv`): the file a
 * secretariat exports from Excel or LibreOffice, so French headers ("Nom;Prénom;Fonction;
 * Organisme;Courriel"), `;` separators, CRLF line ends and a BOM are the normal case, not
 * the exception. Every defect is a problem with its line; the rows that can be read are kept.
 */
import { parse, type CsvError } from 'csv-parse/sync';
import { formatMessage, stageMessage, type MessageData, type Place, type Problem } from '../diagnostics/types.js';
import { tx, type Text } from '../i18n.js';
import { decodeSheetText, encodingInfo } from '../source/encoding.js';
import { attendeeMessages } from './messages.js';
import { fold } from '../util/names.js';
import { formatFamilyName } from './sort.js';

export interface CsvPerson {
  /** The name as printed: the name column as written, or "Prénom NOM" built from two columns. */
  name: string;
  given: string | null;
  family: string | null;
  civility: 'M.' | 'Mme' | null;
  role: string | null;
  org: string | null;
  email: string | null;
  phone: string | null;
  /** 1-based line where the row starts in the file, for diagnostics. */
  line: number;
}

type Field = 'name' | 'given' | 'family' | 'civility' | 'role' | 'org' | 'email' | 'phone' | 'order';

/**
 * How two name columns make the printed name: "Prénom NOM" (given first, the French default)
 * or "NOM Prénom" (family first: LI Na, KIM Ji-yeon). Set per file (`name_order:`) or per row
 * (a column "Ordre du nom" / "name order" holding "nom prénom" / "family first"…).
 */
export type NameOrder = 'given-first' | 'family-first';

const FAMILY_FIRST = new Set(['family first', 'family given', 'family', 'nom prenom', 'nom d abord', 'nom', 'famille', 'np']);
const GIVEN_FIRST = new Set(['given first', 'given family', 'given', 'prenom nom', 'prenom d abord', 'prenom', 'pn']);

/**
 * Accepted headers, compared after `fold` (accents, case, punctuation and spacing ignored:
 * "Prénom", "PRENOM", " prénom " and "E-mail" / "e mail" all match).
 */
const HEADERS: Record<Field, string[]> = {
  name: ['name', 'nom', 'full name', 'nom complet', 'nom prenom', 'prenom nom', 'nom et prenom', 'prenom et nom', 'participant'],
  given: ['given', 'given name', 'first name', 'firstname', 'prenom', 'prenoms'],
  family: ['family', 'family name', 'last name', 'lastname', 'surname', 'nom de famille'],
  civility: ['civility', 'civilite'],
  role: ['role', 'fonction', 'qualite', 'position', 'job title'],
  org: ['org', 'organisation', 'organization', 'organisme', 'structure', 'collectivite', 'institution', 'etablissement'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse mail', 'adresse email', 'adresse e mail', 'adresse electronique'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'portable'],
  order: ['name order', 'name_order', 'ordre du nom', 'ordre des noms', 'ordre nom'],
};
const FIELD_OF = new Map<string, Field>(
  (Object.entries(HEADERS) as Array<[Field, string[]]>).flatMap(([field, names]) => names.map((n): [string, Field] => [n, field])),
);

const CIVILITY = new Map<string, 'M.' | 'Mme'>([
  ['m', 'M.'],
  ['mr', 'M.'],
  ['monsieur', 'M.'],
  ['mme', 'Mme'],
  ['madame', 'Mme'],
  // "Mademoiselle" is no longer used in French administrative writing (circulaire du 21 février 2012).
  ['mlle', 'Mme'],
  ['mademoiselle', 'Mme'],
  ['mrs', 'Mme'],
  ['ms', 'Mme'],
]);

type Event = { kind: 'record'; cells: string[]; end: number } | { kind: 'error'; error: CsvError; cells: string[] | null; end: number };

/**
 * Read an attendee CSV file. `file` is the path the bytes were read from; places name the
 * file as `display` (the form the user typed, relative to the working directory).
 *
 * - The bytes are UTF-8 (BOM allowed), or Windows-1252, ISO-8859-15 or UTF-16 with a BOM when
 *   they read as such (an `attendees/encoding` info says which); anything else is one
 *   `syntax/encoding` problem at the line of the first bad byte (see source/encoding.ts).
 * - The separator is `;`, `,` or a tab, whichever the header line uses most (outside quotes).
 * - The first non-empty row is the header. Unknown headers are ignored without a word: lists
 *   often carry columns of their own ("Régime alimentaire", "Présent le 2 mars") that are
 *   none of coop's business, and a diagnostic per list would only teach users to ignore them.
 *   When a header appears twice, the first column wins.
 * - Empty lines, and rows whose cells are all empty (Excel's trailing ";;;;"), are skipped.
 * - A row with the wrong number of cells, or without a name, is reported and skipped.
 */
export function readAttendeesCsv(
  bytes: Uint8Array,
  file: string,
  display: string,
  nameOrder: NameOrder = 'given-first',
): { people: CsvPerson[]; problems: Problem[]; text?: string } {
  const people: CsvPerson[] = [];
  const problems: Problem[] = [];
  const at = (line: number): Place => ({ file: display, line, column: 1, endLine: line, endColumn: 1 });
  type Id = keyof typeof attendeeMessages;
  const report = (line: number, id: Id, data?: MessageData, note?: Text) => {
    problems.push({ rule: 'schema/invalid', ...stageMessage('schema/invalid', attendeeMessages, id, data), place: at(line), ...(note ? { note } : {}) });
  };
  const noteOf = (id: Id, data?: MessageData) => formatMessage('schema/invalid', attendeeMessages, { messageId: id, data });

  const decoded = decodeSheetText(bytes);
  if (decoded.text === undefined) {
    problems.push({ rule: 'syntax/encoding', ...decoded.problem, place: at(decoded.line) });
    return { people, problems };
  }
  if (decoded.encoding !== 'utf-8') problems.push({ rule: 'attendees/encoding', ...encodingInfo(decoded.encoding), place: at(1) });
  // One line end everywhere: csv-parse counts CRLF blank lines twice, and a line break inside a
  // quoted cell is then "\n" whatever the spreadsheet wrote. Blank lines before the header are
  // emptied (same line count), so that "   " is not read as a one-column header.
  const text = decoded.text.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, (m) => m.replace(/[ \t]+/g, ''));
  const buf = Buffer.from(text, 'utf8');
  const lineOf = lineIndex(buf);
  const delimiter = detectDelimiter(text);

  const events: Event[] = [];
  try {
    parse(buf, {
      bom: true,
      delimiter,
      // Wrong cell counts are errors, delivered to on_skip with the row, not a crash.
      relax_column_count: false,
      skip_records_with_error: true,
      skip_empty_lines: true,
      // `Jean "Jo" DUPONT` in an unquoted cell is kept as written rather than refused.
      relax_quotes: true,
      trim: true,
      // csv-parse's `lines` is where a row ends (and miscounts CRLF blank lines); diagnostics
      // want where it starts. We keep the byte offset where each row ends (`bytes`, in UTF-8)
      // and count lines ourselves from the previous row's end.
      on_record: (record, context) => {
        events.push({ kind: 'record', cells: record, end: context.bytes });
        return null;
      },
      on_skip: (error) => {
        if (error) events.push({ kind: 'error', error, cells: cellsOf(error.record), end: typeof error.bytes === 'number' ? error.bytes : -1 });
        return undefined;
      },
    });
  } catch (err) {
    // Not expected with skip_records_with_error; still a problem, never a crash.
    const m = err instanceof Error ? err.message : String(err);
    report(1, 'csvUnreadable', { error: m });
    return { people, problems, text: decoded.text.replace(/\r\n?/g, '\n') };
  }

  let prevEnd = 0;
  let header: { cells: string[]; line: number } | null = null;
  let columns: Columns | null = null;
  for (const ev of events) {
    // A row starts after the previous one ended, past blank lines (with `trim`, csv-parse
    // skips lines of spaces as empty, without an event) and the row's own leading blanks.
    let start = prevEnd;
    while (start < buf.length && (buf[start] === 0x0a || buf[start] === 0x20 || buf[start] === 0x09)) start++;
    const line = lineOf(start);
    prevEnd = Math.max(prevEnd, ev.end);

    if (ev.kind === 'error') {
      if (ev.cells && ev.cells.every((c) => c === '')) continue; // a blank row of another width
      if (ev.error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && header && ev.cells) {
        const found = ev.cells.length;
        const expected = header.cells.length;
        const sep = delimiterName(delimiter);
        const missing = expected - found;
        report(
          line,
          'rowCells',
          {
            cells: tx(`${found} cellule${found > 1 ? 's' : ''}`, `${found} cell${found === 1 ? '' : 's'}`),
            headerLine: String(header.line),
            expected: String(expected),
          },
          found > expected
            ? noteOf('separatorInValue', { separator: sep })
            : noteOf('missingSeparators', {
                missing: tx(`${missing} séparateur${missing > 1 ? 's' : ''}`, `${missing} separator${missing > 1 ? 's are' : ' is'}`),
                separator: sep,
              }),
        );
      } else if (ev.error.code === 'CSV_QUOTE_NOT_CLOSED') {
        report(line, 'quoteNotClosed', undefined, attendeeMessages.doubleQuotes);
      } else {
        report(line, 'csvRowUnreadable', { error: ev.error.message });
      }
      continue;
    }

    const cells = ev.cells;
    if (cells.every((c) => c === '')) continue;
    if (!header) {
      header = { cells, line };
      columns = mapColumns(cells);
      if (!columns) {
        const found = cells.filter((c) => c !== '');
        report(line, 'noNameColumn', { found: quoted(found) }, attendeeMessages.headerFirst);
        return { people, problems, text: decoded.text.replace(/\r\n?/g, '\n') };
      }
      continue;
    }
    if (!columns) continue;
    const person = readRow(cells, columns, line, nameOrder);
    if (person) people.push(person);
    else {
      report(line, 'rowWithoutName', { columns: quoted(columns.nameHeaders) });
    }
  }
  if (!header && problems.length === 0) {
    report(1, 'csvEmpty');
  }
  return { people, problems, text: decoded.text.replace(/\r\n?/g, '\n') };
}

export interface Columns {
  index: Partial<Record<Field, number>>;
  /** Which column gives the family name: the `family` one, or `nom` next to a `prénom`. */
  familyIndex: number | undefined;
  /** Which column gives the full name as written, if any. */
  fullIndex: number | undefined;
  /** The header cells that hold the name, as written, for messages. */
  nameHeaders: string[];
}

export function mapColumns(cells: string[]): Columns | null {
  const index: Partial<Record<Field, number>> = {};
  cells.forEach((cell, i) => {
    const field = FIELD_OF.get(fold(cell));
    if (field !== undefined && index[field] === undefined) index[field] = i;
  });
  if (index.name === undefined && index.given === undefined && index.family === undefined) return null;
  // "Nom" beside "Prénom" is the family name (the French form's usual pair); beside a
  // "Nom de famille" column, or alone, it is the name as it should be printed.
  const nameIsFamily = index.family === undefined && index.given !== undefined && index.name !== undefined;
  const familyIndex = nameIsFamily ? index.name : index.family;
  const fullIndex = nameIsFamily ? undefined : index.name;
  const nameHeaders = [fullIndex, index.given, familyIndex].filter((i): i is number => i !== undefined).map((i) => cells[i]);
  return { index, familyIndex, fullIndex, nameHeaders };
}

export function readRow(cells: string[], columns: Columns, line: number, nameOrder: NameOrder): CsvPerson | null {
  // Cells are printed in one-line table cells: a line break typed in a spreadsheet cell is a space.
  const cell = (i: number | undefined): string | null => {
    if (i === undefined) return null;
    const v = (cells[i] ?? '').replace(/\s+/gu, ' ').trim();
    return v === '' ? null : v;
  };
  const get = (f: Field) => cell(columns.index[f]);
  const given = get('given');
  const family = cell(columns.familyIndex);
  const full = cell(columns.fullIndex);
  // Two name columns make "Prénom NOM", the French way of printing a name, or "NOM Prénom"
  // when the file or the row says the family name comes first; a single name column is
  // printed as the user wrote it. The family name is in capitals either way, which is how
  // lists find it to sort by it.
  const order = cell(columns.index.order);
  const familyFirst =
    order !== null && FAMILY_FIRST.has(fold(order)) ? true : order !== null && GIVEN_FIRST.has(fold(order)) ? false : nameOrder === 'family-first';
  const parts = [given, family === null ? null : formatFamilyName(family)];
  const name = full ?? (familyFirst ? parts.reverse() : parts).filter((p): p is string => p !== null).join(' ');
  if (name === '') return null;
  const civ = get('civility');
  return {
    name,
    given,
    family,
    // An unknown civility ("Dr", "Pr") is left out rather than refused: it only drives the
    // agreement of "pressenti·e", and the name still prints.
    civility: civ === null ? null : (CIVILITY.get(fold(civ)) ?? null),
    role: get('role'),
    org: get('org'),
    email: get('email'),
    phone: get('phone'),
    line,
  };
}

/** The separator the header line uses most, outside quotes; a tab when it has none (one column). */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    ['\t', 0],
    [',', 0],
  ]);
  let i = 0;
  while (i < text.length && text[i] === '\n') i++;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"')
      quoted = !quoted; // a doubled quote "" toggles twice
    else if (!quoted && c === '\n') break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  // Ties go to ';' (French spreadsheets), then tab, then ','; with no separator at all, a
  // one-column file must not split "DUPONT, Jean", hence the tab.
  let best = '\t';
  let most = 0;
  for (const [d, n] of counts) {
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** Cells or headers quoted language by language: « Nom », « Prénom » / "Nom", "Prénom". */
export function quoted(list: readonly string[]): Text {
  return tx(list.map((c) => `« ${c} »`).join(', '), list.map((c) => `"${c}"`).join(', '));
}

function delimiterName(d: string): Text {
  if (d === '\t') return tx('(tabulation)', '(tab)');
  return tx(`« ${d} »`, `"${d}"`);
}

function cellsOf(record: unknown): string[] | null {
  return Array.isArray(record) && record.every((c): c is string => typeof c === 'string') ? record : null;
}

/** Byte offset (in the UTF-8 buffer) → 1-based line. A newline byte never occurs inside a UTF-8 sequence. */
function lineIndex(buf: Buffer): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
