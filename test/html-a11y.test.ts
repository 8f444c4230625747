/**
 * What accessibleHtml adds to the HTML for screen readers (issue #19): the language of Chinese
 * and Arabic runs, the scope of header cells, a name for task boxes. The axe test runs only
 * where Chromium is installed and does not check languages: this one always runs.
 */
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { accessibleHtml } from '../src/render/html-a11y.js';

const parser = unified().use(rehypeParse, { fragment: true });
const stringifier = unified().use(rehypeStringify);
const page = (html: string, locale: 'fr' | 'en' = 'fr') => stringifier.stringify(accessibleHtml(parser.parse(html), locale));

describe('accessibleHtml', () => {
  it('marks Chinese and Arabic runs with their language (and Arabic with its direction), not a run that says its own', () => {
    const out = page('<p>Rapporteure / 报告人 ; المدينة : Tunis</p><p lang="zh">成都</p>');
    expect(out).toContain('<span lang="zh">报告人</span>');
    expect(out).toContain('<span lang="ar" dir="rtl">المدينة</span>');
    expect(out).toContain('<p lang="zh">成都</p>');
  });

  it('gives header cells their scope: col in a head row, row for a body row’s header', () => {
    const out = page('<table><thead><tr><th>Salle</th><th>Plan</th></tr></thead><tbody><tr><th>B</th><td>au fond</td></tr></tbody></table>');
    expect(out).toContain('<th scope="col">Salle</th>');
    expect(out).toContain('<th scope="row">B</th>');
  });

  it('names task boxes in the page’s language', () => {
    const html = '<ul><li><input type="checkbox" checked disabled> envoyer</li><li><input type="checkbox" disabled> relire</li></ul>';
    const fr = page(html);
    expect(fr).toMatch(/<input[^>]*aria-label="fait"/);
    expect(fr).toMatch(/<input[^>]*aria-label="à faire"/);
    expect(page(html, 'en')).toMatch(/<input[^>]*aria-label="to do"/);
  });
});
