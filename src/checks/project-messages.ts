/**
 * The messages of what project.ts and the template loader find (`ref/no-match`,
 * `output/collision`, templates and their folder). Those modules sit above this layer; their
 * messages are declared here so that the registry can list them with their rules.
 */
import type { Messages } from '../diagnostics/types.js';
import { tx } from '../i18n.js';

/** A `minutes:` pattern that matches no file (`ref/no-match`). */
export const minutesPatternMessages = {
  noMatch: tx('Le motif « {pattern} » ne désigne aucun fichier.', 'The pattern "{pattern}" matches no file.'),
} satisfies Messages;

/** `output/collision` ({name}: the minutes' output name, without extension). */
export const collisionMessages = {
  sameOutputs: tx(
    'Deux comptes rendus donneraient les mêmes fichiers « {name}.html », « {name}.pdf » et « {name}.docx » : {file} et {other}. Renommez l’un des deux.',
    'Two minutes files would write the same "{name}.html", "{name}.pdf" and "{name}.docx": {file} and {other}. Rename one of them.',
  ),
  eventDocument: tx(
    'Le compte rendu « {file} » écraserait le document « {name} » de l’événement ({name}.html, {name}.pdf, {name}.docx) : renommez le fichier (par exemple « cr-{name}.md »).',
    'The minutes "{file}" would overwrite the event\'s document "{name}" ({name}.html, {name}.pdf, {name}.docx): rename the file (for instance "cr-{name}.md").',
  ),
} satisfies Messages;

/**
 * A template that cannot be used, under the rule of its cause (template/invalid, or the rule of
 * a refused read): {reason} is what coop says of the file, {error} what Handlebars said (English).
 */
export const templateMessages = {
  templateRefused: tx('Modèle refusé : {reason}', 'Template refused: {reason}'),
  templateInvalid: tx('Modèle invalide : {error}.', 'Invalid template: {error}.'),
  templateTooLarge: tx('un modèle de plus de {mb} Mo est refusé', 'a template over {mb} MB is refused'),
} satisfies Messages;

/** The `templates:` folder of an event (ref/outside-project, ref/unknown). */
export const templateFolderMessages = {
  folderOutside: tx('Le dossier de modèles « {path} » sort du dossier du projet.', 'The template folder "{path}" leaves the project folder.'),
  folderMissing: tx(
    'Le dossier de modèles « {path} » n’existe pas (ou n’est pas un dossier).',
    'The template folder "{path}" does not exist (or is not a folder).',
  ),
} satisfies Messages;
