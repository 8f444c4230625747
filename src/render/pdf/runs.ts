/**
 * Inline content of the document tree to styled runs of text, split by the font that has the
 * glyphs (see scripts.ts): what the line layout breaks and the drawing code writes.
 */
import type { ElementContent } from 'hast';
import { fontKey } from './fonts.js';
import type { TextRun } from './lines.js';
import { hasGlyph, splitRuns } from './scripts.js';
import { inherit, styleOf, type Computed } from '../styles.js';

const WS = /[ \t\n\r\f]+/g;

/**
 * The link a PDF may carry: an absolute http(s) URL with a host, a mailto: or tel: address.
 * Anything else (relative paths, `//host/x`, `javascript:`, `file:`, `smb:`) prints as plain
 * text: a PDF viewer would resolve it against wherever the file is opened.
 */
export function safeLink(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const url = href.trim();
  if (/^https?:\/\/[^\s/?#\\]+/i.test(url)) return url;
  if (/^mailto:\S+$/i.test(url) || /^tel:[+\d().\s/-]+$/i.test(url)) return url;
  return null;
}

interface Raw {
  text: string;
  bold: boolean;
  italic: boolean;
  size: number;
  color: string;
  link: string | null;
  rise: number;
  lang: string | null;
}

/** A `lang` attribute worth a `/Lang` (a BCP 47 tag), else null. */
export function langOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(value.trim()) ? value.trim() : null;
}

/**
 * The runs of inline content: whitespace collapsed as HTML does, the paragraph's edges trimmed,
 * neighbours of the same style merged; `preserve` keeps line breaks (a `pre`).
 */
export function collectRuns(nodes: readonly ElementContent[], c: Computed, anc: readonly string[], preserve = false): TextRun[] {
  const raw: Raw[] = [];
  let lang: string | null = null;
  const push = (text: string, cur: Computed, link: string | null) => {
    const last = raw[raw.length - 1];
    if (
      last &&
      last.bold === cur.bold &&
      last.italic === cur.italic &&
      last.size === cur.size &&
      last.color === cur.color &&
      last.link === link &&
      last.rise === cur.rise &&
      last.lang === lang
    )
      last.text += text;
    else raw.push({ text, bold: cur.bold, italic: cur.italic, size: cur.size, color: cur.color, link, rise: cur.rise, lang });
  };
  // Inline nesting from input is bounded upstream (Markdown and templates).
  const visit = (n: ElementContent, cur: Computed, link: string | null) => {
    if (n.type === 'text') {
      if (preserve) {
        const parts = n.value.replace(/\r\n?/g, '\n').split('\n');
        parts.forEach((p, i) => {
          if (i > 0) push('\n', cur, link);
          if (p) push(p.replace(/[\t\f]/g, ' '), cur, link);
        });
      } else push(n.value.replace(WS, ' '), cur, link);
      return;
    }
    if (n.type !== 'element') return;
    if (n.tagName === 'br') {
      push('\n', cur, link);
      return;
    }
    if (n.tagName === 'wbr') {
      push('\u200b', cur, link);
      return;
    }
    if (n.tagName === 'input') {
      // GFM task items: a ballot box, ticked when done.
      if (n.properties?.type === 'checkbox') push(n.properties.checked ? '☑ ' : '☐ ', { ...cur, bold: false, italic: false }, link);
      return;
    }
    const s = styleOf(n, anc);
    const next = inherit(cur, s);
    const href = n.tagName === 'a' ? safeLink(n.properties?.href) : link;
    const outer = lang;
    lang = langOf(n.properties?.lang) ?? lang;
    for (const k of n.children) visit(k, next, href);
    lang = outer;
  };
  for (const n of nodes) visit(n, c, null);
  // Collapse spaces across runs, trim the paragraph's edges.
  if (!preserve) {
    for (let i = 0; i < raw.length; i++) {
      const prev = i > 0 ? raw[i - 1].text : '\n';
      if (prev.endsWith(' ') || prev.endsWith('\n') || prev === '') raw[i].text = raw[i].text.replace(/^ +/, '');
      if (raw[i].text.startsWith('\n') && i > 0) raw[i - 1].text = raw[i - 1].text.replace(/ +$/, '');
    }
    const last = raw[raw.length - 1];
    if (last) last.text = last.text.replace(/ +$/, '');
  }
  const out: TextRun[] = [];
  for (const r of raw) {
    if (r.text === '') continue;
    for (const p of splitRuns({ text: r.text, font: fontKey(r.bold, r.italic) }, { arabicFont: 'dejavu', has: hasGlyph })) {
      out.push(
        r.lang
          ? { text: p.text, font: p.font, size: r.size, color: r.color, link: r.link, rise: r.rise, lang: r.lang }
          : { text: p.text, font: p.font, size: r.size, color: r.color, link: r.link, rise: r.rise },
      );
    }
  }
  return out;
}

/** Runs of one plain string in one style (running headers, footers, list markers). */
export function plainRuns(text: string, c: Computed): TextRun[] {
  return collectRuns([{ type: 'text', value: text }], c, []);
}
