import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocumentBody } from '../src/render/document.js';
import { fontFiles, type FontKey } from '../src/render/pdf/fonts.js';
import { layoutLines, type TextRun } from '../src/render/pdf/lines.js';
import { renderPdf } from '../src/render/pdf/engine.js';
import {
  fallbackFonts,
  familyOf,
  hasGlyph,
  lineExtents,
  MISSING,
  needsBidi,
  paragraphDirection,
  splitRuns,
  unsupportedChars,
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
const SAMPLES = [
  FRENCH,
  CHINESE,
  JAPANESE,
  ARABIC,
  MIXED,
  'مرحبا بالعالم',
  '「会議」、ＡＢＣ１２。',
  'Ελληνικά и кириллица',
  'שלום עולם',
  'ممثلي الاجتماع (المغرب) ١٢، ۱۲',
];

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
  });
});

describe('layoutLines: lines and visual order', () => {
  // A monospaced fake: every code point is 1 unit wide.
  const measure = (_font: string, text: string) => [...text].length;
  const runsOf = (text: string): TextRun[] =>
    splitRuns(run(text)).map((r) => ({ text: r.text, font: r.font, size: 10, color: '#111111', link: null, rise: 0 }));
  const lay = (text: string, width = 1000) => layoutLines(runsOf(text), { width, align: 'left', lineGap: 0 }, measure);
  const texts = (text: string, width = 1000) => lay(text, width).map((l) => l.items.filter((p) => p.text.trim() !== '').map((p) => p.text));

  it('lays out the words of an Arabic line right to left, each word in logical order for fontkit', () => {
    const lines = lay('مرحبا بالعالم', 13);
    // Visual order, left to right: the second word first. fontkit reverses each word itself.
    expect(lines[0].items.map((p) => p.text)).toEqual(['بالعالم', ' ', 'مرحبا']);
    expect(lines[0].items.map((p) => p.x)).toEqual([0, 7, 8]);
    // A right-to-left paragraph starts on the right.
    expect(lay('مرحبا بالعالم', 20)[0].items[0].x).toBe(7);
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
    const lines = lay(text, 20);
    expect(lines.length).toBeGreaterThan(2);
    const first = lines[0].items.filter((p) => p.text.trim());
    expect(first[first.length - 1].text).toBe('الاجتماع'); // rightmost
    expect(
      first
        .map((p) => p.text)
        .reverse()
        .join(' '),
    ).toBe(text.split(' ').slice(0, first.length).join(' '));
    const all = lines.flatMap((l) =>
      l.items
        .filter((p) => p.text.trim())
        .map((p) => p.text)
        .reverse(),
    );
    expect(all.join(' ')).toBe(text);
    expect(lines.every((l) => l.width <= 20)).toBe(true);
  });

  it('breaks CJK text between characters, never before closing punctuation', () => {
    const text = '上海市人民政府外事办公室与东京都政府举行会谈，双方交换了意见。';
    const lines = texts(text, 7);
    expect(lines.map((l) => l.join('')).join('')).toBe(text);
    for (const l of lines) expect('，。、」').not.toContain(l.join('')[0]);
    for (const l of lines) expect([...l.join('')].length).toBeLessThanOrEqual(7);
  });

  it('breaks where UAX #14 allows, keeping French typography whole', () => {
    const lines = (text: string, width: number) => lay(text, width).map((l) => l.items.map((p) => p.text).join(''));
    // The no-break spaces of « : », "9 h 30" and « … » are glue: never a line start.
    expect(lines('Accueil\u00a0: 9\u00a0h\u00a030 «\u00a0café\u00a0»', 12)).toEqual(['Accueil\u00a0:', '9\u00a0h\u00a030', '«\u00a0café\u00a0»']);
    // UAX #14 may break after a hyphen, a dash or a slash; coop does not (a compound name, a range).
    expect(lines('Région Rhône-Alpes', 15)).toEqual(['Région', 'Rhône-Alpes']);
    expect(lines('de 9:30–10:00 à Lyon/Paris', 14)).toEqual(['de 9:30–10:00', 'à Lyon/Paris']);
    // No line ends with opening punctuation, none starts with closing punctuation or a small kana.
    const cjk = '会谈「双方交换了意见」ちょっと。';
    const broken = lines(cjk, 4);
    expect(broken.join('')).toBe(cjk);
    for (const l of broken) {
      expect('「').not.toContain(l[l.length - 1]);
      expect('」。ょ').not.toContain(l[0]);
    }
    // An ideograph next to a Latin word: a break between them, as between two ideographs.
    expect(lines('会议 agenda议程', 6)).toEqual(['会议', 'agenda', '议程']);
  });

  it('keeps forced breaks and never breaks at a no-break space', () => {
    const lines = lay('Salle\u00a012 الرباط\nle 3 mars', 9);
    expect(lines.map((l) => l.items.map((p) => p.text).join('|'))).toEqual(['Salle\u00a012', 'الرباط', 'le 3 mars']);
  });

  it('gives a Latin paragraph the same lines and height as pdfkit', () => {
    const doc = new PDFDocument({ size: 'A4' });
    for (const [k, f] of Object.entries(fontFiles)) doc.registerFont(k, f);
    const text = 'Le bureau se réunit le mardi 3 mars à la mairie pour arrêter le programme du séminaire et la liste des intervenants.';
    const lines = layoutLines([{ text, font: 'regular', size: 11, color: '#000000', link: null, rise: 0 }], { width: 180, align: 'left', lineGap: 1.2 });
    const ours = lines.reduce((h, l) => h + l.height, 0);
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

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Paragraphs through the whole PDF engine (A4, text column from x = 56 to 539.28). */
async function renderHtml(html: string): Promise<Uint8Array> {
  return renderPdf({
    body: new DocumentBody(html, 'fr'),
    locale: 'fr',
    title: 'Essai',
    subject: 'Essai',
    author: 'coop',
    draft: false,
    date: new Date(0),
    bare: false,
  });
}

describe('end to end: French, Chinese, Japanese, Arabic and mixed lines', () => {
  const extra = [
    'مرحبا بالعالم',
    'Réunion à مدينة الرباط (المغرب) le 3 mars 2025, salle ١٢.',
    'الاجتماع في مدينة الرباط (المغرب) يوم 3 مارس 2025، القاعة ١٢، مع ممثلي Paris et Lyon والوفود الأخرى من المدن الشريكة.',
    '上海市人民政府外事办公室与东京都政府于二〇二五年三月三日在上海举行会谈，双方就城市合作交换了意见。',
    // Urdu ہ is not in DejaVu: this word is drawn with Noto Sans Arabic.
    'اردو ہم',
  ];
  let bytes: Uint8Array;
  let facts: PdfFacts;
  let items: Placed[];
  beforeAll(async () => {
    bytes = await renderHtml([FRENCH, CHINESE, JAPANESE, ARABIC, MIXED, ...extra].map((t) => `<p>${escape(t)}</p>`).join(''));
    writeFileSync('/tmp/scripts-check.pdf', bytes); // looked at with pdftoppm -png -r 80
    facts = await readPdf(bytes);
    items = await placedItems(bytes);
  });

  it('has every line’s text', () => {
    const text = flat(facts.text.join('\n'));
    expect(text).toContain(FRENCH);
    expect(text).toContain(CHINESE);
    expect(text).toContain(JAPANESE);
    expect(text).toContain('Réunion à');
    expect(text).toContain('le 3 mars');
    // DejaVu draws each Arabic letter form as its own glyph: the letters come back exact.
    const letters = arabicLetters(facts.text.join(''));
    for (const word of [...ARABIC.split(' '), 'بالعالم', 'مرحبا', 'ممثلي']) expect(letters).toContain(word);
    expect(facts.text.join('')).not.toMatch(/[\u0000-\u0008]/);
  });

  it('places Arabic words right to left, right-aligned, and the Arabic word of the mixed line between its neighbours', () => {
    // On the page: the Arabic line ends at the right edge of the column, on one baseline with its neighbours.
    const madina = items.find((i) => arabicLetters(i.str).includes('مدينة'))!;
    expect(madina.x + madina.width).toBeCloseTo(539.28, 0);
    // pdfjs joins the pieces of a line into one text item: the order is checked on the layout.
    const runs = (text: string): TextRun[] =>
      splitRuns({ text, font: 'regular' as const }, { arabicFont: 'dejavu' }).map((r) => ({
        text: r.text,
        font: r.font,
        size: 10,
        color: '#111111',
        link: null,
        rise: 0,
      }));
    const [arabic] = layoutLines(runs(ARABIC), { width: 483.28, align: 'left', lineGap: 0 });
    const at = (line: typeof arabic, word: string) => line.items.find((i) => i.text.includes(word))!;
    expect(at(arabic, 'مدينة').x).toBeGreaterThan(at(arabic, 'الرباط').x);
    const last = arabic.items[arabic.items.length - 1];
    expect(last.x + last.width).toBeCloseTo(483.28, 3);
    const [mixed] = layoutLines(runs(MIXED), { width: 483.28, align: 'left', lineGap: 0 });
    expect(at(mixed, 'Réunion').x).toBe(0);
    expect(at(mixed, 'الرباط').x).toBeGreaterThan(at(mixed, 'Réunion').x + at(mixed, 'Réunion').width - 0.01);
    expect(at(mixed, 'le 3 mars').x).toBeGreaterThan(at(mixed, 'الرباط').x + at(mixed, 'الرباط').width - 0.01);
  });

  it('embeds subsets of the fonts it draws with, and stays small', () => {
    const names = facts.fonts.map((f) => f.name);
    for (const family of ['DejaVuSansCondensed', 'NotoSansSC', 'NotoSansArabic']) {
      const font = facts.fonts.find((f) => f.name.includes(family));
      expect(font, `${family} in ${names.join(', ')}`).toBeDefined();
      expect(font!.embedded).toBe(true);
      expect(font!.name).toMatch(/^[A-Z]{6}\+/); // subset tag
    }
    expect(bytes.length).toBeLessThan(200_000); // the CJK subset is a few KB, not 10 MB
  });
});

describe('paragraphs of every script through the engine', () => {
  it('justifies every line but the last to the column, RTL too, and keeps links clickable', async () => {
    const text = 'الاجتماع في مدينة الرباط يوم الثلاثاء مع ممثلي المدن الشريكة والوفود الأخرى من باريس وليون '.repeat(3).trim();
    const bytes = await renderHtml(`<p class="justify">${text}</p><p>Voir <a href="https://example.org/rabat">الرباط</a> et Lyon.</p>`);
    const items = await placedItems(bytes);
    const rows = [...new Set(items.map((i) => Math.round(i.y)))].sort((a, b) => b - a);
    const rtlRows = rows.slice(0, -3); // not the last Arabic line, the link paragraph, the footer
    expect(rtlRows.length).toBeGreaterThanOrEqual(2);
    for (const y of rtlRows) {
      const row = items.filter((i) => Math.round(i.y) === y);
      let right = 0;
      let left = Infinity;
      for (const i of row) {
        right = Math.max(right, i.x + i.width);
        left = Math.min(left, i.x);
      }
      expect(right).toBeCloseTo(539.28, 0); // right edge
      expect(left).toBeCloseTo(56, 0); // justified: left edge too
    }
    const pdf = await getDocument({ data: bytes, verbosity: 0 }).promise;
    const links = (await (await pdf.getPage(1)).getAnnotations()) as Array<{ subtype: string; url?: string }>;
    await pdf.destroy();
    expect(links.filter((a) => a.subtype === 'Link').map((a) => a.url)).toEqual(['https://example.org/rabat']);
  });

  it('goes on to a new page when a line does not fit', async () => {
    const facts = await readPdf(await renderHtml(`<p>${'东京都 '.repeat(2000)}</p>`));
    expect(facts.pages).toBeGreaterThan(1);
    expect(facts.text[1]).toContain('东京都');
  });
});

describe('fonts are read only when used', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    syncBuiltinESMExports();
  });

  it('the 10 MB CJK file is read only for CJK text, once per process', async () => {
    // A fresh copy of the engine's modules: the fonts other tests parsed are not in it.
    vi.resetModules();
    const engine = (await import('../src/render/pdf/engine.js')) as typeof import('../src/render/pdf/engine.js');
    const { DocumentBody: Body } = (await import('../src/render/document.js')) as typeof import('../src/render/document.js');
    const render = (html: string) =>
      engine.renderPdf({ body: new Body(html, 'fr'), locale: 'fr', title: 'Essai', subject: 'Essai', author: 'coop', draft: false, date: new Date(0) });
    // fonts.ts imports `readFileSync` by name: re-sync the ESM bindings so it sees the spy.
    const read = vi.spyOn(fs, 'readFileSync');
    syncBuiltinESMExports();
    const cjkReads = () => read.mock.calls.filter(([file]) => file === fallbackFonts.cjk).length;
    const facts = await readPdf(await render(`<p>${FRENCH}</p>`));
    expect(cjkReads()).toBe(0);
    expect(read.mock.calls.some(([file]) => file === fallbackFonts.arabic)).toBe(false);
    expect(facts.fonts.map((f) => f.name).join()).not.toMatch(/Noto/);
    await render(`<p>${CHINESE}</p>`);
    await render(`<p>${CHINESE}</p>`);
    expect(cjkReads()).toBe(1);
  });
});
