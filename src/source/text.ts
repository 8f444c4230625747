import { tx } from '../i18n.js';
import { stageMessage, type Messages, type Said } from '../diagnostics/types.js';

/** The messages of `syntax/encoding` for an event, minutes or template file. */
export const textMessages = {
  utf16: tx(
    'Le fichier est encodé en UTF-16 : enregistrez-le en UTF-8 (dans la plupart des éditeurs : « Enregistrer sous », encodage « UTF-8 »).',
    'The file is UTF-16 encoded: save it as UTF-8 (in most editors: "Save as", encoding "UTF-8").',
  ),
  binary: tx(
    'Le fichier est binaire (il contient des octets NUL), pas un texte : du YAML ou du Markdown en UTF-8 est attendu.',
    'The file is binary (it contains NUL bytes), not a text file: expected YAML or Markdown text in UTF-8.',
  ),
  notUtf8: tx(
    'Le fichier n’est pas en UTF-8 valide (sans doute Latin-1 / Windows-1252, comme l’enregistrent d’anciennes versions de Word ou Excel) : enregistrez-le en UTF-8.',
    'The file is not valid UTF-8 (probably Latin-1 / Windows-1252, as older Word or Excel versions save it): save it as UTF-8.',
  ),
} satisfies Messages;

const said = (id: keyof typeof textMessages) => stageMessage('syntax/encoding', textMessages, id);

/** Bytes to text: UTF-8 (BOM removed), with a clear word for other encodings instead of mojibake. */
export function decodeText(bytes: Uint8Array): { text: string; problem?: undefined } | { text?: undefined; problem: Said } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      problem: said('utf16'),
    };
  }
  if (bytes.includes(0)) {
    return {
      problem: said('binary'),
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      problem: said('notUtf8'),
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: normalizeNewlines(text) };
}

/**
 * CRLF (Windows) and bare CR (classic Mac OS, some spreadsheet exports) become LF, so that
 * every reader (YAML, Markdown) counts the same lines the user's editor shows.
 */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
