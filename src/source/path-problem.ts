/**
 * The problem with a path an input names (an attendee file, minutes, a template folder): it
 * leaves the project folder, does not exist, or is a folder where a file is expected (or
 * the reverse). A file that is missing or a folder is said as a refused read says it
 * (`readMessages`).
 */
import { tx } from '../i18n.js';
import { stageMessage, type Messages, type Problem } from '../diagnostics/types.js';
import { readMessages } from './read.js';

/** The messages of a path an input names, besides a refused read's (`{path}`: as written). */
export const pathMessages = {
  notFolder: tx('« {path} » est un fichier : un dossier est attendu.', '"{path}" is a file: expected a folder.'),
  leavesProject: tx(
    'Le chemin « {path} » sort du dossier du projet : les fichiers liés doivent rester dans le dossier de l’événement.',
    'The path "{path}" leaves the project folder: linked files must stay inside the event\'s folder.',
  ),
  emptyPath: tx('Le chemin est vide : le nom d’un fichier est attendu.', 'The path is empty: expected a file name.'),
} satisfies Messages;

export function pathProblem(error: 'outside' | 'missing' | 'folder' | 'not-folder', written: string, place: Problem['place']): Problem {
  const said =
    error === 'outside'
      ? stageMessage('ref/outside-project', pathMessages, 'leavesProject', { path: written })
      : error === 'not-folder'
        ? stageMessage('ref/unknown', pathMessages, 'notFolder', { path: written })
        : error === 'folder'
          ? stageMessage('ref/unknown', readMessages, 'folder', { name: written })
          : written.trim() === ''
            ? stageMessage('ref/unknown', pathMessages, 'emptyPath')
            : stageMessage('ref/unknown', readMessages, 'missing', { name: written });
  return { rule: error === 'outside' ? 'ref/outside-project' : 'ref/unknown', ...said, place };
}
