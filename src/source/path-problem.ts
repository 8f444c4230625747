/**
 * The problem with a path an input names (an attendee file, minutes, a template folder): it
 * leaves the project folder, does not exist, or is a folder where a file is expected (or
 * the reverse).
 */
import { tx } from '../i18n.js';
import type { Problem } from '../diagnostics/types.js';

export function pathProblem(error: 'outside' | 'missing' | 'folder' | 'not-folder', written: string, place: Problem['place']): Problem {
  if (error === 'folder' || error === 'not-folder') {
    return {
      rule: 'ref/unknown',
      message:
        error === 'folder'
          ? tx(`« ${written} » est un dossier : un fichier est attendu.`, `"${written}" is a folder: expected a file.`)
          : tx(`« ${written} » est un fichier : un dossier est attendu.`, `"${written}" is a file: expected a folder.`),
      place,
    };
  }
  return error === 'outside'
    ? {
        rule: 'ref/outside-project',
        message: tx(
          `Le chemin « ${written} » sort du dossier du projet : les fichiers liés doivent rester dans le dossier de l’événement.`,
          `The path "${written}" leaves the project folder: linked files must stay inside the event's folder.`,
        ),
        place,
      }
    : {
        rule: 'ref/unknown',
        message:
          written.trim() === ''
            ? tx('Le chemin est vide : le nom d’un fichier est attendu.', 'The path is empty: expected a file name.')
            : tx(`Le fichier « ${written} » n’existe pas.`, `The file "${written}" does not exist.`),
        place,
      };
}
