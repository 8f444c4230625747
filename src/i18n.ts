/**
 * Diagnostics are written for people, in the event's language: every message is built in
 * French and English, and the reporter picks one (the event's `locale`, or `--lang`).
 */
import { formatDuration, formatTime, formatTimeRange, type Locale } from './typography/index.js';

export type { Locale };

export interface Text {
  fr: string;
  en: string;
}

export const tx = (fr: string, en: string): Text => ({ fr, en });

/** Apply the same wording to both languages' parts: tmap(a, b, (x, y) => ...). */
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
