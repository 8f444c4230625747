/**
 * The file names a build writes, known without loading the renderer (the checks need them to
 * refuse a minutes file whose outputs would overwrite an event's documents).
 */

/** The outputs an event defines, by file name, in the order a build writes them. */
export const eventOutputs = [
  'programme.html',
  'programme.pdf',
  'programme.docx',
  'grille.html',
  'grille.pdf',
  'participants.html',
  'participants.pdf',
  'participants.csv',
  'emargement.pdf',
  'intervenants.html',
  'intervenants.pdf',
  'badges.pdf',
  'event.ics',
  'schedule.json',
  'schedule.xml',
] as const;

/**
 * Names other commands write next to a build's outputs (`coop actions -o` writes actions.*,
 * `coop diff -o` modifications.*), or folders a build uses.
 */
const otherOutputs = ['actions', 'modifications', 'assets'];

/**
 * The base names (no extension, lower case) a minutes file may not have: its `NAME.html`,
 * `NAME.pdf` and `NAME.docx` would overwrite an event's documents, on case-insensitive file
 * systems too.
 */
export function reservedOutputNames(): Set<string> {
  return new Set([...eventOutputs.map((o) => o.replace(/\.[^.]+$/, '').toLowerCase()), ...otherOutputs]);
}
