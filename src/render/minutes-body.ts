/**
 * The minutes' body as printed: the model keeps the Markdown as written, with what it found
 * marked on the nodes (`MinutesMarks`); here "Décision :" becomes "Décision n° 3 :" in bold,
 * a vote "(pour : 17, contre : 2)" its outcome, `@id` the person's name, an action's owners
 * are set apart from its text, and its due dates are written as dates.
 */
import type { Emphasis, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text as MdText } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { isOwnerWord, replaceMentions } from '../minutes/mentions.js';
import { DECISION, findVote, marksIn, type MinutesModel, type VoteModel } from '../minutes/model.js';
import { isRealDate } from '../model/time.js';
import { formatNumericDate, type Locale } from '../typography/index.js';
import { append } from '../util/arrays.js';

/** "adoptée à l’unanimité (17 voix)", "adoptée par 17 voix pour, 2 contre et 1 abstention", "rejetée par…". */
export function voteOutcome(vote: VoteModel, locale: Locale): string {
  if (locale === 'en') {
    const verb = vote.adopted ? 'adopted' : 'rejected';
    if (vote.unanimous) return vote.for === null ? 'adopted unanimously' : `adopted unanimously (${vote.for} vote${vote.for === 1 ? '' : 's'})`;
    const abst = vote.abstain ? `, ${vote.abstain} abstention${vote.abstain === 1 ? '' : 's'}` : '';
    return `${verb} by ${vote.for ?? 0} vote${vote.for === 1 ? '' : 's'} to ${vote.against ?? 0}${abst}`;
  }
  const e = 'e'; // une décision, une résolution
  if (vote.unanimous) return vote.for === null ? `adopté${e} à l’unanimité` : `adopté${e} à l’unanimité (${vote.for}\u00a0voix)`;
  const verb = vote.adopted ? `adopté${e}` : `rejeté${e}`;
  const parts = [`${vote.for ?? 0}\u00a0voix pour`, `${vote.against ?? 0}\u00a0contre`];
  if (vote.abstain) parts.push(`${vote.abstain}\u00a0abstention${vote.abstain > 1 ? 's' : ''}`);
  const list = parts.length === 3 ? `${parts[0]}, ${parts[1]} et ${parts[2]}` : `${parts[0]} et ${parts[1]}`;
  return `${verb} par ${list}`;
}

/** The words that join owners ("@arf et @cuf"); a word of owners is isOwnerWord's (minutes/mentions.ts). */
const OWNERS_JOIN = /^(?:et|and|&|\/|,|;)$/i;
/** What may follow an action's owners: its due date, in any of the accepted forms. */
const DUE_TAIL = /^(?:due:\d{4}-\d{2}-\d{2}|\(?[ée]ch[ée]ance ?: ?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})\)?|\d{1,2}\/\d{1,2}\/\d{4})$/i;

/**
 * The owners that end an action ("… aux participants @specq (échéance : …)") set apart from
 * its text by a dash: "… aux participants — @specq (échéance : …)", the names put in later;
 * "@arf @cuf" becomes "@arf, @cuf", "@arf et @cuf" and "(@arf, @cuf)" stay as written. Word by
 * word from the end: linear, whatever the number of mentions.
 */
export function setOwnersApart(value: string): string {
  const words = value.split(/\s+/);
  let i = words.length - 1;
  while (i >= 0 && !isOwnerWord(words[i])) i--;
  if (i < 0) return value;
  const tail = words
    .slice(i + 1)
    .join(' ')
    .trim();
  if (tail !== '' && !DUE_TAIL.test(tail)) return value;
  let start = i;
  let joined = false;
  for (let k = i - 1; k >= 0; k--) {
    if (isOwnerWord(words[k])) start = k;
    else if (OWNERS_JOIN.test(words[k]) && k - 1 >= 0 && isOwnerWord(words[k - 1])) joined = true;
    else break;
  }
  if (start === 0 || words.slice(0, start).join('').trim() === '') return value;
  const run = words.slice(start, i + 1);
  const owners = joined || run.some((w) => /[(),;/&]/.test(w)) ? run.join(' ') : run.join(', ');
  return [...words.slice(0, start), '—', owners, ...words.slice(i + 1)].join(' ');
}

/** The mentions the model read in a node's text, in order: each with the name it prints as (null: as written). */
type Mentions = Array<{ id: string; name: string | null }>;

/** `@id` prints the name the model found for it; an escaped or unknown mention stays as written. */
function nameMentions(t: MdText, mentions: Mentions): void {
  let k = 0;
  t.value = replaceMentions(t.value, (all, pre, id) => {
    const m = mentions[k++];
    return m?.id === id && m.name !== null ? `${pre}${m.name}` : all;
  });
}

/** The mentions of every text under a node, in order (the text of a label split off a decision). */
function mentionsUnder(node: RootContent): Mentions {
  const out: Mentions = [];
  visit(node, 'text', (t: MdText) => {
    append(out, marksIn(t)?.mentions ?? []);
  });
  return out;
}

/** In the printed body, "due:2016-06-30" reads "(échéance : 30/06/2016)". */
function formatDueDates(node: RootContent, locale: Locale): void {
  visit(node, 'text', (t: MdText) => {
    t.value = t.value
      .replace(/\bdue:(\d{4}-\d{2}-\d{2})\b/g, (_a, d: string) =>
        isRealDate(d) ? (locale === 'en' ? `(due ${formatNumericDate(d, 'en')})` : `(échéance : ${formatNumericDate(d, 'fr')})`) : _a,
      )
      .replace(/(é|e)ch[ée]ance\s*:\s*(\d{4}-\d{2}-\d{2})\b/gi, (a, _e: string, d: string) => (isRealDate(d) ? a.replace(d, formatNumericDate(d, locale)) : a));
  });
}

/**
 * "Décision :" becomes "Décision n° 3 :" ("Résolution n° 3 :" in a procès-verbal) in bold, the
 * vote "(pour : 17, contre : 2)" becomes its outcome, and the paragraph is marked for styling.
 */
function relabel(p: Paragraph, n: number, m: MinutesModel, item: ListItem | undefined, vote: VoteModel | null): void {
  const pv = m.kind === 'pv';
  const label = m.locale === 'en' ? `${pv ? 'Resolution' : 'Decision'} ${n}:` : `${pv ? 'Résolution' : 'Décision'} n°\u00a0${n}\u00a0:`;
  const first = p.children[0];
  if (first && (first.type === 'strong' || first.type === 'emphasis') && DECISION.test(toString(first))) {
    const rest = toString(first).replace(DECISION, '');
    const mentions = mentionsUnder(first);
    first.children = [{ type: 'text', value: label }];
    if (rest) p.children.splice(1, 0, { type: 'text', value: ` ${rest}`, data: { coop: { mentions } } });
  } else if (first?.type === 'text') {
    first.value = first.value.replace(DECISION, ' ');
    p.children.unshift({ type: 'strong', children: [{ type: 'text', value: label }] });
  }
  if (vote) {
    const last = p.children[p.children.length - 1];
    if (last?.type === 'text') {
      const found = findVote(last.value);
      if (found) {
        last.value = last.value.slice(0, found.start).replace(/\s+$/, '');
        const outcome: Emphasis = { type: 'emphasis', children: [{ type: 'text', value: voteOutcome(vote, m.locale) }] };
        p.children.push({ type: 'text', value: ' — ' } as PhrasingContent, outcome);
      }
    }
  }
  // In a tight list the paragraph has no element of its own: mark the list item instead.
  const holder = item ?? p;
  holder.data = { ...(holder.data ?? {}), hProperties: { className: ['decision'] } };
}

/** The body as printed, from a copy of the model's: decisions numbered, owners and mentions named, due dates written as dates. */
export function printedBody(m: MinutesModel): Root {
  const body = structuredClone(m.body);
  const done = new WeakSet<MdText>();
  visit(body, (node, _i, parent) => {
    const marks = marksIn(node);
    if (node.type === 'listItem' && marks?.action) {
      for (const child of node.children) {
        if (child.type === 'list') continue; // sub-items are printed on their own
        visit(child, 'text', (t: MdText) => {
          // Owners that end the action are set apart from its text (« — Tanguy SPECQ »).
          t.value = setOwnersApart(t.value);
          nameMentions(t, marksIn(t)?.mentions ?? []);
          done.add(t);
        });
        formatDueDates(child, m.locale);
      }
      return;
    }
    if (node.type === 'paragraph' && marks?.decision) {
      relabel(node, marks.decision.n, m, parent?.type === 'listItem' ? parent : undefined, marks.decision.vote);
    }
    if (node.type === 'text' && !done.has(node)) nameMentions(node, marks?.mentions ?? []);
    return undefined;
  });
  return body;
}
