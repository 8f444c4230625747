/**
 * Minutes (FORMAT.md §2): Markdown with YAML front matter. The front matter is validated like
 * an event file (positions point into the Markdown file's own lines); the body is kept as an
 * mdast tree, from which sections, decisions ("Décision :") and actions (GFM task items with
 * `@owner` and a due date) are collected.
 */
import { truncate } from '../util/text.js';
import type { Heading, ListItem, Paragraph, Root, RootContent, Text as MdText } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Place } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import type { EventModel, OrgModel, PersonModel } from '../model/event.js';
import { Refs } from '../model/refs.js';
import { isRealDate } from '../model/time.js';
import { closest } from '../util/suggest.js';
import { issuesToProblems } from '../model/zod-issues.js';
import type { RawProblem } from '../source/yaml.js';
import { YamlSource } from '../source/yaml.js';
import { formatNumericDate, type Locale } from '../typography/index.js';
import { MinutesFront } from './schema.js';
import { checkMarkdownTree, markdownBody, MarkdownScanner, type MarkdownProblem } from '../source/markdown-limits.js';
import { cleanRawText, cleanYamlValue } from '../source/clean.js';
import { append } from '../util/arrays.js';

export type MinutesKind = 'minutes' | 'decisions' | 'synthesis';

export interface DecisionModel {
  n: number;
  text: string;
  line: number;
}

export interface ActionModel {
  text: string;
  ownerId: string | null;
  owner: { name: string; person: PersonModel | null; org: OrgModel | null } | null;
  due: string | null;
  done: boolean;
  line: number;
}

export interface SectionModel {
  depth: number;
  text: string;
  line: number;
}

export interface MinutesModel {
  kind: MinutesKind;
  file: string;
  title: string;
  date: string;
  time: { start: number; end: number } | null;
  place: string | null;
  chair: PersonModel[];
  secretary: PersonModel[];
  present: PersonModel[];
  excused: PersonModel[];
  absent: PersonModel[];
  attachments: string[];
  distribution: string[];
  nextMeeting: { date: string; time: { start: number; end: number } | null; place: string | null } | null;
  status: 'draft' | 'approved' | null;
  approvedOn: string | null;
  locale: Locale;
  event: EventModel | null;
  /** The body, without the front matter; decisions numbered, owners named. */
  body: Root;
  sections: SectionModel[];
  decisions: DecisionModel[];
  actions: ActionModel[];
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface MinutesLoadOptions {
  /** The event named by `event:`, loaded by the caller (it knows the project folder). */
  resolveEvent?: (relative: string) => Promise<{ model: EventModel | null; problem?: RawProblem['message']; rule?: string }>;
}

export interface LoadedMinutes {
  file: string;
  text: string;
  model: MinutesModel | null;
  problems: RawProblem[];
  locale: Locale | null;
  front: YamlSource | null;
}

const DECISION = /^\s*(d[ée]cision)\s*:\s*/i;
const OWNER = /(^|[\s(])@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)/u;
const DUE_ISO = /\bdue:(\d{4}-\d{2}-\d{2})\b/;
const DUE_FR = /\(?\s*[ée]ch[ée]ance\s*:\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})\s*\)?/i;
const DUE_DMY = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

export async function loadMinutesText(text: string, file: string, options: MinutesLoadOptions = {}): Promise<LoadedMinutes> {
  const problems: RawProblem[] = [];
  // Markdown that would take minutes to parse, or nest past what later stages can walk, is
  // refused before (and after) parsing, with its place.
  const bodyStart = markdownBody(text);
  const limited = (p: MarkdownProblem): LoadedMinutes => {
    problems.push({ rule: 'syntax/markdown', message: p.message, place: { file, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 } });
    return { file, text, model: null, problems, front: null, locale: null };
  };
  // Control characters in the body: replaced (one for one, so that columns stay), with a warning.
  const raw = cleanRawText(text.slice(bodyStart.offset), (offset) => placeAt(text, bodyStart.offset + offset, file));
  append(problems, raw.problems);
  const clean = raw.text === text.slice(bodyStart.offset) ? text : text.slice(0, bodyStart.offset) + raw.text;
  const scanned = new MarkdownScanner().scan(raw.text, bodyStart.line);
  if (scanned.problem) return limited(scanned.problem);
  const tree = parser.parse(clean) as Root;
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
      message: tx(
        'Ce compte rendu n’a pas d’en-tête : un bloc YAML entre deux lignes `---` est attendu en tête de fichier (kind, title, date, …).',
        'These minutes have no front matter: expected a YAML block between two `---` lines at the top (kind, title, date, …).',
      ),
      place: at(tree.children[0]),
    });
    return result(null, null);
  }
  // The front matter's own line 1 is the file's line 2 (after the opening ---).
  const front = new YamlSource(file, fm.value, (fm.position?.start.line ?? 1));
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
  const refs = new Refs(front, problems);
  let event: EventModel | null = null;
  if (data.event !== undefined) {
    const loaded = options.resolveEvent ? await options.resolveEvent(data.event) : { model: null };
    event = loaded.model;
    if (loaded.problem) problems.push({ rule: loaded.rule ?? 'ref/unknown', message: loaded.problem, place: front.placeOf(['event']) });
    if (event) {
      for (const [id, o] of event.organisations) refs.organisations.set(id, o);
      for (const [id, p] of event.people) refs.people.set(id, p);
    }
  }

  const body: Root = { type: 'root', children: tree.children.slice(1) as RootContent[] };
  const locale: Locale = data.locale ?? event?.locale ?? 'fr';
  const sections: SectionModel[] = [];
  const decisions: DecisionModel[] = [];
  const actions: ActionModel[] = [];

  visit(body, (node, _i, parent) => {
    if (node.type === 'heading') {
      sections.push({ depth: (node as Heading).depth, text: toString(node), line: node.position?.start.line ?? 0 });
      return;
    }
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') {
      actions.push(readAction(node as ListItem, refs, event, data.date, file, problems, locale));
      return;
    }
    if (node.type === 'paragraph' && !(parent?.type === 'listItem' && typeof (parent as ListItem).checked === 'boolean')) {
      const p = node as Paragraph;
      const plain = toString(p);
      if (DECISION.test(plain)) {
        const n = decisions.length + 1;
        decisions.push({ n, text: plain.replace(DECISION, '').replace(/\s+/g, ' ').trim(), line: p.position?.start.line ?? 0 });
        relabel(p, n, locale, parent?.type === 'listItem' ? (parent as ListItem) : undefined);
      }
    }
  });

  const distribution = (data.distribution ?? []).map((d) => {
    const groups: Record<string, [string, string]> = { present: ['Présents', 'Present'], excused: ['Excusés', 'Excused'], absent: ['Absents', 'Absent'] };
    const g = groups[d];
    if (g) return locale === 'en' ? g[1] : g[0];
    return refs.people.get(d)?.name ?? d;
  });

  const model: MinutesModel = {
    kind: data.kind ?? 'minutes',
    file,
    title: data.title,
    date: data.date,
    time: data.time ?? null,
    place: data.place ?? null,
    chair: refs.persons(data.chair, ['chair']),
    secretary: refs.persons(data.secretary, ['secretary']),
    present: refs.persons(data.present, ['present']),
    excused: refs.persons(data.excused, ['excused']),
    absent: refs.persons(data.absent, ['absent']),
    attachments: data.attachments ?? [],
    distribution,
    nextMeeting: data.next_meeting
      ? { date: data.next_meeting.date, time: data.next_meeting.time ?? null, place: data.next_meeting.place ?? null }
      : null,
    status: data.status ?? null,
    approvedOn: data.approved_on ?? null,
    locale,
    event,
    body,
    sections,
    decisions,
    actions,
  };
  if (data.status === 'approved' && !data.approved_on) {
    problems.push({
      rule: 'schema/invalid',
      message: tx(
        'Compte rendu approuvé sans date d’approbation : ajoutez `approved_on: AAAA-MM-JJ`.',
        'Approved minutes without an approval date: add `approved_on: YYYY-MM-DD`.',
      ),
      place: front.placeOf(['status']),
    });
  }
  return result(model, front);
}

/** "Décision :" becomes "Décision n° 3 :" in bold, and the paragraph is marked for styling. */
function relabel(p: Paragraph, n: number, locale: Locale, item?: ListItem): void {
  const label = locale === 'en' ? `Decision ${n}:` : `Décision n°\u00a0${n}\u00a0:`;
  const first = p.children[0];
  if (first && (first.type === 'strong' || first.type === 'emphasis') && DECISION.test(toString(first))) {
    const rest = toString(first).replace(DECISION, '');
    first.children = [{ type: 'text', value: label }];
    if (rest) p.children.splice(1, 0, { type: 'text', value: ` ${rest}` });
  } else if (first?.type === 'text') {
    first.value = first.value.replace(DECISION, ' ');
    p.children.unshift({ type: 'strong', children: [{ type: 'text', value: label }] });
  }
  // In a tight list the paragraph has no element of its own: mark the list item instead.
  const holder = item ?? p;
  holder.data = { ...(holder.data ?? {}), hProperties: { className: ['decision'] } };
}

function readAction(
  item: ListItem,
  refs: Refs,
  event: EventModel | null,
  meeting: string,
  file: string,
  problems: RawProblem[],
  locale: Locale,
): ActionModel {
  const line = item.position?.start.line ?? 0;
  const place: Place = {
    file,
    line,
    column: item.position?.start.column ?? 1,
    endLine: line,
    endColumn: (item.position?.start.column ?? 1) + 1,
  };
  const raw = toString(item.children[0] ?? item);
  let due: string | null = null;
  let m = DUE_ISO.exec(raw) ?? DUE_FR.exec(raw);
  let dueText = m ? m[1] : null;
  if (!dueText) {
    const d = DUE_DMY.exec(raw);
    if (d) dueText = `${d[1]}/${d[2]}/${d[3]}`;
    m = d;
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
      problems.push({
        rule: 'schema/invalid',
        message: tx(`Échéance « ${dueText} » impossible : une date existante est attendue.`, `Due date "${dueText}" does not exist: expected a real date.`),
        place,
      });
  }
  const ownerMatch = OWNER.exec(raw);
  const ownerId = ownerMatch ? ownerMatch[2] : null;
  let owner: ActionModel['owner'] = null;
  if (ownerId) {
    const person = refs.people.get(ownerId) ?? null;
    const org = person ? null : (refs.organisations.get(ownerId) ?? null);
    if (person || org) owner = { name: person?.name ?? org!.short ?? org!.name, person, org };
    else {
      const guess = closest(ownerId, [...refs.people.keys(), ...refs.organisations.keys()]);
      problems.push({
        rule: 'ref/unknown',
        message: tx(
          `Responsable inconnu « @${ownerId} » pour l’action « ${short(raw)} »` +
            (guess ? ` : vouliez-vous dire « @${guess} » ?` : ' : aucune personne ni aucun organisme de ce nom.'),
          `Unknown owner "@${ownerId}" for the action "${short(raw)}"` + (guess ? `: did you mean "@${guess}"?` : ': no person or organisation by that id.'),
        ),
        place,
        note: event
          ? undefined
          : tx(
              'Ce compte rendu n’est lié à aucun événement : ajoutez `event: ../event.yaml` pour que ses personnes soient connues.',
              'These minutes are linked to no event: add `event: ../event.yaml` so that its people are known.',
            ),
      });
    }
  }
  const text = raw
    .replace(OWNER, '$1')
    .replace(DUE_ISO, '')
    .replace(DUE_FR, '')
    .replace(DUE_DMY, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
  nameOwners(item, refs, locale);
  return { text, ownerId, owner, due, done: item.checked === true, line };
}

/** In the printed body, "@specq" reads "Tanguy SPECQ" and "due:2016-06-30" reads "(échéance : 2016-06-30)". */
function nameOwners(item: ListItem, refs: Refs, locale: Locale): void {
  visit(item, 'text', (t: MdText) => {
    t.value = t.value
      .replace(new RegExp(OWNER.source, 'gu'), (all, pre: string, id: string) => {
        const name = refs.people.get(id)?.name ?? refs.organisations.get(id)?.name;
        return name ? `${pre}${name}` : all;
      })
      .replace(/\bdue:(\d{4}-\d{2}-\d{2})\b/g, (_a, d: string) =>
        isRealDate(d) ? (locale === 'en' ? `(due ${formatNumericDate(d, 'en')})` : `(échéance : ${formatNumericDate(d, 'fr')})`) : _a,
      )
      .replace(/(é|e)ch[ée]ance\s*:\s*(\d{4}-\d{2}-\d{2})\b/gi, (a, _e: string, d: string) => (isRealDate(d) ? a.replace(d, formatNumericDate(d, locale)) : a));
  });
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
