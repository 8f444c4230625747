/**
 * An attendee file, whatever the secretariat saved: a CSV (in the encodings of csv.ts), an
 * `.xlsx` or an `.ods` workbook. The bytes decide, not the name: a workbook renamed `.csv`
 * is still read as a workbook, and an old `.xls` or a Word file gets a word of its own.
 * The workbook reader (fflate, fast-xml-parser, numfmt) loads only when a workbook is read.
 */
import type { Place } from '../diagnostics/types.js';
import { tx, type Text } from '../i18n.js';
import type { Problem } from '../diagnostics/types.js';
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
  const refuse = (message: Text): AttendeeFileResult => ({ people: [], problems: [{ rule: 'syntax/spreadsheet', message, place: whole }] });
  const kind = sniffWorkbook(bytes);
  if (kind === 'ole') {
    return refuse(
      tx(
        `Ce fichier est un ancien classeur Excel (.xls, Excel 97-2003) ou un classeur protégé par un mot de passe, que coop ne lit pas : ${SAVE_AS.fr}, sans mot de passe.`,
        `This file is an old Excel workbook (.xls, Excel 97-2003) or a password-protected workbook, which coop does not read: ${SAVE_AS.en}, without a password.`,
      ),
    );
  }
  if (kind === 'other-office') {
    return refuse(
      tx(
        `Ce fichier est un document bureautique (traitement de texte, présentation ou classeur binaire .xlsb), pas un classeur .xlsx ou .ods : ${SAVE_AS.fr}.`,
        `This file is an office document (word processor, presentation or binary .xlsb workbook), not an .xlsx or .ods workbook: ${SAVE_AS.en}.`,
      ),
    );
  }
  if (kind === 'zip')
    return refuse(tx(`Ce fichier est une archive zip, pas une liste : ${SAVE_AS.fr}.`, `This file is a zip archive, not a list: ${SAVE_AS.en}.`));
  if (kind === null) {
    const csv = readAttendeesCsv(bytes, file, display, opts.nameOrder);
    if (opts.sheet !== null && opts.sheetPlace) {
      csv.problems.push({
        rule: 'schema/invalid',
        message: tx(
          '`sheet` ne s’applique qu’à un classeur (.xlsx, .ods) : ce fichier est un CSV, qui n’a qu’une feuille.',
          '`sheet` applies only to a workbook (.xlsx, .ods): this file is a CSV, which has a single sheet.',
        ),
        note: tx('Retirez la clé `sheet`.', 'Remove the `sheet` key.'),
        place: opts.sheetPlace,
      });
    }
    return csv;
  }
  const { readWorkbook } = await import('./workbook.js'); // only for a workbook: fflate, fast-xml-parser, numfmt
  const wb = readWorkbook(bytes, kind, { sheet: opts.sheet, locale: opts.locale, maxBytes: opts.maxBytes, maxCells: opts.maxCells });
  if ('problem' in wb) {
    const place = wb.row ? { file: display, line: wb.row, column: wb.col ?? 1, endLine: wb.row, endColumn: (wb.col ?? 1) + 1 } : whole;
    return { people: [], problems: [{ rule: wb.rule, message: wb.problem, place }] };
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
          message:
            typeof wb.unknownSheet === 'number'
              ? tx(
                  `Le classeur n’a pas de feuille n° ${wanted} : il en a ${n} (${list.fr}).`,
                  `The workbook has no sheet number ${wanted}: it has ${n} (${list.en}).`,
                )
              : tx(
                  `Le classeur n’a pas de feuille « ${wanted} » : ses feuilles sont ${list.fr}.`,
                  `The workbook has no sheet "${wanted}": its sheets are ${list.en}.`,
                ),
          ...(guess ? { note: tx(`Vouliez-vous dire « ${guess} » ?`, `Did you mean "${guess}"?`) } : {}),
          place: opts.sheetPlace ?? opts.filePlace,
        },
      ],
    };
  }
  const { readAttendeesSheet } = await import('./sheet.js');
  const { people, problems } = readAttendeesSheet(wb.rows, wb.name, display, opts.nameOrder);
  return { people, problems, workbook: { format: wb.format, sheet: wb.name } };
}
