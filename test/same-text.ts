/**
 * The invariant "the PDF says exactly what the HTML says": the words of a PDF, read back with
 * pdfjs (artifacts left out: running header, footer, page numbers, PROJET, repeated table
 * headers; list labels too, which the HTML draws with CSS), compared in order with the words
 * of the HTML page's `<main>`, as a browser would show them (whitespace collapsed, block
 * boundaries as spaces; a task's checkbox, like a bullet, is a label, not text).
 *
 * A line break of the PDF may stand for a space of the HTML or fall inside a word (a URL cut,
 * CJK text), and a hyphen before it may be one the PDF added at a soft hyphen. Anything else
 * that differs fails: a glued word, a lost item, a missing glyph (U+FFFD or a letter that
 * copies as nothing), a dropped speaker.
 *
 * Right-to-left text comes back from pdfjs in visual order (it reverses whole lines by a
 * heuristic): a document with Arabic or Hebrew is compared as a multiset of words instead
 * (punctuation aside; words of other scripts than Latin, Greek and Cyrillic by characters).
 *
 * A character no bundled font has (Hangul, Thai, emoji…) is printed as U+FFFD, never as an
 * empty box (README, "Print"): the HTML's text is read with that substitution.
 */
import type { Element, Root, RootContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parse } from 'parse5';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { hasGlyph, splitRuns } from '../src/render/pdf/scripts.js';

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'br',
]);
const HIDDEN = new Set(['style', 'script', 'template', 'head', 'title']);
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** The text of an HTML page's `<main>` as it reads. */
export function htmlText(html: string): string {
  const tree = fromParse5(parse(html)) as Root;
  let main: Element | null = null;
  const find = (n: Root | Element) => {
    for (const c of n.children as RootContent[]) {
      if (main) return;
      if (c.type === 'element') {
        if (c.tagName === 'main') main = c;
        else find(c);
      }
    }
  };
  find(tree);
  const out: string[] = [];
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (c.type === 'text') out.push(c.value);
      else if (c.type === 'element') {
        if (HIDDEN.has(c.tagName)) continue;
        // A checkbox is the label of its task item (not text, as a list's bullet).
        if (c.tagName === 'input') continue;
        const block = BLOCK.has(c.tagName);
        if (block) out.push(' ');
        walk(c);
        if (block) out.push(' ');
      }
    }
  };
  if (main) walk(main);
  return normalise(out.join(''));
}

/** The text as the PDF can print it: U+FFFD for what no bundled font has. */
function printable(s: string): string {
  return splitRuns({ text: s, font: 'regular' as const }, { arabicFont: 'dejavu', has: hasGlyph })
    .map((r) => r.text)
    .join('');
}

function normalise(s: string): string {
  return printable(s)
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/[\s\u00a0\u202f\u2007\u3000]+/g, ' ')
    .trim();
}

/** Line break marker in PDF text. */
const EOL = '\u0001';

/** The text of a PDF, artifacts and list labels left out, line breaks as EOL. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: string[] = [];
    let skip = 0;
    let lastY: number | null = null;
    for (const it of content.items) {
      if ('type' in it) {
        if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') {
          const t = (it as { tag?: string }).tag ?? '';
          stack.push(t);
          if (t === 'Artifact' || t === 'Lbl') skip++;
        } else if (it.type === 'endMarkedContent') {
          const t = stack.pop();
          if (t === 'Artifact' || t === 'Lbl') skip--;
        }
        continue;
      }
      if (skip > 0 || !('str' in it)) continue;
      const y = it.transform[5];
      if (lastY !== null && Math.abs(y - lastY) > 0.5 * Math.hypot(it.transform[2], it.transform[3]) && it.str.trim() !== '') parts.push(EOL);
      if (it.str.trim() !== '') lastY = y;
      parts.push(it.str);
      if (it.hasEOL) parts.push(EOL);
    }
    parts.push(EOL);
  }
  await doc.destroy();
  return parts
    .join('')
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/[ \t\u00a0\u202f\u2007\u3000]+/g, ' ')
    .replace(new RegExp(`[ ${EOL}]*${EOL}[ ${EOL}]*`, 'g'), EOL)
    .replace(new RegExp(`^${EOL}|${EOL}$`, 'g'), '')
    .trim();
}

/**
 * Where the PDF's text departs from the HTML's, or null when they say the same. A line break
 * of the PDF matches a space of the HTML or nothing (a word cut at the end of a line).
 */
export function difference(html: string, pdf: string): string | null {
  if (RTL.test(html) || RTL.test(pdf)) return bagDifference(html, pdf.replaceAll(EOL, ' '));
  let i = 0;
  let j = 0;
  const context = () =>
    `…${html.slice(Math.max(0, i - 60), i)}⟦${html.slice(i, i + 40)}⟧ in the HTML, …${pdf.slice(Math.max(0, j - 60), j).replaceAll(EOL, '⏎')}⟦${pdf.slice(j, j + 40).replaceAll(EOL, '⏎')}⟧ in the PDF`;
  while (i < html.length && j < pdf.length) {
    const h = html[i];
    const p = pdf[j];
    if (h === p) {
      i++;
      j++;
    } else if (p === EOL) {
      if (h === ' ') i++;
      j++;
    } else if (p === '-' && pdf[j + 1] === EOL && h !== '-') {
      j += 2; // a hyphen added at a soft hyphen
    } else if (p === ' ' && pdf[j + 1] === EOL) {
      j++;
    } else return `differs at ${context()}`;
  }
  while (j < pdf.length && pdf[j] === EOL) j++;
  if (i < html.length) return `the PDF ends early: ${context()}`;
  if (j < pdf.length) return `the PDF says more: ${context()}`;
  return null;
}

/** Words of Latin, Greek or Cyrillic letters and digits stay words; anything else goes by characters. */
const ALPHABETIC = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}]+$/u;
const tokens = (s: string) =>
  s
    .split(/\s+/)
    .map((t) => t.replace(/[\p{P}\p{S}]/gu, ''))
    .filter(Boolean)
    .flatMap((t) => (ALPHABETIC.test(t) ? [t] : [...t]));

function bagDifference(html: string, pdf: string): string | null {
  const count = new Map<string, number>();
  for (const t of tokens(html)) count.set(t, (count.get(t) ?? 0) + 1);
  const extra: string[] = [];
  for (const t of tokens(pdf)) {
    const n = count.get(t) ?? 0;
    if (n === 0) extra.push(t);
    else count.set(t, n - 1);
  }
  const missing = [...count].filter(([, n]) => n > 0).map(([t]) => t);
  if (extra.length === 0 && missing.length === 0) return null;
  return `words only in the PDF: ${extra.slice(0, 20).join(' | ')}; only in the HTML: ${missing.slice(0, 20).join(' | ')}`;
}
