/**
 * The words the timetable grid prints (grille.html, grille.pdf; issue #18), in the event's
 * language, and in its `labels_also` language after it ("Horaire / 时间"). Kept apart from
 * labels.ts: the grid gives them to its template as data.
 */
import type { LabelLocale } from './labels.js';

const fr = {
  grid: 'Grille horaire',
  time: 'Horaire',
  morning: 'matin',
  afternoon: 'après-midi',
  evening: 'soir',
  plenary: 'Salle plénière',
  sessions: 'Séances',
  notOnGrid: 'Sans horaire, hors de la grille',
  marked: 'intervenant·e pressenti·e ou sous réserve',
  conflicts: 'Signalé par coop check',
  part: 'partie',
};

export type GridWord = keyof typeof fr;

const en: Record<GridWord, string> = {
  grid: 'Timetable',
  time: 'Time',
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  plenary: 'Plenary room',
  sessions: 'Sessions',
  notOnGrid: 'Without times, not on the grid',
  marked: 'speaker approached or to be confirmed',
  conflicts: 'Reported by coop check',
  part: 'part',
};

/** Chinese: the stand-alone labels only, printed after the event's own (`labels_also: zh`). */
const zh: Partial<Record<GridWord, string>> = {
  grid: '日程表',
  time: '时间',
  plenary: '全体会议厅',
  sessions: '会议',
  notOnGrid: '无时间安排',
};

const words: Record<LabelLocale, Partial<Record<GridWord, string>>> = { fr, en, zh };

/** A grid word in the event's language, and its second label language when it has the word. */
export function gridLabel(key: GridWord, locale: 'fr' | 'en', also: LabelLocale | null = null): string {
  const main = (locale === 'en' ? en : fr)[key];
  const second = also && also !== locale ? words[also][key] : undefined;
  return second ? `${main} / ${second}` : main;
}
