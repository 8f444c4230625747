/**
 * The messages of attendee files (CSV, .xlsx, .ods), by rule. {saveAs}: how to save the list in
 * a format coop reads; lists of columns and sheets are quoted language by language
 * (« Nom », "Nom").
 */
import type { Messages } from '../diagnostics/types.js';
import { tx } from '../i18n.js';

/** `schema/invalid`: rows and headers that cannot be read, a `sheet:` given for a CSV. */
export const attendeeMessages = {
  csvUnreadable: tx('Fichier CSV illisible : {error}', 'Unreadable CSV file: {error}'),
  rowCells: tx(
    'La ligne a {cells}, alors que l’en-tête (ligne {headerLine}) en a {expected} : la ligne est ignorée.',
    'The row has {cells} but the header (line {headerLine}) has {expected}: the row is skipped.',
  ),
  separatorInValue: tx(
    'Une valeur contient sans doute le séparateur {separator} : mettez-la entre guillemets droits ("…").',
    'A value probably contains the separator {separator}: put it between straight double quotes ("…").',
  ),
  missingSeparators: tx(
    'Il manque {missing} {separator} : une cellule vide s’écrit aussi (par exemple « DUPONT;Jean;;CUF »).',
    '{missing} missing ({separator}): an empty cell is written too (e.g. "DUPONT;Jean;;CUF").',
  ),
  quoteNotClosed: tx(
    'Un guillemet ouvert sur cette ligne n’est jamais refermé : la fin du fichier, à partir de cette ligne, est ignorée.',
    'A quote opened on this line is never closed: the rest of the file, from this line on, is skipped.',
  ),
  doubleQuotes: tx(
    'Dans une cellule entre guillemets, un guillemet s’écrit doublé ("") ; vérifiez la fin de la cellule.',
    'Inside a quoted cell, a quote is written doubled (""); check where the cell ends.',
  ),
  csvRowUnreadable: tx('Ligne CSV illisible, ignorée : {error}', 'Unreadable CSV row, skipped: {error}'),
  noNameColumn: tx(
    'Aucune colonne de nom dans l’en-tête (colonnes trouvées : {found}) : une colonne « Nom » (ou « name »), ou « Prénom » et « Nom de famille », est attendue.',
    'No name column in the header (found: {found}): expected a "name" (or "Nom") column, or "given" and "family".',
  ),
  headerFirst: tx(
    'La première ligne du fichier doit être l’en-tête, par exemple « Nom;Prénom;Fonction;Organisme;Courriel » : supprimez les lignes de titre au-dessus.',
    'The first line of the file must be the header, e.g. "name,given,role,org,email": remove any title rows above it.',
  ),
  rowWithoutName: tx('Ligne sans nom (colonne {columns} vide) : la ligne est ignorée.', 'Row without a name ({columns} empty): the row is skipped.'),
  csvEmpty: tx(
    'Le fichier CSV des participants est vide : une ligne d’en-tête (par exemple « Nom;Prénom;Fonction;Organisme;Courriel ») puis une ligne par personne sont attendues.',
    'The attendee CSV file is empty: expected a header row (e.g. "name,given,role,org,email"), then one row per person.',
  ),
  // A workbook's sheet ({sheet}: its name; {cell}: B7).
  sheetEmpty: tx(
    'Feuille « {sheet} », cellule {cell} : la feuille est vide : une ligne d’en-tête (par exemple « Nom | Prénom | Fonction | Organisme | Courriel ») puis une ligne par personne sont attendues.',
    'Sheet "{sheet}", cell {cell}: the sheet is empty: expected a header row (e.g. "name | given | role | org | email"), then one row per person.',
  ),
  sheetNoNameColumn: tx(
    'Feuille « {sheet} », cellule {cell} : aucune colonne de nom dans l’en-tête (colonnes trouvées : {found}) : une colonne « Nom » (ou « name »), ou « Prénom » et « Nom de famille », est attendue.',
    'Sheet "{sheet}", cell {cell}: no name column in the header (found: {found}): expected a "name" (or "Nom") column, or "given" and "family".',
  ),
  sheetHeaderFirst: tx(
    'L’en-tête doit figurer dans les {rows} premières lignes remplies de la feuille, par exemple « Nom | Prénom | Fonction | Organisme | Courriel ».',
    'The header must be within the first {rows} filled rows of the sheet, e.g. "name | given | role | org | email".',
  ),
  sheetRowWithoutName: tx(
    'Feuille « {sheet} », cellule {cell} : ligne sans nom (colonne {columns} vide) : la ligne est ignorée.',
    'Sheet "{sheet}", cell {cell}: row without a name ({columns} empty): the row is skipped.',
  ),
  noVisibleName: tx(
    'Ligne sans nom visible (seulement des espaces, des caractères invisibles ou de contrôle) : la ligne est ignorée.',
    'Row without a visible name (only spaces, invisible or control characters): the row is skipped.',
  ),
  sheetOnCsv: tx(
    '`sheet` ne s’applique qu’à un classeur (.xlsx, .ods) : ce fichier est un CSV, qui n’a qu’une feuille.',
    '`sheet` applies only to a workbook (.xlsx, .ods): this file is a CSV, which has a single sheet.',
  ),
  removeSheet: tx('Retirez la clé `sheet`.', 'Remove the `sheet` key.'),
} satisfies Messages;

/** `syntax/spreadsheet`: a file that is no workbook coop reads, or a damaged one. */
export const spreadsheetMessages = {
  oldExcel: tx(
    'Ce fichier est un ancien classeur Excel (.xls, Excel 97-2003) ou un classeur protégé par un mot de passe, que coop ne lit pas : {saveAs}, sans mot de passe.',
    'This file is an old Excel workbook (.xls, Excel 97-2003) or a password-protected workbook, which coop does not read: {saveAs}, without a password.',
  ),
  officeDocument: tx(
    'Ce fichier est un document bureautique (traitement de texte, présentation ou classeur binaire .xlsb), pas un classeur .xlsx ou .ods : {saveAs}.',
    'This file is an office document (word processor, presentation or binary .xlsb workbook), not an .xlsx or .ods workbook: {saveAs}.',
  ),
  zipArchive: tx('Ce fichier est une archive zip, pas une liste : {saveAs}.', 'This file is a zip archive, not a list: {saveAs}.'),
  zipUnreadable: tx(
    'Le classeur est endommagé (archive zip illisible : {error}) : ouvrez-le dans le tableur et enregistrez-le à nouveau.',
    'The workbook is damaged (unreadable zip archive: {error}): open it in the spreadsheet program and save it again.',
  ),
  partWrongSize: tx(
    'Le classeur est endommagé (la partie {part} n’a pas la taille annoncée) : enregistrez-le à nouveau.',
    'The workbook is damaged (part {part} is not the size it claims): save it again.',
  ),
  forbiddenXml: tx(
    'Le classeur contient une déclaration XML interdite (DOCTYPE dans {part}) : enregistrez-le à nouveau depuis le tableur.',
    'The workbook holds a forbidden XML declaration (DOCTYPE in {part}): save it again from the spreadsheet program.',
  ),
  xmlUnreadable: tx('Le classeur est endommagé ({part} : XML illisible, {error}).', 'The workbook is damaged ({part}: unreadable XML, {error}).'),
  noWorkbookPart: tx(
    'Le classeur .xlsx n’a pas de partie « workbook.xml » : il est endommagé ou n’est pas un classeur Excel.',
    'The .xlsx workbook has no "workbook.xml" part: it is damaged or not an Excel workbook.',
  ),
  noSheet: tx('Le classeur ne contient aucune feuille.', 'The workbook has no sheet.'),
  sheetMissing: tx(
    'La feuille « {sheet} » est introuvable dans le classeur : il est endommagé.',
    'Sheet "{sheet}" is missing from the workbook: it is damaged.',
  ),
  passwordProtected: tx(
    'Le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe.',
    'The workbook is protected by a password: save a copy without one.',
  ),
  noContentPart: tx('Le classeur .ods n’a pas de partie « content.xml » : il est endommagé.', 'The .ods workbook has no "content.xml" part: it is damaged.'),
} satisfies Messages;

/** `syntax/size`: a workbook or a list past coop's bounds. */
export const attendeeSizeMessages = {
  inflatesTooMuch: tx(
    'Le classeur se décompresse en plus de {mb} Mo : trop pour une liste de participants (ou une archive piégée). Gardez la seule feuille des inscrits, ou enregistrez-la en CSV UTF-8.',
    'The workbook inflates to more than {mb} MB: too much for an attendee list (or a booby-trapped archive). Keep only the attendee sheet, or save it as CSV UTF-8.',
  ),
  tooManyCells: tx(
    'La feuille a plus de {max} cellules remplies : trop pour une liste de participants. Gardez les seules colonnes utiles, ou enregistrez la feuille en CSV UTF-8.',
    'The sheet has more than {max} filled cells: too many for an attendee list. Keep only the useful columns, or save the sheet as CSV UTF-8.',
  ),
  tooManyAttendees: tx(
    'Plus de {max} participants ({count}) : c’est la limite de coop, au-delà de laquelle les listes, la feuille d’émargement et les badges coûteraient des minutes et des gigaoctets (COOP_MAX_ATTENDEES relève la limite).',
    "More than {max} attendees ({count}): coop's limit, past which the lists, the sign-in sheet and the badges would take minutes and gigabytes (COOP_MAX_ATTENDEES raises the limit).",
  ),
} satisfies Messages;

/** `ref/unknown`: a `sheet:` that names no sheet of the workbook ({sheets}: its sheets, quoted). */
export const sheetChoiceMessages = {
  noSheetNumber: tx(
    'Le classeur n’a pas de feuille n° {number} : il en a {count} ({sheets}).',
    'The workbook has no sheet number {number}: it has {count} ({sheets}).',
  ),
  noSheetNamed: tx('Le classeur n’a pas de feuille « {sheet} » : ses feuilles sont {sheets}.', 'The workbook has no sheet "{sheet}": its sheets are {sheets}.'),
  sheetGuess: tx('Vouliez-vous dire « {guess} » ?', 'Did you mean "{guess}"?'),
} satisfies Messages;
