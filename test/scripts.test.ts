import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fontFiles, type FontKey } from '../src/render/pdf/fonts.js';
import {
  drawParagraph,
  fallbackFonts,
  familyOf,
  hasGlyph,
  layoutParagraph,
  lineExtents,
  measureParagraph,
  MISSING,
  needsBidi,
  needsScriptLayout,
  paragraphDirection,
  splitRuns,
  unsupportedChars,
  type DrawRun,
  type LayoutRun,
  type SplitOptions,
} from '../src/render/pdf/scripts.js';
import { readPdf, type PdfFacts } from './pdf-read.js';

const run = (text: string, font: FontKey = 'regular') => ({ text, font, size: 10, color: '#111111', link: null as string | null });
const split = (text: string, font: FontKey = 'regular', options?: SplitOptions) => splitRuns(run(text, font), options).map((r) => [r.text, r.font]);

const FRENCH = 'Réunion du bureau : l’œuvre coûte 12 € — « ça va ».';
const CHINESE = '上海市人民政府外事办公室';
const JAPANESE = '東京都 あいうえお';
const ARABIC = 'مدينة الرباط';
const MIXED = 'Réunion à الرباط le 3 mars';
const SAMPLES = [FRENCH, CHINESE, JAPANESE, ARABIC, MIXED, 'مرحبا بالعالم', '「会議」、ＡＢＣ１２。', 'Ελληνικά и кириллица', 'שלום עולם', 'ممثلي الاجتماع (المغرب) ١٢، ۱۲'];

describe('splitRuns: font fallback by script', () => {
  it('keeps Latin text with accents, œ, ’ and € in one Latin run, in the run’s style', () => {
    expect(split(FRENCH)).toEqual([[FRENCH, 'regular']]);
    expect(split(FRENCH, 'bolditalic')).toEqual([[FRENCH, 'bolditalic']]);
    const [r] = splitRuns(run(FRENCH));
    expect(r).toMatchObject({ family: 'latin', rtl: false, style: 'regular', size: 10, color: '#111111', link: null });
  });

  it('sends Han, kana, CJK punctuation and full-width forms to Noto Sans SC (bold kept, italic upright)', () => {
    expect(split(CHINESE)).toEqual([[CHINESE, 'cjk']]);
    expect(split(JAPANESE)).toEqual([[JAPANESE, 'cjk']]);
    expect(split('「会議」、ＡＢＣ１２。')).toEqual([['「会議」、ＡＢＣ１２。', 'cjk']]);
    expect(split(CHINESE, 'bold')).toEqual([[CHINESE, 'cjk-bold']]);
    expect(split(CHINESE, 'italic')).toEqual([[CHINESE, 'cjk']]);
    expect(split(CHINESE, 'bolditalic')).toEqual([[CHINESE, 'cjk-bold']]);
  });

  it('sends Arabic to Noto Sans Arabic and marks it right-to-left', () => {
    expect(split(ARABIC)).toEqual([[ARABIC, 'arabic']]);
    expect(split(ARABIC, 'bold')).toEqual([[ARABIC, 'arabic-bold']]);
    expect(splitRuns(run(ARABIC))[0]).toMatchObject({ family: 'arabic', rtl: true });
    // Arabic punctuation and Arabic-Indic digits stay in the Arabic run.
    expect(split('القاعة ١٢، ۱۲؟')).toEqual([['القاعة ١٢، ۱۲؟', 'arabic']]);
  });

  it('splits mixed text only where the font changes; neutral characters join the run before them', () => {
    expect(split(MIXED)).toEqual([
      ['Réunion à ', 'regular'],
      ['الرباط ', 'arabic'],
      ['le 3 mars', 'regular'],
    ]);
    expect(split('中文 abc')).toEqual([
      ['中文 ', 'cjk'],
      ['abc', 'regular'],
    ]);
    expect(split('abc 中文')).toEqual([
      ['abc ', 'regular'],
      ['中文', 'cjk'],
    ]);
    // Digits, spaces, ASCII punctuation: no split; at the start they join the run after them.
    expect(split('(2025) 年3月, 第1号')).toEqual([['(2025) 年3月, 第1号', 'cjk']]);
    expect(split('Salle 12 (3e étage) : 9h-10h')).toEqual([['Salle 12 (3e étage) : 9h-10h', 'regular']]);
    // Non-ASCII punctuation is drawn by the Latin font (Noto Sans SC has no U+202F).
    expect(split('« 中文 »')).toEqual([
      ['« ', 'regular'],
      ['中文 ', 'cjk'],
      ['»', 'regular'],
    ]);
    expect(split('Tokyo\u202f: 東京')).toEqual([
      ['Tokyo\u202f: ', 'regular'],
      ['東京', 'cjk'],
    ]);
  });

  it('splits Hebrew from Latin (same font, other direction)', () => {
    expect(splitRuns(run('abc שלום')).map((r) => [r.text, r.font, r.rtl])).toEqual([
      ['abc ', 'regular', false],
      ['שלום', 'regular', true],
    ]);
  });

  it('prints U+FFFD (not an empty box) for scripts no bundled font has, and lists them', () => {
    expect(split('회의 Séoul')).toEqual([[`${MISSING}${MISSING} Séoul`, 'regular']]);
    expect(unsupportedChars('회의 Séoul 🎉 東京')).toEqual(['회', '의', '🎉']);
    expect(familyOf('한'.codePointAt(0)!)).toBe('none');
    // Noto Sans SC lacks the newest ideographs: the ranges alone cannot know, `has` can.
    const rare = '\u9ff0\u{20000}';
    expect(split(rare)).toEqual([[rare, 'cjk']]);
    expect(split(`中${rare}`, 'regular', { has: hasGlyph })).toEqual([
      ['中', 'cjk'],
      [`${MISSING}${MISSING}`, 'regular'],
    ]);
  });

  it('optionally draws Arabic words DejaVu covers with DejaVu (exact text extraction), others with Noto', () => {
    expect(split('ممثلي الرباط', 'regular', { arabicFont: 'dejavu' })).toEqual([['ممثلي الرباط', 'regular']]);
    expect(split('ممثلي', 'bolditalic', { arabicFont: 'dejavu' })).toEqual([['ممثلي', 'bold']]);
    // Urdu ہ (U+06C1) is not in DejaVu: that word stays in Noto Sans Arabic.
    expect(split('ہم', 'regular', { arabicFont: 'dejavu' })).toEqual([['ہم', 'arabic']]);
  });

  it('loses nothing: the sub-runs put back together give the text', () => {
    const alphabet = fc.constantFrom(...'aé œ’€ 12,.()«»中文東京あア。、「」Ａمدينةالرباطبـ١٢؟של\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.constantFrom<FontKey>('regular', 'bold', 'italic', 'bolditalic'), (chars, font) => {
        const text = chars.join('');
        const parts = splitRuns(run(text, font));
        expect(parts.map((p) => p.text).join('')).toBe(text);
        expect(parts.every((p) => p.text !== '')).toBe(true);
        // Never two neighbours in the same font and direction.
        for (let i = 1; i < parts.length; i++) expect([parts[i].font, parts[i].rtl]).not.toEqual([parts[i - 1].font, parts[i - 1].rtl]);
      }),
    );
  });
});

describe('the Unicode ranges match the fonts (checked against their cmaps with fontkit)', () => {
  it('every character of the sample texts is in the font splitRuns chose, in every style', () => {
    for (const text of SAMPLES) {
      for (const style of ['regular', 'bold', 'italic', 'bolditalic'] as const) {
        for (const options of [{}, { arabicFont: 'dejavu' as const }]) {
          for (const r of splitRuns(run(text, style), options)) {
            const missing = [...r.text].filter((ch) => ch !== '\n' && !hasGlyph(r.font, ch.codePointAt(0)!));
            expect(missing, `${r.font}: ${r.text}`).toEqual([]);
          }
        }
      }
    }
  });

  it('the neutral characters (ASCII) are in every font; the script blocks are complete where it matters', () => {
    const fonts = [...Object.keys(fontFiles), ...Object.keys(fallbackFonts)];
    for (let cp = 0x20; cp < 0x7f; cp++) for (const f of fonts) expect(hasGlyph(f, cp), `${f} U+${cp.toString(16)}`).toBe(true);
    const block = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    for (const cp of [...block(0x0600, 0x06ff), ...block(0x0750, 0x077f), ...block(0x08a0, 0x08ff)]) {
      if (!/\p{Cn}/u.test(String.fromCodePoint(cp))) {
        expect(hasGlyph('arabic', cp)).toBe(true);
        expect(hasGlyph('arabic-bold', cp)).toBe(true);
      }
    }
    for (const cp of [...block(0x3000, 0x303f), ...block(0x3041, 0x3096), ...block(0x30a0, 0x30ff), ...block(0x4e00, 0x9fef), ...block(0xff01, 0xff9f)]) {
      if (!hasGlyph('cjk', cp) || !hasGlyph('cjk-bold', cp)) expect.fail(`Noto Sans SC lacks U+${cp.toString(16)}`);
    }
  });

  it('the line extents used for mixed lines hold the glyphs of the samples', async () => {
    const { createRequire } = await import('node:module');
    const req = createRequire(import.meta.url);
    const fontkit = createRequire(req.resolve('pdfkit'))('fontkit') as {
      openSync(f: string): { unitsPerEm: number; layout(s: string): { glyphs: Array<{ bbox: { minY: number; maxY: number } }> } };
    };
    const ink = (file: string, text: string) => {
      const f = fontkit.openSync(file);
      const ys = f.layout(text).glyphs.map((g) => g.bbox);
      return { ascent: Math.max(...ys.map((b) => b.maxY)) / f.unitsPerEm, descent: -Math.min(...ys.map((b) => b.minY)) / f.unitsPerEm };
    };
    const letters = String.fromCharCode(...Array.from({ length: 0x64a - 0x621 + 1 }, (_, i) => 0x621 + i));
    const ar = ink(fallbackFonts.arabic, letters + ARABIC);
    expect(ar.ascent).toBeLessThanOrEqual(lineExtents.arabic.ascent);
    expect(ar.descent).toBeLessThanOrEqual(lineExtents.arabic.descent);
    const cjk = ink(fallbackFonts.cjk, CHINESE + JAPANESE + '。「」');
    expect(cjk.ascent).toBeLessThanOrEqual(lineExtents.cjk.ascent);
    expect(cjk.descent).toBeLessThanOrEqual(lineExtents.cjk.descent);
  });
});

describe('paragraphDirection and needsBidi', () => {
  it('takes the direction of the first strong character', () => {
    expect(paragraphDirection('Réunion à الرباط')).toBe('ltr');
    expect(paragraphDirection('الرباط, le 3 mars')).toBe('rtl');
    expect(paragraphDirection('2025 — « مدينة الرباط »')).toBe('rtl');
    expect(paragraphDirection('(١٢) Rabat')).toBe('ltr');
    expect(paragraphDirection('שלום')).toBe('rtl');
    expect(paragraphDirection(CHINESE)).toBe('ltr');
    expect(paragraphDirection('12, 13 !')).toBe('ltr');
    expect(paragraphDirection('')).toBe('ltr');
  });

  it('tells which paragraphs need the script layout', () => {
    expect(needsBidi(FRENCH)).toBe(false);
    expect(needsBidi(MIXED)).toBe(true);
    expect(needsBidi('salle ١٢')).toBe(true); // fontkit would reverse the Arabic-Indic digits
    expect(needsScriptLayout(splitRuns(run(FRENCH)))).toBe(false);
    expect(needsScriptLayout(splitRuns(run(`Tokyo ${JAPANESE}`)))).toBe(true);
    expect(needsScriptLayout(splitRuns(run('Ελληνικά, кириллица')))).toBe(false);
  });
});

describe('layoutParagraph: lines and visual order', () => {
  // A monospaced fake: every code point is 1 unit wide.
  const measure = (text: string) => [...text].length;
  const lay = (text: string, width = 1000) => layoutParagraph(splitRuns(run(text)), width, measure);
  const texts = (text: string, width = 1000) => lay(text, width).lines.map((l) => l.pieces.filter((p) => !p.space).map((p) => p.text));

  it('lays out the words of an Arabic line right to left, each word in logical order for fontkit', () => {
    const { direction, lines } = lay('مرحبا بالعالم');
    expect(direction).toBe('rtl');
    // Visual order, left to right: the second word first. fontkit reverses each word itself.
    expect(lines[0].pieces.map((p) => p.text)).toEqual(['بالعالم', ' ', 'مرحبا']);
    expect(lines[0].pieces.map((p) => p.x)).toEqual([0, 7, 8]);
  });

  it('puts an Arabic phrase inside a French line in its place, words reversed', () => {
    expect(texts(MIXED)).toEqual([['Réunion à', 'الرباط', 'le 3 mars']]);
    expect(texts('Réunion à مدينة الرباط le 3 mars')).toEqual([['Réunion à', 'الرباط', 'مدينة', 'le 3 mars']]);
  });

  it('mirrors brackets in right-to-left text and keeps numbers left to right', () => {
    // Logical "(المغرب)" is handed over as ")المغرب(": fontkit reverses it to "(برغملا)" on
    // the page, i.e. the brackets open the right way around the word.
    expect(texts('مدينة الرباط (المغرب)')).toEqual([[')المغرب(', 'الرباط', 'مدينة']]);
    // "3 مارس 2025": the numbers stay left to right, placed right to left.
    expect(texts('يوم 3 مارس 2025')).toEqual([['2025', 'مارس', '3', 'يوم']]);
    // fontkit takes Arabic-Indic digits for Arabic script and would reverse them: they are
    // handed over reversed, so "١٢" reads ١ then ٢ from the left on the page.
    expect(texts('القاعة ١٢')).toEqual([['٢١', 'القاعة']]);
  });

  it('breaks lines in logical order, so the first words of an RTL paragraph are on the first line, on the right', () => {
    const text = 'الاجتماع في مدينة الرباط يوم الثلاثاء مع ممثلي المدن الشريكة';
    const { lines } = lay(text, 20);
    expect(lines.length).toBeGreaterThan(2);
    const first = lines[0].pieces.filter((p) => !p.space);
    expect(first[first.length - 1].text).toBe('الاجتماع'); // rightmost
    expect(first.map((p) => p.text).reverse().join(' ')).toBe(text.split(' ').slice(0, first.length).join(' '));
    const all = lines.flatMap((l) => l.pieces.filter((p) => !p.space).map((p) => p.text).reverse());
    expect(all.join(' ')).toBe(text);
    expect(lines.every((l) => l.width <= 20)).toBe(true);
    expect(lines.map((l) => l.last)).toEqual(lines.map((_, i) => i === lines.length - 1));
  });

  it('breaks CJK text between characters, never before closing punctuation', () => {
    const text = '上海市人民政府外事办公室与东京都政府举行会谈，双方交换了意见。';
    const lines = texts(text, 7);
    expect(lines.map((l) => l.join('')).join('')).toBe(text);
    for (const l of lines) expect('，。、」').not.toContain(l.join('')[0]);
    expect(Math.max(...lines.map((l) => [...l.join('')].length))).toBeLessThanOrEqual(7);
  });

  it('keeps forced breaks and never breaks at a no-break space', () => {
    const { lines } = lay('Salle\u00a012 الرباط\nle 3 mars', 9);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join('|'))).toEqual(['Salle\u00a012', 'الرباط', 'le 3 mars']);
    expect(lines.map((l) => l.last)).toEqual([false, true, true]);
  });

  it('gives a Latin paragraph the same lines and height as pdfkit', () => {
    const doc = new PDFDocument({ size: 'A4' });
    for (const [k, f] of Object.entries(fontFiles)) doc.registerFont(k, f);
    const text = 'Le bureau se réunit le mardi 3 mars à la mairie pour arrêter le programme du séminaire et la liste des intervenants.';
    const runs: LayoutRun[] = splitRuns({ text, font: 'regular' as const, size: 11 });
    const ours = measureParagraph(doc, runs, 180, 1.2);
    const theirs = doc.font('regular').fontSize(11).heightOfString(text, { width: 180, lineGap: 1.2 });
    expect(ours).toBeCloseTo(theirs, 3);
  });
});

interface Placed {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** Text items with their x (readPdf gives y only): to check where words landed. */
async function placedItems(bytes: Uint8Array): Promise<Placed[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const content = await (await pdf.getPage(1)).getTextContent();
  const out = content.items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width }] : []));
  await pdf.destroy();
  return out;
}

/**
 * What pdfjs returns for Arabic drawn this way: logical order inside each text item (pdfjs runs
 * its own bidi pass over an item) but items in visual order, so the words of one Arabic phrase
 * come back right to left ("الرباط مدينة"); base letters, not presentation forms (pdfkit's
 * ToUnicode maps a shaped glyph to the characters it came from; NFKC would fold presentation
 * forms if a PDF had them). With Noto Sans Arabic, the dots split off the letters (`ccmp`)
 * have no ToUnicode entry and come back as control characters (\u0003, \b) with a stray space
 * around them, and letters sharing a dotless glyph come back as the first letter that used it.
 * `arabicLetters` drops the controls and spaces; the sample words survive that.
 */
const arabicLetters = (s: string) => s.normalize('NFKC').replace(/[\u0000-\u001f\s]/g, '');
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

async function renderSample(options: SplitOptions = {}, lines = [FRENCH, CHINESE, JAPANESE, ARABIC, MIXED]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { CreationDate: new Date(0) } });
  for (const [k, f] of Object.entries(fontFiles)) doc.registerFont(k, f);
  for (const [k, f] of Object.entries(fallbackFonts)) doc.registerFont(k, f);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.y = 50;
  for (const text of lines) {
    const runs: DrawRun[] = splitRuns({ text, font: 'regular' as const, size: 14, color: '#111111', link: null }, options);
    drawParagraph(doc, runs, { x: 50, y: doc.y, width: 300, align: 'start', lineGap: 4 });
    doc.y += 6;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('end to end with pdfkit: French, Chinese, Japanese, Arabic and mixed lines', () => {
  const extra = [
    'مرحبا بالعالم',
    'Réunion à مدينة الرباط (المغرب) le 3 mars 2025, salle ١٢.',
    'الاجتماع في مدينة الرباط (المغرب) يوم 3 مارس 2025، القاعة ١٢، مع ممثلي Paris et Lyon والوفود الأخرى من المدن الشريكة.',
    '上海市人民政府外事办公室与东京都政府于二〇二五年三月三日在上海举行会谈，双方就城市合作交换了意见。',
  ];
  let bytes: Uint8Array;
  let facts: PdfFacts;
  let items: Placed[];
  beforeAll(async () => {
    bytes = await renderSample({}, [FRENCH, CHINESE, JAPANESE, ARABIC, MIXED, ...extra]);
    writeFileSync('/tmp/scripts-check.pdf', bytes); // looked at with pdftoppm -png -r 80
    facts = await readPdf(bytes);
    items = await placedItems(bytes);
  });

  it('has every line’s text', () => {
    const text = flat(facts.text.join('\n'));
    expect(text).toContain(FRENCH); // wrapped after "ça": the line break reads as a space
    expect(text).toContain(CHINESE);
    expect(text).toContain(JAPANESE);
    expect(text).toContain('Réunion à');
    expect(text).toContain('le 3 mars');
    const letters = arabicLetters(facts.text.join(''));
    for (const word of [...ARABIC.split(' '), 'بالعالم']) expect(letters).toContain(word);
    // Not asserted: "مرحبا" comes back as "مرحنا" here, its ب drawn with the dotless glyph
    // "مدينة" used first for ن (see arabicLetters and the arabicFont: 'dejavu' test below).
  });

  it('places Arabic words right to left, right-aligned, and the Arabic word of the mixed line between its neighbours', () => {
    const find = (word: string, y?: number) => items.find((i) => arabicLetters(i.str).includes(word) && (y === undefined || Math.abs(i.y - y) < 1))!;
    const madina = find('مدينة');
    const rabat = find('الرباط', madina.y);
    expect(madina.x).toBeGreaterThan(rabat.x);
    expect(madina.x + madina.width).toBeCloseTo(350, 0); // right edge of the 300 pt column at x = 50
    const reunion = items.find((i) => i.str.includes('Réunion à') && !i.str.includes('('))!;
    const rabatMixed = find('الرباط', reunion.y);
    const le = items.find((i) => i.str.includes('le 3 mars') && Math.abs(i.y - reunion.y) < 1)!;
    expect(reunion.x).toBe(50);
    expect(rabatMixed.x).toBeGreaterThan(reunion.x + reunion.width);
    expect(le.x).toBeGreaterThan(rabatMixed.x + rabatMixed.width);
    // One baseline for the three fonts of the line.
    expect(Math.abs(rabatMixed.y - reunion.y)).toBeLessThan(0.01);
  });

  it('embeds subsets of the three fonts, and stays small', () => {
    const names = facts.fonts.map((f) => f.name);
    for (const family of ['DejaVuSansCondensed', 'NotoSansSC', 'NotoSansArabic']) {
      const font = facts.fonts.find((f) => f.name.includes(family));
      expect(font, `${family} in ${names.join(', ')}`).toBeDefined();
      expect(font!.embedded).toBe(true);
      expect(font!.name).toMatch(/^[A-Z]{6}\+/); // subset tag
    }
    expect(bytes.length).toBeLessThan(200_000); // the CJK subset is a few KB, not 10 MB
  });

  it('with arabicFont: "dejavu", Arabic letters come back right (Noto: ممثلي → ممت.لي)', async () => {
    const b = await renderSample({ arabicFont: 'dejavu' }, ['ممثلي الاجتماع في مدينة الرباط', MIXED]);
    const f = await readPdf(b);
    const letters = arabicLetters(f.text.join(''));
    for (const word of ['ممثلي', 'مدينة', 'الرباط', 'في']) expect(letters).toContain(word);
    // Except the lam-alef ligature (one glyph, ToUnicode "لا"): readers reverse the RTL item
    // after expanding it, so "الاجتماع" comes back as "االجتماع" (pdfjs and poppler alike).
    expect(letters).toContain('االجتماع');
    expect(f.text.join('')).not.toMatch(/[\u0000-\u0008]/);
    expect(f.fonts.map((x) => x.name).join()).not.toContain('NotoSansArabic');
  });
});

describe('drawParagraph', () => {
  async function draw(paint: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    for (const [k, f] of Object.entries({ ...fontFiles, ...fallbackFonts })) doc.registerFont(k, f);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    paint(doc);
    doc.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  }
  // DejaVu for Arabic here: Noto's dots are separate glyphs with offsets, which pdfjs reports
  // as items of their own at shifted positions, blurring the geometry checked below.
  const runsOf = (...parts: Array<[string, string | null]>): DrawRun[] =>
    parts.flatMap(([text, link]) => splitRuns({ text, font: 'regular' as const, size: 11, color: '#111111', link }, { arabicFont: 'dejavu' }));

  it('justifies every line but the last to the column, RTL too, and keeps links clickable', async () => {
    const text = 'الاجتماع في مدينة الرباط يوم الثلاثاء مع ممثلي المدن الشريكة والوفود الأخرى من باريس وليون';
    const bytes = await draw((doc) => {
      drawParagraph(doc, runsOf([text, null]), { x: 50, y: 50, width: 160, align: 'justify', lineGap: 2 });
      drawParagraph(doc, runsOf(['Voir ', null], ['الرباط', 'https://example.org/rabat'], [' et Lyon.', null]), { x: 50, y: doc.y + 10, width: 200 });
    });
    const items = await placedItems(bytes);
    const rows = [...new Set(items.map((i) => Math.round(i.y)))].sort((a, b) => b - a);
    const rtlRows = rows.slice(0, -2); // not the last Arabic line, nor the link paragraph
    expect(rtlRows.length).toBeGreaterThanOrEqual(2);
    for (const y of rtlRows) {
      const row = items.filter((i) => Math.round(i.y) === y);
      expect(Math.max(...row.map((i) => i.x + i.width))).toBeCloseTo(210, 0); // right edge
      expect(Math.min(...row.map((i) => i.x))).toBeCloseTo(50, 0); // justified: left edge too
    }
    const pdf = await getDocument({ data: bytes, verbosity: 0 }).promise;
    const links = (await (await pdf.getPage(1)).getAnnotations()) as Array<{ subtype: string; url?: string }>;
    await pdf.destroy();
    expect(links.filter((a) => a.subtype === 'Link').map((a) => a.url)).toEqual(['https://example.org/rabat']);
  });

  it('goes on to a new page when a line does not fit, and leaves doc.y under the text', async () => {
    let after = 0;
    const bytes = await draw((doc) => {
      const bottom = doc.page.height - doc.page.margins.bottom;
      drawParagraph(doc, runsOf(['东京都 '.repeat(30), null]), { x: 50, y: bottom - 20, width: 100, lineGap: 2 });
      after = doc.y;
    });
    const facts = await readPdf(bytes);
    expect(facts.pages).toBe(2);
    expect(facts.text[1]).toContain('东京都');
    expect(after).toBeGreaterThan(50);
    expect(after).toBeLessThan(400);
  });
});

describe('fonts are read only when used', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    syncBuiltinESMExports();
  });

  it('registering the fallback fonts reads nothing; the 10 MB CJK file is read only for CJK text', async () => {
    // pdfkit imports `readFileSync` by name: re-sync the ESM bindings so it sees the spy.
    const read = vi.spyOn(fs, 'readFileSync');
    syncBuiltinESMExports();
    const cjkReads = () => read.mock.calls.filter(([file]) => file === fallbackFonts.cjk).length;
    await renderSample({}, [FRENCH]);
    expect(cjkReads()).toBe(0);
    expect(read.mock.calls.some(([file]) => file === fallbackFonts.arabic)).toBe(false);
    const facts = await readPdf(await renderSample({}, [FRENCH]));
    expect(facts.fonts.map((f) => f.name).join()).not.toMatch(/Noto/);
    await renderSample({}, [CHINESE]);
    expect(cjkReads()).toBe(1);
  });
});
