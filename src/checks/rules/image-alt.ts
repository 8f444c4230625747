import { tx } from '../../i18n.js';
import { descriptionTexts } from '../../model/event.js';
import { markdownImagesOf } from '../../source/project-images.js';
import type { Rule } from '../types.js';

const NOTE_TEXT = tx(
  'Ajoutez un texte de remplacement qui dit ce que montre l’image (pour un logo : le nom de l’organisme), comme `alt: "Cités Unies France"` ou `![Cités Unies France](logos/cuf.png)`.',
  'Add alternative text saying what the image shows (for a logo: the body\'s name), as `alt: "Cités Unies France"` or `![Cités Unies France](logos/cuf.png)`.',
);

const NOTE = { messageId: 'addAlt', data: {} };

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
  run({ model, report, placeInScalar }) {
    for (const logo of model.logos) {
      if (logo.alt) continue;
      report({
        messageId: 'logo',
        data: { file: logo.file },
        at: logo.path,
        note: NOTE,
      });
    }
    for (const { md, at } of descriptionTexts(model)) {
      if (!md) continue;
      // At the image itself (in a block or plain scalar; a quoted one is pointed at whole). The
      // images as the check stage found them when it read them (one parse of each text).
      for (const img of markdownImagesOf(model, md)) {
        if (!img.alt.trim()) report({ messageId: 'description', data: {}, at: placeInScalar(at, img.line, img.column), note: NOTE });
      }
    }
  },
  runMinutes({ minutes, report }) {
    for (const img of markdownImagesOf(minutes, minutes.body)) {
      if (img.alt.trim()) continue;
      report({
        messageId: 'minutes',
        data: { url: img.url },
        at: { file: minutes.file, line: img.line, column: img.column, endLine: img.endLine, endColumn: img.endColumn },
        note: NOTE,
      });
    }
  },
};
