/** Bytes to text: UTF-8 (BOM removed), with a clear word for other encodings instead of mojibake. */
export function decodeText(bytes: Uint8Array): { text: string; problem?: undefined } | { text?: undefined; problem: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { problem: 'The file is UTF-16 encoded: save it as UTF-8 (in most editors: "Save as", encoding "UTF-8").' };
  }
  if (bytes.includes(0)) {
    return { problem: 'The file is binary (it contains NUL bytes), not a text file: expected YAML or Markdown text in UTF-8.' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      problem:
        'The file is not valid UTF-8 (probably Latin-1 / Windows-1252, as older Word or Excel versions save it): save it as UTF-8.',
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}
