/**
 * `coop diff` reporters, pure functions of the changes: text for a terminal, JSON for machines
 * (FORMAT.md §5.4), Markdown for a pull-request comment or a CI job summary.
 */
import type { Locale } from '../i18n.js';
import { formatDate } from '../typography/index.js';
import type { Change } from './compare.js';
import { visible } from '../util/visible.js';
import { wellFormedStrings } from '../util/text.js';
import { pushTo } from '../util/arrays.js';

export interface DiffReport {
  changes: Change[];
  locale: Locale;
  /** The two versions, as named to the user ("HEAD~1:event.yaml", "event.yaml"). */
  oldName: string;
  newName: string;
  /** The new version's title. */
  title: string;
}

/**
 * Characters that would drive a terminal (escape sequences), start a line of their own (a line
 * feed before a forged `::error` workflow command) or reorder text (U+202E): shown as escapes,
 * never printed as such (util/visible.ts, as every human output of coop).
 */
export const clean = (s: string): string => visible(s);

const colon = (locale: Locale) => (locale === 'fr' ? '\u00a0: ' : ': ');
const count = (n: number, locale: Locale) =>
  locale === 'fr'
    ? n === 0
      ? 'aucune modification'
      : `${n}\u00a0modification${n === 1 ? '' : 's'}`
    : n === 0
      ? 'no change'
      : `${n} change${n === 1 ? '' : 's'}`;

/** The changes grouped by the day they are about, in order. */
function byDay(changes: Change[]): Array<[string, Change[]]> {
  const days = new Map<string, Change[]>();
  for (const c of changes) pushTo(days, c.sortKey[0], c);
  return [...days];
}

export function diffToJson(r: DiffReport): string {
  const changes = r.changes.map((c) => ({
    kind: c.kind,
    message: c.message[r.locale],
    old: c.old,
    new: c.new,
    file: c.file,
    line: c.line,
    ...(c.item !== undefined ? { item: c.item } : {}),
  }));
  return JSON.stringify({ changes }, wellFormedStrings, 2) + '\n';
}

export function diffToText(r: DiffReport): string {
  const out: string[] = [];
  for (const [day, list] of byDay(r.changes)) {
    out.push(formatDate(day, r.locale).replace(/\u00a0/g, ' '));
    for (const c of list) out.push(`  ${clean(c.message[r.locale])}  (${clean(c.file)}:${c.line})`);
    out.push('');
  }
  out.push(`${clean(r.oldName)} → ${clean(r.newName)}${colon(r.locale)}${count(r.changes.length, r.locale)}.`);
  return out.join('\n') + '\n';
}

/** Markdown: the characters that could start markup escaped, so that a title cannot become a link, an image or HTML. */
const md = (s: string): string => clean(s).replace(/[\\`*_[\]<>|~&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
const code = (s: string): string => `<code>${clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`;

export function diffToMarkdown(r: DiffReport): string {
  const fr = r.locale === 'fr';
  const out: string[] = [];
  out.push(`### ${fr ? 'Programme modifié' : 'Programme changes'}${colon(r.locale)}${md(r.title)}`, '');
  out.push(`${fr ? 'De' : 'From'} ${code(r.oldName)} ${fr ? 'à' : 'to'} ${code(r.newName)}${colon(r.locale)}${count(r.changes.length, r.locale)}.`, '');
  for (const [day, list] of byDay(r.changes)) {
    out.push(`**${md(formatDate(day, r.locale))}**`, '');
    for (const c of list) out.push(`- ${md(c.message[r.locale])} (${code(`${c.file}:${c.line}`)})`);
    out.push('');
  }
  return out.join('\n');
}
