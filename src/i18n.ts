/**
 * Diagnostics and the command line's own words are written for people, in both French and
 * English; the language shown is `--lang`, else the event's `locale`, else French. Messages
 * are declared as templates with placeholders (`Messages`, diagnostics/types.ts); `Text` is
 * one text in both languages, and the helpers below write values for them (times, ranges,
 * quoted words) language by language.
 */
import { formatDuration, formatTime, formatTimeRange, type Locale } from './typography/index.js';

export type { Locale };

export interface Text {
  fr: string;
  en: string;
}

export const tx = (fr: string, en: string): Text => ({ fr, en });

/** Join texts and plain strings, language by language: tjoin([session, day, time], ', ') gives « Séance 2, lundi 5 mars, 9 h 30 » and "Session 2, Monday 5 March, 9:30". */
export function tjoin(parts: Array<Text | string>, sep = ''): Text {
  return {
    fr: parts.map((p) => (typeof p === 'string' ? p : p.fr)).join(sep),
    en: parts.map((p) => (typeof p === 'string' ? p : p.en)).join(sep),
  };
}

export const time = (m: number): Text => ({ fr: formatTime(m, 'fr'), en: formatTime(m, 'en') });
export const range = (a: number, b: number): Text => ({ fr: formatTimeRange(a, b, 'fr'), en: formatTimeRange(a, b, 'en') });
export const duration = (m: number): Text => ({ fr: formatDuration(m, 'fr'), en: formatDuration(m, 'en') });

/** « x » in French, "x" in English. */
export const q = (s: string): Text => ({ fr: `« ${s} »`, en: `"${s}"` });

/** The text in one language. */
export const pick = (t: Text, lang: Locale): string => t[lang];

/** "1 erreur", "0 erreur", "2 erreurs" (French: singular below 2); "0 errors" in English. */
function count(n: number, fr: string, en: string): Text {
  return { fr: `${n} ${fr}${n < 2 ? '' : 's'}`, en: `${n} ${en}${n === 1 ? '' : 's'}` };
}

/**
 * The words of the command line itself (what it wrote, why nothing was written, the summary
 * line, usage errors), in both languages, as diagnostics are: the language is `--lang`, else
 * the locale of the (first) event, else French.
 */
export const cliWords = {
  summary: (errors: number, warnings: number, infos: number): Text =>
    tjoin([count(errors, 'erreur', 'error'), count(warnings, 'avertissement', 'warning'), count(infos, 'info', 'info')], ', '),
  see: tx('voir', 'see'),
  note: tx('note', 'note'),
  wrote: (file: string): Text => tx(`écrit : ${file}`, `wrote ${file}`),
  unchanged: (n: number): Text =>
    tx(
      `(${n} ${n < 2 ? 'sortie inchangée, non régénérée' : 'sorties inchangées, non régénérées'})`,
      `(${n} output${n === 1 ? '' : 's'} unchanged, not re-rendered)`,
    ),
  infosHidden: (n: number): Text =>
    tx(`${n} info${n < 2 ? '' : 's'} (\`coop check\` les liste)`, `${n} info${n === 1 ? '' : 's'} (run \`coop check\` to list them)`),
  nothingWrittenOnly: (only: string, files: number): Text =>
    tx(
      `rien n’a été écrit : --only ${only} ne nomme aucune sortie ${files === 1 ? 'de ce fichier' : 'de ces fichiers'}.`,
      `nothing written: --only ${only} names no output of ${files === 1 ? 'this file' : 'these files'}.`,
    ),
  nothingWrittenDraft: tx(
    'rien n’a été écrit : les erreurs ci-dessus arrêtent même un brouillon (un modèle, un fichier hors du projet, des sorties qui s’écraseraient).',
    'nothing written: the errors above stop even a draft (a template, a file outside the project, outputs that would overwrite each other).',
  ),
  nothingWritten: tx(
    'rien n’a été écrit : corrigez les erreurs ci-dessus, ou utilisez --draft pour produire quand même un brouillon marqué.',
    'nothing written: fix the errors above, or use --draft to render a marked draft anyway.',
  ),
  maxWarnings: (n: number, max: number): Text =>
    tx(
      `${count(n, 'avertissement', 'warning').fr}, plus que les ${max} permis par --max-warnings.`,
      `${count(n, 'avertissement', 'warning').en}, more than --max-warnings ${max} allows.`,
    ),
  noSuchFile: (file: string): Text => tx(`impossible de lire « ${file} » : ce fichier n’existe pas.`, `cannot read "${file}": no such file.`),
  notAFile: (file: string): Text => tx(`« ${file} » n’est pas un fichier.`, `"${file}" is not a file.`),
  notADate: (option: string, value: string): Text =>
    tx(`${option} : « ${value} » n’est pas une date écrite AAAA-MM-JJ.`, `${option}: "${value}" is not a date written YYYY-MM-DD.`),
  inputGone: (files: string[]): Text =>
    tx(
      `${files.join(', ')} ${files.length > 1 ? 'ont été supprimés ou renommés : en attente de leur retour' : 'a été supprimé ou renommé : en attente de son retour'} (Ctrl-C pour arrêter).`,
      `${files.join(', ')} ${files.length > 1 ? 'were' : 'was'} removed or renamed: waiting for ${files.length > 1 ? 'them' : 'it'} to come back (Ctrl-C to stop).`,
    ),
  initNext: (event: string): Text =>
    tx(
      `Ensuite : coop check ${event} && coop build ${event}\nEn CI : coop init --ci github (ou --ci gitlab) écrit un workflow qui vérifie, compare et produit les documents.`,
      `Next: coop check ${event} && coop build ${event}\nIn CI: coop init --ci github (or --ci gitlab) writes a workflow that checks, compares and builds.`,
    ),
  watching: tx('surveillance des modifications (Ctrl-C pour arrêter)…', 'watching for changes (Ctrl-C to stop)…'),
  rebuilding: (file: string): Text => tx(`${file} a changé, reconstruction`, `${file} changed, rebuilding`),
};

/**
 * A speaker's status as printed (programmes) and as the checks word it: « pressentie »,
 * « excusé·e » (French agrees with the civility), "to be confirmed"; null when confirmed.
 */
export function statusLabel(status: string, civility: 'M.' | 'Mme' | null, isOrg: boolean, locale: 'fr' | 'en'): string | null {
  if (locale === 'en') {
    return { tentative: 'approached', unconfirmed: 'to be confirmed', declined: 'declined', confirmed: null }[status] ?? null;
  }
  const fem = civility === 'Mme';
  const unknown = civility === null && !isOrg;
  switch (status) {
    case 'tentative':
      return fem ? 'pressentie' : unknown ? 'pressenti·e' : 'pressenti';
    case 'unconfirmed':
      return 'sous réserve';
    case 'declined':
      return fem ? 'excusée' : unknown ? 'excusé·e' : 'excusé';
    default:
      return null;
  }
}
