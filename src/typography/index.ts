import { utcMs } from '../util/date.js';
/**
 * Locale typography, applied to the document tree before both back ends (HTML and PDF), so
 * the two media agree. French: non-breaking space before ":" and inside « », narrow
 * non-breaking space before ; ! ?, typographic apostrophe; times "9 h 30", "14 h"; dates
 * "jeudi 1er mars 2012".
 */
export type Locale = 'fr' | 'en';

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

const frDays = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const frMonths = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const enDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(iso: string): { y: number; m: number; d: number; wd: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d, wd: new Date(utcMs(y, m - 1, d)).getUTCDay() };
}

/** "jeudi 1er mars 2012" / "Thursday 1 March 2012"; `weekday: false` drops the day name. */
export function formatDate(iso: string, locale: Locale, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const { y, m, d, wd } = parts(iso);
  const weekday = opts.weekday ?? true;
  const year = opts.year ?? true;
  if (locale === 'en') {
    return `${weekday ? `${enDays[wd]} ` : ''}${d} ${enMonths[m - 1]}${year ? ` ${y}` : ''}`;
  }
  const day = d === 1 ? '1er' : String(d);
  return `${weekday ? `${frDays[wd]} ` : ''}${day}${NBSP}${frMonths[m - 1]}${year ? `${NBSP}${y}` : ''}`;
}

/** "15/06/2016" (fr), "15 Jun 2016" (en): compact, for tables. */
export function formatNumericDate(iso: string, locale: Locale): string {
  const { y, m, d } = parts(iso);
  if (locale === 'en') return `${d} ${enMonths[m - 1].slice(0, 3)} ${y}`;
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** "jeu. 1er mars" — short form for column headers. */
export function formatShortDate(iso: string, locale: Locale): string {
  const { m, d, wd } = parts(iso);
  if (locale === 'en') return `${enDays[wd].slice(0, 3)} ${d} ${enMonths[m - 1].slice(0, 3)}`;
  return `${frDays[wd].slice(0, 3)}. ${d === 1 ? '1er' : d}${NBSP}${frMonths[m - 1]}`;
}

/** "du jeudi 1er au vendredi 2 mars 2012" / "Thursday 1 – Friday 2 March 2012". */
export function formatDateRange(first: string, last: string, locale: Locale): string {
  if (first === last) return formatDate(first, locale);
  const a = parts(first);
  const b = parts(last);
  const sameMonth = a.y === b.y && a.m === b.m;
  const sameYear = a.y === b.y;
  if (locale === 'en') {
    const left = sameMonth ? `${enDays[a.wd]} ${a.d}` : formatDate(first, 'en', { year: !sameYear });
    return `${left} – ${formatDate(last, 'en')}`;
  }
  const left = sameMonth ? `${frDays[a.wd]} ${a.d === 1 ? '1er' : a.d}` : formatDate(first, 'fr', { year: !sameYear });
  return `du ${left} au ${formatDate(last, 'fr')}`;
}

/** 570 → "9 h 30", 840 → "14 h" (fr); "9:30", "14:00" (en). */
export function formatTime(minutes: number, locale: Locale): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === 'en') return `${h}:${String(m).padStart(2, '0')}`;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}

export function formatTimeRange(start: number, end: number, locale: Locale): string {
  return locale === 'en' ? `${formatTime(start, locale)}–${formatTime(end, locale)}` : `${formatTime(start, locale)}${NBSP}– ${formatTime(end, locale)}`;
}

/** "de 15 h 30 à 17 h 30" / "from 15:30 to 17:30". */
export function formatTimeSpan(start: number, end: number, locale: Locale): string {
  return locale === 'en' ? `from ${formatTime(start, locale)} to ${formatTime(end, locale)}` : `de ${formatTime(start, locale)} à ${formatTime(end, locale)}`;
}

/** 90 → "1 h 30", 10 → "10 min". */
export function formatDuration(minutes: number, locale: Locale): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}${NBSP}min`;
  if (locale === 'en') return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${m}${NBSP}min`;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}

/**
 * French spacing on a run of text. Only spaces already present are replaced, and missing
 * ones are added where the punctuation is unambiguous (« », ; ! ? after a letter), so that
 * times "9:30", URLs and ratios stay untouched.
 */
/** A pair of straight double quotes around a phrase ("Test", from a spreadsheet or a keyboard). */
const STRAIGHT_PAIR = /(^|[\s([{—–-])"([^"\s](?:[^"]*[^"\s])?)"(?=$|[\s.,;:!?)\]}…»-])/gu;
/** A straight apostrophe after a letter, before a letter, a digit or an opening quote: l'État, l'« adossement », aujourd'hui. */
const APOSTROPHE = /(\p{L})'(?=[\p{L}\p{N}«“])/gu;

export function frenchSpacing(text: string): string {
  return (
    text
      // straight quotes become guillemets, straight apostrophes typographic ones
      .replace(STRAIGHT_PAIR, '$1«$2»')
      .replace(APOSTROPHE, '$1’')
      // guillemets: « x » with non-breaking spaces inside
      .replace(/«[ \t\n]*/g, `«${NBSP}`)
      .replace(/[ \t\n]*»/g, `${NBSP}»`)
      // a space before a colon becomes non-breaking
      .replace(/[ \t\u202f]+:/g, `${NBSP}:`)
      // ; ! ? take a narrow non-breaking space, added when the word is glued to it
      .replace(/[ \t\u00a0]+([;!?])/g, `${NNBSP}$1`)
      .replace(/([\p{L}\p{N})»])([;!?]+)(?=\s|$)/gu, `$1${NNBSP}$2`)
      // "12 000 €", "15 %": groups of digits and the unit stay on one line
      .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NNBSP}`)
      .replace(/(\d) (?=[€%$£])/g, `$1${NBSP}`)
  );
}

export function applyTypography(text: string, locale: Locale): string {
  if (locale === 'fr') return frenchSpacing(text);
  return text.replace(STRAIGHT_PAIR, '$1“$2”').replace(APOSTROPHE, '$1’');
}

/**
 * French ordinals, set with a raised suffix: "1er", "2e", "XXIe siècle", "1re", "3ème". Roman
 * numerals of one letter only for I, V and X (so "Le" and "Ce" are words, not ordinals).
 */
const ORDINAL = /(?<![\p{L}\p{N}])(\d+|[IVXLC]{2,}|[IVX])(ers?|res?|es?|èmes?|ères?|nde?s?)(?![\p{L}\p{N}])/gu;

/**
 * `text` cut into pieces, the suffixes of ordinals marked `sup` (French only: English ordinals
 * stay on the line). Both back ends raise them: `<sup>` in the tree the HTML and the PDF share.
 */
export function splitOrdinals(text: string, locale: Locale): Array<{ text: string; sup: boolean }> {
  if (locale !== 'fr') return [{ text, sup: false }];
  const out: Array<{ text: string; sup: boolean }> = [];
  let last = 0;
  for (const m of text.matchAll(ORDINAL)) {
    const number = m[1];
    // Digits take every suffix; a Roman numeral only e, er, ème ("XXIe siècle", "Ier").
    if (!/^\d/.test(number) && !/^(e|er|ème)$/.test(m[2])) continue;
    const at = m.index! + number.length;
    if (at > last) out.push({ text: text.slice(last, at), sup: false });
    out.push({ text: m[2], sup: true });
    last = at + m[2].length;
  }
  if (last === 0) return [{ text, sup: false }];
  if (last < text.length) out.push({ text: text.slice(last), sup: false });
  return out;
}
