/**
 * What an HTML page needs for a screen reader that the templates and the Markdown do not say
 * (issue #19, RGAA), added to the document tree of the HTML back end only:
 *
 * - the language of runs in another script than the page's: Chinese (`lang="zh"`) and Arabic
 *   (`lang="ar"`, `dir="rtl"`) in a French or English page (bilingual labels "Rapporteure / 报告人",
 *   names of Chinese bodies), unless an element already says its language;
 * - the scope of header cells (`scope="col"` in a table head or a row of header cells only,
 *   `scope="row"` for a row's header), from templates and Markdown tables alike;
 * - a name for the ballot boxes of task lists ("fait" / "à faire"), which are disabled inputs.
 *
 * One pass over the tree, linear in its size.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import type { Locale } from '../typography/index.js';

/** Han, kana, CJK punctuation and full-width forms; Arabic. Spaces and ASCII punctuation between them stay inside. */
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const RUN =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+(?:[\s\d.,;:!?()«»"'·-]+[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+)*|[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+(?:[\s\d.,;:!?()«»"'·-]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*/g;

const TASK_LABEL: Record<Locale, { done: string; open: string }> = {
  fr: { done: 'fait', open: 'à faire' },
  en: { done: 'done', open: 'to do' },
};

/** Add languages, header scopes and task-box names to a part of a page, in place. */
export function accessibleHtml(tree: Root, locale: Locale): Root {
  visit(tree, locale, false);
  return tree;
}

function visit(node: Root | Element, locale: Locale, hasLang: boolean): void {
  const kids = node.children as ElementContent[];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type === 'text') {
      if (hasLang || !(CJK.test(k.value) || ARABIC.test(k.value))) continue;
      const pieces = splitByScript(k);
      if (pieces.length > 1 || pieces[0] !== k) {
        kids.splice(i, 1, ...pieces);
        i += pieces.length - 1;
      }
      continue;
    }
    if (k.type !== 'element') continue;
    if (k.tagName === 'tr')
      for (const c of k.children) if (c.type === 'element' && c.tagName === 'th' && c.properties.scope === undefined) c.properties.scope = scopeOf(k, node);
    if (k.tagName === 'input' && k.properties.type === 'checkbox' && k.properties.ariaLabel === undefined) {
      const l = TASK_LABEL[locale];
      k.properties.ariaLabel = k.properties.checked ? l.done : l.open;
    }
    if (k.tagName === 'style' || k.tagName === 'script') continue;
    visit(k, locale, hasLang || (typeof k.properties.lang === 'string' && k.properties.lang !== ''));
  }
}

/** A header cell's scope: a column's in a table head or a row of header cells only, else its row's. */
function scopeOf(row: Element, section: Root | Element): string {
  if (section.type === 'element' && section.tagName === 'thead') return 'col';
  if (row.children.every((c) => c.type !== 'element' || c.tagName === 'th')) return 'col';
  return 'row';
}

/** A text split into plain text and `<span lang>` runs of Chinese or Arabic. */
function splitByScript(t: Text): ElementContent[] {
  const out: ElementContent[] = [];
  let at = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(t.value); m; m = RUN.exec(t.value)) {
    if (m.index > at) out.push({ type: 'text', value: t.value.slice(at, m.index) });
    const arabic = ARABIC.test(m[0]);
    out.push({
      type: 'element',
      tagName: 'span',
      properties: arabic ? { lang: 'ar', dir: 'rtl' } : { lang: 'zh' },
      children: [{ type: 'text', value: m[0] }],
    });
    at = m.index + m[0].length;
  }
  if (at < t.value.length) out.push({ type: 'text', value: t.value.slice(at) });
  return out.length ? out : [t];
}
