/** Read a PDF back with pdfjs-dist (no system tool): text per page, fonts, metadata. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  size: number;
  y: number;
}

export interface PdfFacts {
  pages: number;
  text: string[];
  /** Positioned text items per page (size from the text matrix, y from the bottom). */
  items: TextItem[][];
  /** Page sizes in points. */
  sizes: Array<[number, number]>;
  fonts: Array<{ name: string; embedded: boolean }>;
  info: Record<string, unknown>;
  outline: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const text: string[] = [];
  const items: TextItem[][] = [];
  const sizes: Array<[number, number]> = [];
  const fonts = new Map<string, boolean>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    items.push(
      content.items.flatMap((it) =>
        'str' in it && it.str.trim() ? [{ str: it.str, size: Math.hypot(it.transform[0], it.transform[1]), y: it.transform[5] }] : [],
      ),
    );
    const [, , w, h] = page.view;
    sizes.push([w, h]);
    const ops = await page.getOperatorList();
    void ops;
    for (const name of Object.keys(content.styles)) {
      const font = page.commonObjs.has(name) ? (page.commonObjs.get(name) as { name?: string; missingFile?: boolean }) : undefined;
      if (font?.name) fonts.set(font.name, !font.missingFile);
    }
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).flatMap(function flat(o: { title: string; items: unknown[] }): string[] {
    return [o.title, ...(o.items as Array<{ title: string; items: unknown[] }>).flatMap(flat)];
  });
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text, items, sizes, fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })), info: meta.info as Record<string, unknown>, outline };
}
