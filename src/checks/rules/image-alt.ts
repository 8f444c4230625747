import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { tx } from '../../i18n.js';
import { descriptionTexts } from '../../model/event.js';
import type { Rule } from '../types.js';

const NOTE_TEXT = tx(
  'Ajoutez un texte de remplacement qui dit ce que montre l’image (pour un logo : le nom de l’organisme), comme `alt: "Cités Unies France"` ou `![Cités Unies France](logos/cuf.png)`.',
  'Add alternative text saying what the image shows (for a logo: the body\'s name), as `alt: "Cités Unies France"` or `![Cités Unies France](logos/cuf.png)`.',
);

const NOTE = { messageId: 'addAlt', data: {} };

const parser = unified().use(remarkParse);

/** Markdown images with no alternative text in a text: their lines (1-based, within the text). */
function imagesWithoutAlt(md: string): number[] {
  if (!md.includes('![')) return [];
  const lines: number[] = [];
  visit(parser.parse(md) as Root, 'image', (n) => {
    if (!n.alt || !n.alt.trim()) lines.push(n.position?.start.line ?? 1);
  });
  return lines;
}

/**
 * An image a screen reader cannot say (issue #19, RGAA 1.1): a logo without `alt`, a Markdown
 * image `![](x.png)` in a description or in minutes without alternative text.
 */
export const imageAlt: Rule = {
  id: 'a11y/image-alt',
  severity: 'warning',
  description: 'An image (a logo, a Markdown image) without alternative text for screen readers.',
  messages: {
    logo: tx(
      'Le logo « {file} » n’a pas de texte de remplacement : un lecteur d’écran ne dira rien de lui.',
      'The logo "{file}" has no alternative text: a screen reader will say nothing of it.',
    ),
    description: tx('Une image de la description n’a pas de texte de remplacement.', 'An image in the description has no alternative text.'),
    minutes: tx('L’image « {url} » n’a pas de texte de remplacement.', 'The image "{url}" has no alternative text.'),
    addAlt: NOTE_TEXT,
  },
  run({ model, report }) {
    for (const logo of model.logos) {
      if (logo.alt) continue;
      report({
        messageId: 'logo',
        data: { file: logo.file },
        at: logo.path,
        note: NOTE,
      });
    }
    const texts = descriptionTexts(model);
    for (const { md, at } of texts) {
      if (!md) continue;
      for (let n = imagesWithoutAlt(md).length; n > 0; n--) {
        report({ messageId: 'description', data: {}, at, note: NOTE });
      }
    }
  },
  runMinutes({ minutes, report }) {
    visit(minutes.body, 'image', (n) => {
      if (n.alt && n.alt.trim()) return;
      const line = n.position?.start.line ?? 1;
      report({
        messageId: 'minutes',
        data: { url: n.url },
        at: { file: minutes.file, line, column: n.position?.start.column ?? 1, endLine: n.position?.end.line ?? line, endColumn: n.position?.end.column ?? 2 },
        note: NOTE,
      });
    });
  },
};
