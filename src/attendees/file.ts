/**
 * An attendee file, whatever the secretariat saved: a CSV (in the encodings of csv.ts), an
 * `.xlsx` or an `.ods` workbook. The bytes decide, not the name: a workbook renamed `.csv`
 * is still read as a workbook, and an old `.xls` or a Word file gets a word of its own.
 * The workbook reader (fflate, fast-xml-parser, numfmt) loads only when a workbook is read.
 */
import { formatMessage, stageMessage, type Place, type Problem, type Said } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import { attendeeMessages, sheetChoiceMessages, spreadsheetMessages } from './messages.js';
import { closest } from '../util/suggest.js';
import { readAttendeesCsv, type CsvPerson, type NameOrder } from './csv.js';
import { sniffWorkbook } from './sniff.js';

export interface AttendeeFileOptions {
  /** `sheet:` as written, and where. */
  sheet: string | number | null;
  sheetPlace: Place | null;
  /** The place of the `file:` entry, for problems about the file as a whole. */
  filePlace: Place;
  locale: 'fr' | 'en';
  /** `name_order:` of the file entry: how two name columns print. */
  nameOrder?: NameOrder;
  /** Bounds for workbooks (see workbook.ts). */
  maxBytes: number;
  maxCells: number;
}

export interface AttendeeFileResult {
  people: CsvPerson[];
  problems: Problem[];
  /** The decoded text of a CSV, for the excerpt under a diagnostic. */
  text?: string;
  /** For a workbook: its format and the sheet read. */
  workbook?: { format: 'xlsx' | 'ods'; sheet: string };
}

const SAVE_AS = tx(
  'enregistrez la liste au format .xlsx (Classeur Excel), .ods ou « CSV UTF-8 »',
  'save the list as .xlsx (Excel Workbook), .ods or "CSV UTF-8"',
);

export async function readAttendeeFile(bytes: Uint8Array, file: string, display: string, opts: AttendeeFileOptions): Promise<AttendeeFileResult> {
  const whole: Place = { file: display, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const refuse = (id: 'oldExcel' | 'officeDocument' | 'zipArchive'): AttendeeFileResult => {
    const said: Said = stageMessage('syntax/spreadsheet', spreadsheetMessages, id, { saveAs: SAVE_AS });
    return { people: [], problems: [{ rule: 'syntax/spreadsheet', ...said, place: whole }] };
  };
  const kind = sniffWorkbook(bytes);
  if (kind === 'ole') {
    return refuse('oldExcel');
  }
  if (kind === 'other-office') {
    return refuse('officeDocument');
  }
  if (kind === 'zip') return refuse('zipArchive');
  if (kind === null) {
    const csv = readAttendeesCsv(bytes, file, display, opts.nameOrder);
    if (opts.sheet !== null && opts.sheetPlace) {
      csv.problems.push({
        rule: 'schema/invalid',
        ...stageMessage('schema/invalid', attendeeMessages, 'sheetOnCsv'),
        note: attendeeMessages.removeSheet,
        place: opts.sheetPlace,
      });
    }
    return csv;
  }
  const { readWorkbook } = await import('./workbook.js'); // only for a workbook: fflate, fast-xml-parser, numfmt
  const wb = readWorkbook(bytes, kind, { sheet: opts.sheet, locale: opts.locale, maxBytes: opts.maxBytes, maxCells: opts.maxCells });
  if ('problem' in wb) {
    const place = wb.row ? { file: display, line: wb.row, column: wb.col ?? 1, endLine: wb.row, endColumn: (wb.col ?? 1) + 1 } : whole;
    return { people: [], problems: [{ rule: wb.rule, ...wb.problem, place }] };
  }
  if ('unknownSheet' in wb) {
    const wanted = String(wb.unknownSheet);
    const guess = typeof wb.unknownSheet === 'string' ? closest(wanted, wb.sheets) : undefined;
    const list = { fr: wb.sheets.map((s) => `« ${s} »`).join(', '), en: wb.sheets.map((s) => `"${s}"`).join(', ') };
    const n = wb.sheets.length;
    return {
      people: [],
      problems: [
        {
          rule: 'ref/unknown',
          ...(typeof wb.unknownSheet === 'number'
            ? stageMessage('ref/unknown', sheetChoiceMessages, 'noSheetNumber', { number: wanted, count: String(n), sheets: list })
            : stageMessage('ref/unknown', sheetChoiceMessages, 'noSheetNamed', { sheet: wanted, sheets: list })),
          ...(guess ? { note: formatMessage('ref/unknown', sheetChoiceMessages, { messageId: 'sheetGuess', data: { guess } }) } : {}),
          place: opts.sheetPlace ?? opts.filePlace,
        },
      ],
    };
  }
  const { readAttendeesSheet } = await import('./sheet.js');
  const { people, problems } = readAttendeesSheet(wb.rows, wb.name, display, opts.nameOrder);
  return { people, problems, workbook: { format: wb.format, sheet: wb.name } };
}
