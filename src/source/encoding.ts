/**
 * The text of a spreadsheet export (an attendee CSV): UTF-8 first, then what spreadsheets in
 * France actually write — Windows-1252 (Excel's "CSV (séparateur : point-virgule)"),
 * ISO-8859-15 (older LibreOffice and Unix tools) and UTF-16 with a byte order mark (Excel's
 * "Texte Unicode"). A legacy encoding is used only when the bytes read as plausible Western
 * European text in it; anything else is refused in plain words, never turned into mojibake.
 */
import { createRequire } from 'node:module';
import { tx, type Text } from '../i18n.js';
import { formatMessage, stageMessage, type Messages, type Said } from '../diagnostics/types.js';

export type SheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15';

export type Decoded = { text: string; encoding: SheetEncoding; problem?: undefined } | { text?: undefined; problem: Said; line: number };

/** How each encoding is named to the user. */
export const encodingName: Record<SheetEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
  'iso-8859-15': 'ISO-8859-15',
};

/** iconv-lite, loaded only for a file that is not UTF-8 (Node's own TextDecoder reads windows-1252 as Latin-1). */
let iconv: typeof import('iconv-lite') | undefined;
function decode(bytes: Uint8Array, encoding: string): string {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Bytes 0x80–0x9F that Windows-1252 leaves undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Signs that occur in French (and Western European) lists besides letters. Left out on
 * purpose: ¤ ¦ ¨ ´ ¸ ¼ ½ ¾, which are the bytes where ISO-8859-15 has € Š š Ž ž Œ œ Ÿ, so
 * that "c½ur" is read as ISO-8859-15's "cœur", not as Windows-1252.
 */
const SIGNS = new Set([...'€‚„…†‡‰‹›‘’“”•–—™ˆ˜\u00a0¡¢£¥§©«¬\u00ad®¯°±²³µ¶·¹»¿×÷']);

/**
 * Whether a legacy decoding reads as Western European text: every non-ASCII character a
 * letter or a usual sign, and never more than two non-ASCII letters in a row (French,
 * Spanish, German or Portuguese words have at most two — "créée", "Größe", "ção"; text in
 * another script decoded as Windows-1252, Cyrillic or Chinese, is whole words of them).
 */
function plausible(text: string): boolean {
  let run = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) {
      if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') return false;
      run = 0;
      continue;
    }
    if (/\p{L}/u.test(c)) {
      if (++run > 2) return false;
    } else if (SIGNS.has(c)) run = 0;
    else return false;
  }
  return true;
}

/**
 * UTF-8 sequences for accented letters, typographic quotes and € inside bytes that are not
 * valid UTF-8 as a whole: a file edited with two tools, part UTF-8 and part Windows-1252.
 * Decoding it either way would garble one part.
 */
const UTF8_INSIDE = /\xc3[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xe2\x80[\x93\x94\x98\x99\x9c\x9d\xa6]|\xe2\x82\xac/;

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

const SAVE_AS_UTF8 = tx(
  'enregistrez-le au format « CSV UTF-8 (délimité par des virgules) » (Excel) ou « Texte CSV » avec le jeu de caractères « Unicode (UTF-8) » (LibreOffice)',
  'save it as "CSV UTF-8 (Comma delimited)" (Excel) or "Text CSV" with the character set "Unicode (UTF-8)" (LibreOffice)',
);

/**
 * The messages of an attendee CSV: `syntax/encoding` when it cannot be read ({saveAs}: how to
 * save it as UTF-8), `attendees/encoding` when it was read in another encoding.
 */
export const sheetEncodingMessages = {
  notUtf16: tx(
    'Le fichier commence comme un texte UTF-16 mais n’en est pas un (ligne {line}) : {saveAs}.',
    'The file starts like UTF-16 text but is not (line {line}): {saveAs}.',
  ),
  binarySheet: tx(
    'Le fichier est binaire (octet NUL, ligne {line}), pas un texte CSV : {saveAs}, ou indiquez directement un classeur .xlsx ou .ods.',
    'The file is binary (a NUL byte, line {line}), not CSV text: {saveAs}, or name an .xlsx or .ods workbook directly.',
  ),
  mixedEncodings: tx(
    'Le fichier mêle de l’UTF-8 et un autre encodage (octet {byte} ligne {line}, qui n’est pas de l’UTF-8) : il a sans doute été modifié avec deux outils. Ouvrez-le dans un tableur, vérifiez les accents de cette ligne, puis {saveAs}.',
    'The file mixes UTF-8 with another encoding (byte {byte} on line {line} is not UTF-8): it was probably edited with two tools. Open it in a spreadsheet, check the accents on that line, then {saveAs}.',
  ),
  unknownEncoding: tx(
    'Le fichier n’est pas en UTF-8 (octet {byte} ligne {line}), et ne se lit pas non plus comme du Windows-1252 ou de l’ISO-8859-15 (sans doute un autre alphabet ou un autre encodage) : {saveAs}.',
    'The file is not UTF-8 (byte {byte} on line {line}), nor does it read as Windows-1252 or ISO-8859-15 (probably another script or encoding): {saveAs}.',
  ),
  readAs: tx(
    'Fichier lu comme {encoding}{why}, pas UTF-8 : vérifiez les accents d’un nom ou deux dans les documents.',
    'File read as {encoding}{why}, not UTF-8: check the accents of a name or two in the documents.',
  ),
  saveAsUtf8: tx('Pour lever toute ambiguïté, {saveAs}.', 'To remove any doubt, {saveAs}.'),
} satisfies Messages;

/** A CSV that cannot be read: the message, with the line of the first bad byte. */
function unreadable(id: 'notUtf16' | 'binarySheet' | 'mixedEncodings' | 'unknownEncoding', line: number, byte?: number): { problem: Said; line: number } {
  const data = { line: String(line), saveAs: SAVE_AS_UTF8, ...(byte === undefined ? {} : { byte: hex(byte) }) };
  return { problem: stageMessage('syntax/encoding', sheetEncodingMessages, id, data), line };
}

/** Decode the bytes of a CSV export, or say why not (with the line of the first bad byte). */
export function decodeSheetText(bytes: Uint8Array): Decoded {
  // UTF-16 with a byte order mark: Excel's "Texte Unicode (*.txt)", tab-separated.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = bytes.length % 2 === 0 ? decode(bytes.subarray(2), encoding) : null;
    // A NUL, a control character or a lone surrogate: not UTF-16 text after all.
    const bad = text === null ? 0 : text.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]|\p{Cs}/u);
    if (text === null || bad >= 0) {
      const line = text === null ? 1 : text.slice(0, bad).split('\n').length;
      return unreadable('notUtf16', line);
    }
    return { text, encoding };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAt(bytes, nul);
    return unreadable('binarySheet', line);
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const invalid = firstInvalidUtf8(bytes);
  if (invalid < 0) {
    const text = new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  }
  const line = lineAt(bytes, invalid);
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (bom || UTF8_INSIDE.test(latin1)) {
    return unreadable('mixedEncodings', line, bytes[invalid]);
  }
  const has1252Only = bytes.some((b) => b >= 0x80 && b <= 0x9f);
  const undefined1252 = bytes.some((b) => UNDEFINED_1252.has(b));
  if (!undefined1252) {
    const text = decode(bytes, 'windows-1252');
    if (plausible(text)) return { text, encoding: 'windows-1252' };
  }
  if (!has1252Only) {
    const text = decode(bytes, 'iso-8859-15');
    if (plausible(text)) return { text, encoding: 'iso-8859-15' };
  }
  return unreadable('unknownEncoding', line, bytes[invalid]);
}

/** The info said when a CSV was not UTF-8: which encoding was used, and how to avoid the guess. */
export function encodingInfo(encoding: SheetEncoding): Said & { note: Text } {
  const name = encodingName[encoding];
  const why =
    encoding === 'windows-1252'
      ? tx(' (l’encodage du « CSV (séparateur : point-virgule) » d’Excel)', ' (the encoding of Excel\'s "CSV (semicolon delimited)")')
      : encoding === 'iso-8859-15'
        ? tx(' (Latin-9, avec € et œ)', ' (Latin-9, with € and œ)')
        : tx(' avec indicateur d’ordre des octets (le « Texte Unicode » d’Excel)', ' with a byte order mark (Excel\'s "Unicode Text")');
  return {
    ...stageMessage('attendees/encoding', sheetEncodingMessages, 'readAs', { encoding: name, why }),
    note: formatMessage('attendees/encoding', sheetEncodingMessages, { messageId: 'saveAsUtf8', data: { saveAs: SAVE_AS_UTF8 } }),
  };
}
