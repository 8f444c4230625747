/**
 * What kind of file an attendee list is, from its first bytes: a CSV, an xlsx or ods workbook,
 * another office document, a zip, an old binary workbook. Apart from workbook.ts so that a CSV
 * list (the common case) never loads the workbook readers (fflate, fast-xml-parser, numfmt).
 */

/** What a zip holds: an xlsx workbook, an ODF spreadsheet, another ODF/OOXML document, or something else. */
export function sniffWorkbook(bytes: Uint8Array): 'xlsx' | 'ods' | 'other-office' | 'zip' | 'ole' | null {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return null;
  // ODF stores `mimetype` first and uncompressed; its name and content sit at fixed offsets.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
  if (head.slice(30, 38) === 'mimetype') {
    return head.includes('application/vnd.oasis.opendocument.spreadsheet') ? 'ods' : 'other-office';
  }
  // OOXML: look for the workbook part among the entry names (the central directory is at the end).
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (tail.includes('xl/workbook.xml') || tail.includes('xl/workbook.bin'))
    return tail.includes('xl/workbook.bin') && !tail.includes('xl/workbook.xml') ? 'other-office' : 'xlsx';
  if (tail.includes('word/document.xml') || tail.includes('ppt/presentation.xml') || tail.includes('content.xml')) return 'other-office';
  return 'zip';
}
