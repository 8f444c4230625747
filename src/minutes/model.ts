/**
 * Minutes (FORMAT.md §2 and §5.2): Markdown with YAML front matter. The front matter is
 * validated like an event file (positions point into the Markdown file's own lines); the body
 * is kept as an mdast tree, from which sections, decisions ("Décision :", with their votes),
 * actions (GFM task items with `@owner`s, a due date and an optional `#A12` id) and mentions
 * (`@id` in prose) are collected. People and organisations come from the front matter first,
 * then from the linked event.
 */
import { truncate } from '../util/text.js';
import type { Data, Heading, ListItem, Paragraph, Root, RootContent, Text as MdText } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Place } from '../diagnostics/types.js';
import { tx, type Text } from '../i18n.js';
import type { EventImage, EventModel, OrgModel, PersonModel } from '../model/event.js';
import { Refs } from '../model/refs.js';
import type { PersonRefData } from '../model/schema.js';
import { isRealDate } from '../model/time.js';
import { closest } from '../util/suggest.js';
import { nameKey } from '../util/names.js';
import { issuesToProblems } from '../model/zod-issues.js';
import type { Path } from '../source/yaml.js';
import { formatMessage, stageMessage, type MessageData, type Messages, type Problem, type Said } from '../diagnostics/types.js';
import { YamlSource } from '../source/yaml.js';
import type { Locale } from '../typography/index.js';
import { MinutesFront, type ParticipantData } from './schema.js';
import { checkMarkdownTree, markdownBody, MarkdownScanner, type MarkdownProblem } from '../source/markdown-limits.js';
import { cleanRawText, cleanYamlValue } from '../source/clean.js';
import { parseMinutesMarkdown } from '../source/markdown.js';
import { findMentions, isOwnerWord, replaceMentions } from './mentions.js';
import { append } from '../util/arrays.js';

export type MinutesKind = 'minutes' | 'decisions' | 'synthesis' | 'pv';

/**
 * What the model found in a node of the body, kept on the node (`data.coop`) for the printed
 * body (render/minutes-body.ts): the body itself stays the Markdown as written.
 */
export interface MinutesMarks {
  /** A decision's paragraph: its number and its vote. */
  decision?: { n: number; vote: VoteModel | null };
  /** An action's list item. */
  action?: true;
  /** A text's `@id` mentions, in order, each with the name it stands for (null: escaped, or naming nobody). */
  mentions?: Array<{ id: string; name: string | null }>;
}

declare module 'mdast' {
  interface Data {
    coop?: MinutesMarks;
  }
}

/** The marks of a body node, if it has any. */
export function marksIn(node: { data?: Data }): MinutesMarks | undefined {
  return node.data?.coop;
}

/** The marks of a body node, created empty on first use. */
export function marksOf(node: { data?: Data }): MinutesMarks {
  node.data ??= {};
  return (node.data.coop ??= {});
}

/** A vote on a decision: `(pour : 17, contre : 2, abstention : 1)`, or `(unanimité)` (counts null). */
export interface VoteModel {
  for: number | null;
  against: number | null;
  abstain: number | null;
  /** Nobody voted against or abstained. */
  unanimous: boolean;
  adopted: boolean;
}

export interface DecisionModel {
  n: number;
  text: string;
  line: number;
  column: number;
  vote: VoteModel | null;
  /** Where the vote is written ("(pour : 17, …)"), else the decision's first line. */
  votePlace: Place;
}

export interface OwnerModel {
  id: string;
  name: string;
  person: PersonModel | null;
  org: OrgModel | null;
}

export interface ActionModel {
  /** An explicit short id written in the action (`#A12`), which follows it from meeting to meeting. */
  id: string | null;
  text: string;
  /** Every `@id` of the action, in order; `ownerId` / `owner` are the first. */
  ownerIds: string[];
  owners: OwnerModel[];
  ownerId: string | null;
  owner: OwnerModel | null;
  due: string | null;
  done: boolean;
  line: number;
  /**
   * Set when the minutes are built with earlier ones of their series and the action was
   * already open there: the date of the meeting where it was first written.
   */
  carriedSince?: string;
}

export interface SectionModel {
  depth: number;
  text: string;
  line: number;
}

/** Someone present, excused or absent: a person, or an organisation without a named person. */
export interface ParticipantModel {
  /** null for an organisation present without a named person (`{ org: arf }`). */
  person: PersonModel | null;
  /** The person's organisation, or the organisation itself. */
  org: OrgModel | null;
  /** The person's name, or the organisation's. */
  name: string;
  /** The person's, or the unnamed representative's (`{ org, role, civility }`). */
  role: string | null;
  civility: 'M.' | 'Mme' | null;
  path: Path;
}

export interface ProxyModel {
  from: ParticipantModel;
  to: ParticipantModel;
  path: Path;
  place: Place;
}

export interface MinutesModel {
  kind: MinutesKind;
  file: string;
  title: string;
  date: string;
  /** `end` is null when only the start was written ("15h30"). */
  time: { start: number; end: number | null } | null;
  place: string | null;
  /** The body that holds the meeting (`organisers:`, else the linked event's). */
  organisers: OrgModel[];
  chair: PersonModel[];
  secretary: PersonModel[];
  present: ParticipantModel[];
  excused: ParticipantModel[];
  absent: ParticipantModel[];
  /** Procès-verbal: voting members, the quorum, proxies. */
  members: number | null;
  quorum: number | null;
  proxies: ProxyModel[];
  attachments: string[];
  distribution: string[];
  nextMeeting: { date: string; time: { start: number; end: number | null } | null; place: string | null } | null;
  status: 'draft' | 'approved' | null;
  approvedOn: string | null;
  locale: Locale;
  /** Its Markdown images read by the check stage, by their address as written (relative to the minutes file). */
  images?: Map<string, EventImage>;
  event: EventModel | null;
  /**
   * The body as written, without the front matter; decisions, actions and the names of
   * mentions are marked on its nodes (`MinutesMarks`), for render/minutes-body.ts to print.
   */
  body: Root;
  sections: SectionModel[];
  decisions: DecisionModel[];
  actions: ActionModel[];
  /** Where front-matter keys are, for rules that point at them. */
  places: Partial<Record<'date' | 'approved_on' | 'quorum' | 'members' | 'present' | 'event' | 'proxies', Place>>;
}

export interface MinutesLoadOptions {
  /** The event named by `event:`, loaded by the caller (it knows the project folder). */
  resolveEvent?: (relative: string) => Promise<{ model: EventModel | null; problem?: Said; rule?: string; note?: Text }>;
}

export interface LoadedMinutes {
  file: string;
  text: string;
  model: MinutesModel | null;
  problems: Problem[];
  locale: Locale | null;
  front: YamlSource | null;
}

export const DECISION = /^\s*(d[ée]cision|r[ée]solution)\s*:\s*/i;
/** What joins the owner words (isOwnerWord, minutes/mentions.ts) that end an action: "@arf et @cuf". */
const OWNER_JOIN = /^(?:et|and|&|\/|,|;)$/i;
const ACTION_ID = /(^|\s)#([A-Za-z]{1,4}-?\d{1,5})\b/;
const DUE_ISO = /\bdue:(\d{4}-\d{2}-\d{2})\b/;
const DUE_FR = /\(?\s*[ée]ch[ée]ance\s*:\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})\s*\)?/i;
const DUE_DMY = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
/**
 * "(pour : 17, contre : 2, abstention : 1)" in any order, French or English, the colon
 * optional, or the number first: "(17 voix pour, 2 contre et 1 abstention)". Matched against
 * the last parenthesis of a decision only, so the work stays linear in its length.
 */
const VOTE_WORD = '(?:pour|contre|abstentions?|for|against|abstain(?:ed|s)?)';
const VOTE_ITEM = `(?:${VOTE_WORD}\\s*:?\\s*\\d+|\\d+\\s*(?:voix\\s+|votes?\\s+)?${VOTE_WORD})`;
const VOTE = new RegExp(`^\\(\\s*(${VOTE_ITEM}(?:\\s*(?:[,;]|\\bet\\b|\\band\\b)\\s*${VOTE_ITEM})*)\\s*\\)`, 'i');
const VOTE_PART = new RegExp(`(${VOTE_WORD})\\s*:?\\s*(\\d+)|(\\d+)\\s*(?:voix\\s+|votes?\\s+)?(${VOTE_WORD})`, 'gi');
const UNANIMOUS =
  /^\(\s*(?:(?:adoptée?\s+)?(?:à\s+l[’']\s*)?unanimité(?:\s+des\s+(?:présents|votants|membres(?:\s+présents(?:\s+ou\s+représentés)?)?))?|unanimously(?:\s+adopted)?)\s*\)/i;
/** A parenthesis that reads as a vote: "contre", "abstention", "voix", or "pour :" ("(pour 2017)" does not). */
const VOTE_WORDS = /\b(?:contre|against|abstentions?|abstain\w*|voix|votes?)\b|\b(?:pour|for)\s*:/i;

/** The parenthesis that ends a text ("… (pour : 17)." ), with where it starts and ends. */
function trailingParenthesis(text: string): { start: number; end: number; tail: string } | null {
  const start = text.lastIndexOf('(');
  if (start < 0) return null;
  const tail = text.slice(start);
  const m = /^\([^()]*\)[\s.]*$/.exec(tail);
  if (!m) return null;
  return { start, end: start + tail.indexOf(')') + 1, tail };
}

type FoundVote = { start: number; end: number; vote: VoteModel } | { start: number; end: number; unreadable: string };

/** The vote a text ends with, or an unreadable one (a parenthesis with vote words and numbers). */
export function findVote(text: string): FoundVote | null {
  const t = trailingParenthesis(text);
  if (!t) return null;
  if (UNANIMOUS.test(t.tail)) return { start: t.start, end: t.end, vote: { for: null, against: 0, abstain: 0, unanimous: true, adopted: true } };
  const m = VOTE.exec(t.tail);
  if (!m) {
    const inner = text.slice(t.start, t.end);
    return VOTE_WORDS.test(inner) && /\d/.test(inner) ? { start: t.start, end: t.end, unreadable: inner } : null;
  }
  const parts = [...m[1].matchAll(VOTE_PART)];
  // "(pour 2017)" is no vote: one part, the word first, no colon.
  if (parts.length === 1 && parts[0][1] !== undefined && !m[1].includes(':')) return null;
  const counts = { for: 0, against: 0, abstain: 0 };
  for (const part of parts) {
    const w = (part[1] ?? part[4]).toLowerCase();
    const n = part[2] ?? part[3];
    const key = w === 'pour' || w === 'for' ? 'for' : w === 'contre' || w === 'against' ? 'against' : 'abstain';
    counts[key] += Number(n);
  }
  return {
    start: t.start,
    end: t.end,
    vote: {
      ...counts,
      unanimous: counts.for > 0 && counts.against === 0 && counts.abstain === 0,
      // The majority of the votes cast: abstentions are not votes for or against.
      adopted: counts.for > counts.against,
    },
  };
}

export async function loadMinutesText(text: string, file: string, options: MinutesLoadOptions = {}): Promise<LoadedMinutes> {
  const problems: Problem[] = [];
  // Markdown that would take minutes to parse, or nest past what later stages can walk, is
  // refused before (and after) parsing, with its place.
  const bodyStart = markdownBody(text);
  const limited = (p: MarkdownProblem): LoadedMinutes => {
    problems.push({
      rule: 'syntax/markdown',
      messageId: p.messageId,
      message: p.message,
      place: { file, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 },
    });
    return { file, text, model: null, problems, front: null, locale: null };
  };
  // Control characters in the body: replaced (one for one, so that columns stay), with a warning.
  const raw = cleanRawText(text.slice(bodyStart.offset), (offset) => placeAt(text, bodyStart.offset + offset, file));
  append(problems, raw.problems);
  const clean = raw.text === text.slice(bodyStart.offset) ? text : text.slice(0, bodyStart.offset) + raw.text;
  const scanned = new MarkdownScanner().scan(raw.text, bodyStart.line);
  if (scanned.problem) return limited(scanned.problem);
  const tree = parseMinutesMarkdown(clean);
  const tooDeep = checkMarkdownTree(tree);
  if (tooDeep) return limited(tooDeep);
  const at = (node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } } | undefined): Place => ({
    file,
    line: node?.position?.start.line ?? 1,
    column: node?.position?.start.column ?? 1,
    endLine: node?.position?.end.line ?? 1,
    endColumn: node?.position?.end.column ?? 1,
  });
  const result = (model: MinutesModel | null, front: YamlSource | null): LoadedMinutes => ({
    file,
    text,
    model,
    problems,
    front,
    locale: model?.locale ?? null,
  });

  const fm = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  if (!fm) {
    problems.push({
      rule: 'schema/invalid',
      ...said('noFrontMatter'),
      place: at(tree.children[0]),
    });
    return result(null, null);
  }
  // The front matter's own line 1 is the file's line 2 (after the opening ---).
  const front = new YamlSource(file, fm.value, fm.position?.start.line ?? 1);
  append(problems, front.problems);
  if (!front.ok) return result(null, front);
  const cleaned = cleanYamlValue(front.value ?? {}, front);
  append(problems, cleaned.problems);
  const parsed = MinutesFront.safeParse(cleaned.value);
  if (!parsed.success) {
    append(problems, issuesToProblems(parsed.error.issues, front, MinutesFront));
    return result(null, front);
  }
  const data = parsed.data;

  // The event first (its people are the fallback), then the front matter's own.
  let event: EventModel | null = null;
  if (data.event !== undefined) {
    const loaded = options.resolveEvent ? await options.resolveEvent(data.event) : { model: null };
    event = loaded.model;
    if (loaded.problem) {
      problems.push({
        rule: loaded.rule ?? 'ref/unknown',
        ...loaded.problem,
        place: front.placeOf(['event']),
        ...('note' in loaded && loaded.note ? { note: loaded.note } : {}),
      });
    }
  }
  const eventName = data.event ?? null;
  const refs = new Refs(front, problems, (section, id) => whereToDefine(section, id, eventName));
  for (const [id, o] of Object.entries(data.organisations ?? {})) {
    refs.organisations.set(id, { id, name: o.name, short: o.short ?? null, path: ['organisations', id] });
  }
  if (event) for (const [id, o] of event.organisations) if (!refs.organisations.has(id)) refs.organisations.set(id, o);
  for (const [id, p] of Object.entries(data.people ?? {})) refs.people.set(id, refs.inline(p, ['people', id], id));
  if (event) for (const [id, p] of event.people) if (!refs.people.has(id)) refs.people.set(id, p);

  const locale: Locale = data.locale ?? event?.locale ?? 'fr';
  const kind: MinutesKind = data.kind ?? 'minutes';
  const body: Root = { type: 'root', children: tree.children.slice(1) as RootContent[] };
  const source = new MarkdownPlaces(text, file);
  const sections: SectionModel[] = [];
  const decisions: DecisionModel[] = [];
  const actions: ActionModel[] = [];
  const ctx: BodyContext = { refs, source, problems, eventName };

  visit(body, (node, _i, parent) => {
    if (node.type === 'heading') {
      sections.push({ depth: (node as Heading).depth, text: toString(node), line: node.position?.start.line ?? 0 });
      return;
    }
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') {
      actions.push(readAction(node as ListItem, ctx));
      return;
    }
    const inAction = parent?.type === 'listItem' && typeof (parent as ListItem).checked === 'boolean';
    if (node.type === 'paragraph' && !inAction) {
      const p = node as Paragraph;
      const plain = toString(p);
      if (DECISION.test(plain)) {
        const n = decisions.length + 1;
        const { text: decided, vote, unreadable } = readVote(plain.replace(DECISION, '').replace(/\s+/g, ' ').trim());
        const at = votePlace(p, source);
        decisions.push({ n, text: decided, line: p.position?.start.line ?? 0, column: p.position?.start.column ?? 1, vote, votePlace: at });
        if (unreadable) {
          problems.push({
            rule: 'schema/invalid',
            ...said('unreadableVote', { vote: unreadable }),
            place: at,
            note: minutesMessages.writeVote,
          });
        }
        marksOf(p).decision = { n, vote };
      }
    }
    if (node.type === 'text' && !marksIn(node as MdText)?.mentions) nameMentions(node as MdText, ctx, false);
    return undefined;
  });

  const distribution = (data.distribution ?? []).map((d) => {
    const groups: Record<string, [string, string]> = { present: ['Présents', 'Present'], excused: ['Excusés', 'Excused'], absent: ['Absents', 'Absent'] };
    const g = groups[d];
    if (g) return locale === 'en' ? g[1] : g[0];
    return refs.people.get(d)?.name ?? d;
  });

  const participant = (ref: ParticipantData, path: Path): ParticipantModel | null => {
    if (typeof ref === 'object' && !('name' in ref)) {
      const org = refs.org(ref.org, [...path, 'org']);
      return { person: null, org, name: org.name, role: ref.role ?? null, civility: ref.civility ?? null, path };
    }
    const person = refs.person(ref as PersonRefData, path);
    return person ? { person, org: person.org, name: person.name, role: person.role, civility: person.civility, path } : null;
  };
  const participants = (list: ParticipantData[] | undefined, key: string): ParticipantModel[] =>
    (list ?? []).flatMap((r, i) => {
      const p = participant(r, [key, i]);
      return p ? [p] : [];
    });
  const proxies: ProxyModel[] = (data.proxies ?? []).flatMap((x, i) => {
    const from = participant(x.from, ['proxies', i, 'from']);
    const to = participant(x.to, ['proxies', i, 'to']);
    return from && to ? [{ from, to, path: ['proxies', i], place: front.placeOf(['proxies', i]) }] : [];
  });

  const places: MinutesModel['places'] = {};
  for (const k of ['date', 'approved_on', 'quorum', 'members', 'present', 'event', 'proxies'] as const) {
    if (front.keyNodeAt([], k)) places[k] = front.placeOf([k]);
  }

  const model: MinutesModel = {
    kind,
    file,
    title: data.title,
    date: data.date,
    time: data.time ?? null,
    place: data.place ?? null,
    organisers: data.organisers ? data.organisers.map((o, i) => refs.org(o, ['organisers', i])) : (event?.organisers ?? []),
    chair: refs.persons(data.chair, ['chair']),
    secretary: refs.persons(data.secretary, ['secretary']),
    present: participants(data.present, 'present'),
    excused: participants(data.excused, 'excused'),
    absent: participants(data.absent, 'absent'),
    members: data.members ?? null,
    quorum: data.quorum ?? null,
    proxies,
    attachments: data.attachments ?? [],
    distribution,
    nextMeeting: data.next_meeting ? { date: data.next_meeting.date, time: data.next_meeting.time ?? null, place: data.next_meeting.place ?? null } : null,
    status: data.status ?? null,
    approvedOn: data.approved_on ?? null,
    locale,
    event,
    body,
    sections,
    decisions,
    actions,
    places,
  };
  if (data.status === 'approved' && !data.approved_on) {
    problems.push({
      rule: 'schema/invalid',
      ...said('approvedWithoutDate'),
      place: front.placeOf(['status']),
    });
  }
  return result(model, front);
}

/**
 * The `event:` written in a minutes file's front matter, read without checking the rest (to
 * find the file's project folder before it is loaded); null when there is none.
 */
export function linkedEventOf(text: string): string | null {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return null;
  const front = new YamlSource('', m[1]);
  const value = front.ok ? (front.value as { event?: unknown } | null) : null;
  return value && typeof value === 'object' && typeof value.event === 'string' ? value.event : null;
}

/** The note of `ref/unknown` in minutes: where this kind of file can define the id. */
function whereToDefine(section: string, id: string, eventName: string | null): Text {
  const example = section === 'organisations' ? `${id}: { name: … }` : `${id}: { name: …, role: … }`;
  return eventName
    ? formatMessage('ref/unknown', mentionMessages, { messageId: 'defineHereOrInEvent', data: { example, section, event: eventName } })
    : formatMessage('ref/unknown', mentionMessages, { messageId: 'defineHere', data: { example, section } });
}

/** The messages of `ref/unknown` for an `@id` of the minutes' body that names nobody. */
export const mentionMessages = {
  unknownMention: tx(
    'Mention inconnue « @{id} » : aucune personne ni aucun organisme de ce nom.',
    'Unknown mention "@{id}": no person or organisation by that id.',
  ),
  unknownMentionGuess: tx('Mention inconnue « @{id} » : vouliez-vous dire « @{guess} » ?', 'Unknown mention "@{id}": did you mean "@{guess}"?'),
  unknownOwner: tx(
    'Responsable inconnu « @{id} » pour l’action « {action} » : aucune personne ni aucun organisme de ce nom.',
    'Unknown owner "@{id}" for the action "{action}": no person or organisation by that id.',
  ),
  unknownOwnerGuess: tx(
    'Responsable inconnu « @{id} » pour l’action « {action} » : vouliez-vous dire « @{guess} » ?',
    'Unknown owner "@{id}" for the action "{action}": did you mean "@{guess}"?',
  ),
  plainAt: tx('{define} Pour un simple « @ », écrivez \\@{id}.', '{define} For a plain "@", write \\@{id}.'),
  // The notes of ref/unknown in minutes: where the id can be defined ({example}: `anne: { name: …, role: … }`).
  defineHereOrInEvent: tx(
    'Ajoutez `{example}` sous `{section}:` dans l’en-tête de ce compte rendu, ou dans l’événement lié ({event}).',
    'Add `{example}` under `{section}:` in the front matter of these minutes, or in the linked event ({event}).',
  ),
  defineHere: tx(
    'Ajoutez `{example}` sous `{section}:` dans l’en-tête de ce compte rendu (ou liez un événement qui le définit : `event: ../event.yaml`).',
    'Add `{example}` under `{section}:` in the front matter of these minutes (or link an event that defines it: `event: ../event.yaml`).',
  ),
} satisfies Messages;

/** The messages of `schema/invalid` found while reading minutes: the front matter, votes, approval, due dates. */
export const minutesMessages = {
  noFrontMatter: tx(
    'Ce compte rendu n’a pas d’en-tête : un bloc YAML entre deux lignes `---` est attendu en tête de fichier (kind, title, date, …).',
    'These minutes have no front matter: expected a YAML block between two `---` lines at the top (kind, title, date, …).',
  ),
  unreadableVote: tx(
    'Vote illisible « {vote} » : les nombres de voix pour, contre et d’abstentions sont attendus.',
    'Unreadable vote "{vote}": expected the numbers of votes for, against and abstentions.',
  ),
  writeVote: tx('Écrivez-le ainsi : (pour : 17, contre : 2, abstention : 1).', 'Write it so: (for: 17, against: 2, abstain: 1).'),
  approvedWithoutDate: tx(
    'Compte rendu approuvé sans date d’approbation : ajoutez `approved_on: AAAA-MM-JJ`.',
    'Approved minutes without an approval date: add `approved_on: YYYY-MM-DD`.',
  ),
  impossibleDue: tx('Échéance « {due} » impossible : une date existante est attendue.', 'Due date "{due}" does not exist: expected a real date.'),
} satisfies Messages;

const said = (id: keyof typeof minutesMessages, data?: MessageData) => stageMessage('schema/invalid', minutesMessages, id, data);

/**
 * The messages of the event a minutes file links (`event:`), found by the project's loader:
 * `linkedEventUnreadable` (ref/unknown) and the note of a link outside the project
 * (ref/outside-project; {levels}: how many folders up the event may be).
 */
export const linkedEventMessages = {
  linkedEventUnreadable: tx(
    'L’événement « {path} » a des erreurs qui empêchent de le lire : lancez `coop check {path}`.',
    'The event "{path}" has errors that stop it from being read: run `coop check {path}`.',
  ),
  eventInProject: tx(
    'L’événement d’un compte rendu doit être dans son dossier ou dans l’un des {levels} dossiers au-dessus (`event: ../event.yaml`) : c’est le dossier du projet.',
    'The event of minutes must be in their folder or in one of the {levels} folders above it (`event: ../event.yaml`): that is the project folder.',
  ),
} satisfies Messages;

interface BodyContext {
  refs: Refs;
  source: MarkdownPlaces;
  problems: Problem[];
  eventName: string | null;
}

/** Positions inside the Markdown text (mdast offsets to `line:col`). */
class MarkdownPlaces {
  private readonly lineStarts: number[] = [0];
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  place(start: number, end: number): Place {
    const a = this.lineCol(start);
    const b = this.lineCol(end);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  private lineCol(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo] + 1 };
  }

  /**
   * The `@id` mentions written in a node's source, in order, with their offsets; a mention
   * escaped as `\@id` is not one (it prints as a plain "@id").
   */
  mentions(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Array<{ id: string; start: number; end: number; escaped: boolean }> {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return [];
    return findMentions(this.text.slice(start, end), true).map((m) => ({ id: m.id, start: start + m.at, end: start + m.end, escaped: m.escaped }));
  }
}

type Named = { id: string; name: string; person: PersonModel | null; org: OrgModel | null };

function lookup(refs: Refs, id: string): Named | null {
  const person = refs.people.get(id) ?? null;
  const org = person ? null : (refs.organisations.get(id) ?? null);
  if (person) return { id, name: person.name, person, org: null };
  if (org) return { id, name: org.short ?? org.name, person: null, org };
  return null;
}

/**
 * `@id` in prose prints the person's (or organisation's) name (kept in the text node's marks);
 * an id that names nobody is a `ref/unknown` error at the mention. Inside an action (`owners`),
 * the mentions are its owners.
 */
function nameMentions(t: MdText, ctx: BodyContext, owners: boolean, actionText?: string): string[] {
  const found: string[] = [];
  const written = ctx.source.mentions(t);
  const mentions: NonNullable<MinutesMarks['mentions']> = [];
  marksOf(t).mentions = mentions;
  for (const { id } of findMentions(t.value)) {
    // The k-th mention of the value is the k-th of the source, where `\@id` is no mention.
    let src: (typeof written)[number] | undefined = written[mentions.length];
    if (src && src.id !== id) src = undefined;
    if (src?.escaped) {
      mentions.push({ id, name: null });
      continue;
    }
    const named = lookup(ctx.refs, id);
    if (named) {
      found.push(id);
      mentions.push({ id, name: named.person?.name ?? named.org?.name ?? named.name });
      continue;
    }
    mentions.push({ id, name: null });
    const place = src ? ctx.source.place(src.start, src.end) : placeOfNode(t, ctx.source.file);
    const guess = closest(id, [...ctx.refs.people.keys(), ...ctx.refs.organisations.keys()]);
    const data: MessageData = owners && actionText !== undefined ? { id, action: short(actionText) } : { id };
    const kind = owners && actionText !== undefined ? 'Owner' : 'Mention';
    ctx.problems.push({
      rule: 'ref/unknown',
      ...(guess
        ? stageMessage('ref/unknown', mentionMessages, `unknown${kind}Guess`, { ...data, guess })
        : stageMessage('ref/unknown', mentionMessages, `unknown${kind}`, data)),
      place,
      note: guess
        ? undefined
        : formatMessage('ref/unknown', mentionMessages, { messageId: 'plainAt', data: { define: whereToDefine('people', id, ctx.eventName), id } }),
    });
    found.push(id);
  }
  return found;
}

function placeOfNode(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }, file: string): Place {
  return {
    file,
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    endLine: node.position?.start.line ?? 1,
    endColumn: (node.position?.start.column ?? 1) + 1,
  };
}

/** The place of a decision's vote in the source, else of its first line. */
function votePlace(p: Paragraph, source: MarkdownPlaces): Place {
  const start = p.position?.start.offset;
  const end = p.position?.end.offset;
  if (start !== undefined && end !== undefined) {
    const raw = source.text.slice(start, end);
    let cut = raw.length; // the closing emphasis marks and spaces left out, without a regex that backtracks
    while (cut > 0 && /[*_\s]/.test(raw[cut - 1])) cut--;
    const found = findVote(raw.slice(0, cut));
    if (found) return source.place(start + found.start, start + found.end);
  }
  return placeOfNode(p, source.file);
}

/** The vote at the end of a decision, and the decision's text without it. */
export function readVote(text: string): { text: string; vote: VoteModel | null; unreadable?: string } {
  const found = findVote(text);
  if (!found) return { text, vote: null };
  if ('unreadable' in found) return { text, vote: null, unreadable: found.unreadable };
  return { text: text.slice(0, found.start).trim(), vote: found.vote };
}

function readAction(item: ListItem, ctx: BodyContext): ActionModel {
  const line = item.position?.start.line ?? 0;
  const place: Place = placeOfNode(item, ctx.source.file);
  const raw = toString(item.children[0] ?? item);
  let due: string | null = null;
  const m = DUE_ISO.exec(raw) ?? DUE_FR.exec(raw);
  let dueText = m ? m[1] : null;
  if (!dueText) {
    const d = DUE_DMY.exec(raw);
    if (d) dueText = `${d[1]}/${d[2]}/${d[3]}`;
  }
  if (dueText) {
    const iso = /^\d{4}/.test(dueText)
      ? dueText
      : (() => {
          const [d, mo, y] = dueText.split('/');
          return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
        })();
    if (isRealDate(iso)) due = iso;
    else
      ctx.problems.push({
        rule: 'schema/invalid',
        ...said('impossibleDue', { due: dueText }),
        place,
      });
  }
  const idMatch = ACTION_ID.exec(raw);
  const id = idMatch ? idMatch[2].toUpperCase().replace('-', '') : null;
  // The text of the action, for tables and the tracker: no due date, no id, the owners that
  // end it left out ("@arf et @cuf"), the others named.
  let text = raw
    .replace(DUE_ISO, '')
    .replace(DUE_FR, '')
    .replace(DUE_DMY, '')
    .replace(ACTION_ID, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\(\s*\)/g, '');
  text = withoutTrailingOwners(text).replace(/\s*[(\-–—:,;]+\s*$/, '');
  text = replaceMentions(text, (all, pre, oid) => {
    const named = lookup(ctx.refs, oid);
    const name = named?.person?.name ?? named?.org?.name;
    return name !== undefined ? `${pre}${name}` : all;
  })
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
  // Owners: every @id of the item, checked at its place and named in the printed body.
  const ownerIds: string[] = [];
  for (const child of item.children) {
    if (child.type === 'list') continue; // sub-items are read on their own
    visit(child, 'text', (t: MdText) => {
      for (const oid of nameMentions(t, ctx, true, text)) if (!ownerIds.includes(oid)) ownerIds.push(oid);
    });
  }
  marksOf(item).action = true;
  const owners = ownerIds.flatMap((oid) => {
    const named = lookup(ctx.refs, oid);
    return named ? [named] : [];
  });
  return {
    id,
    text,
    ownerIds,
    owners,
    ownerId: ownerIds[0] ?? null,
    owner: ownerIds[0] !== undefined ? (owners.find((o) => o.id === ownerIds[0]) ?? null) : null,
    due,
    done: item.checked === true,
    line,
  };
}

/**
 * The action's text without the run of owners that ends it ("@arf @cuf", "@arf et @cuf",
 * "(@arf, @cuf)"), word by word from the end: linear, whatever the number of owners.
 */
function withoutTrailingOwners(text: string): string {
  const words = text.split(' ');
  let cut = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    if (isOwnerWord(words[i])) cut = i;
    else if (!(OWNER_JOIN.test(words[i]) && cut === i + 1)) break;
  }
  if (cut > 0 && cut < words.length && OWNER_JOIN.test(words[cut - 1])) cut--;
  return words.slice(0, cut).join(' ');
}

/** The same participant, whoever wrote it: the same id, or the same name, or the same organisation. */
export function participantKey(p: ParticipantModel): string {
  if (p.person) return p.person.id ? `id:${p.person.id}` : `name:${nameKey(p.person.name)}`;
  return p.org?.id ? `org:${p.org.id}` : `orgname:${nameKey(p.name)}`;
}

function short(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return truncate(t, 60);
}

/** The place of a text offset (1-based line and column). */
function placeAt(text: string, offset: number, file: string): Place {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  const column = offset - start + 1;
  return { file, line, column, endLine: line, endColumn: column + 1 };
}
