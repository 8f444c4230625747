import type { Text } from '../i18n.js';

/** One diagnostic shape for every stage (after vfile-message / textlint). */
export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

export interface Place {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Place {
  severity: Severity;
  rule: string;
  /** The id of the message in the rule's `messages` (JSON's `messageId`, SARIF's `message.id`). */
  messageId: string;
  message: string;
  /** The values of the message's placeholders, in the message's language (with `messageId`): SARIF's `arguments`. */
  data?: Readonly<Record<string, string>>;
  /** The other place involved (the other session of a conflict). */
  cause?: Place & { message?: string };
  /** How to fix it, when we know. */
  note?: string;
}

/**
 * Messages declared, not assembled (eslint's `meta.messages`): id → template in both
 * languages, with `{name}` placeholders filled from the report's `data`. Rules declare theirs
 * in their metadata (checks/); the stages that read, validate and load files declare theirs
 * beside the code that finds them (source/, model/, minutes/model.ts, attendees/messages.ts),
 * and the registry lists them with the stage's rules.
 */
export type Messages = Readonly<Record<string, Text>>;

/**
 * Values for a template's placeholders: strings only (numbers, times and dates are formatted
 * by the rule, with the typography helpers), or a pair of strings when the value is written
 * differently in each language (« titre » / "title", 9 h 30 / 9:30). An object or a number
 * is a compile error: "[object Object]" cannot be printed.
 */
export type MessageData = Readonly<Record<string, string | Text>>;

/** A message named by its id in the rule's `messages`, with its placeholders' values. */
export interface MessageRef {
  messageId: string;
  data?: MessageData;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders of a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The placeholders of a message in either language, found once per message (a check may report 10,000 times). */
const placeholderSets = new WeakMap<Text, ReadonlySet<string>>();
function placeholdersOf(template: Text): ReadonlySet<string> {
  let set = placeholderSets.get(template);
  if (!set) {
    set = new Set([...placeholders(template.fr), ...placeholders(template.en)]);
    placeholderSets.set(template, set);
  }
  return set;
}

function fill(template: string, data: MessageData, lang: keyof Text): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = data[name];
    return typeof v === 'string' ? v : v[lang];
  });
}

/**
 * The text of a message in both languages. A message id `owner` (a rule id) does not
 * declare, a placeholder without a value or a value without a placeholder is a bug in the
 * code that reports it: it throws (every fixture and test runs through here, so the suite
 * finds it).
 */
export function formatMessage(owner: string, messages: Messages | undefined, ref: MessageRef): Text {
  const template = messages?.[ref.messageId];
  if (!template) throw new Error(`internal: rule ${owner} has no message "${ref.messageId}"`);
  const data = ref.data ?? {};
  const wanted = placeholdersOf(template);
  const missing = [...wanted].filter((k) => !Object.hasOwn(data, k));
  const extra = Object.keys(data).filter((k) => !wanted.has(k));
  if (missing.length || extra.length) {
    const what = [missing.length ? `no value for {${missing.join('}, {')}}` : '', extra.length ? `no placeholder for ${extra.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    throw new Error(`internal: rule ${owner}, message "${ref.messageId}": ${what}`);
  }
  return { fr: fill(template.fr, data, 'fr'), en: fill(template.en, data, 'en') };
}

/** A message said: its id, the placeholders' values and its text in both languages (what a `Problem` carries, and a stage passes on). */
export interface Said {
  messageId: string;
  /** The values of the placeholders of the message `messageId`. */
  data?: MessageData;
  message: Text;
}

/**
 * A stage's message by id, as a `Problem` carries it: the id, the placeholders' values and the
 * text in both languages. The id must be one of `messages` (a compile error otherwise); the
 * registry lists the table with `rule`, and `stamp` refuses an id the rule does not list.
 */
export function stageMessage<M extends Messages>(rule: string, messages: M, messageId: keyof M & string, data?: MessageData): Said {
  return { messageId, ...(data ? { data } : {}), message: formatMessage(rule, messages, { messageId, data }) };
}

/**
 * A diagnostic before the registry stamps it (checks/registry.ts: severity from the rule and
 * the configuration, the message in the reader's language): what a stage found, where, in
 * both languages. Loading and parsing record these; rules report theirs at a YAML path.
 */
export interface Problem extends Said {
  rule: string;
  place: Place;
  note?: Text;
  cause?: Place & { message?: Text };
}

/** What a report says of a rule (SARIF's rule list): a checks/ Rule is one. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
  /** Its messages by id (SARIF's `messageStrings`). */
  messages?: Messages;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      order[a.severity] - order[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export function summarize(list: Diagnostic[]): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const d of list) {
    if (d.severity === 'error') s.errors++;
    else if (d.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}
