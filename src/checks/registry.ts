/**
 * The rule registry: every rule id coop can report, with its default severity. Rules never
 * set their own severity: the registry stamps it, and the event's `checks:` map or
 * `--strict` may change it (after unified-lint-rule).
 */
import { stageMessage, type Diagnostic, type Level, type Messages, type Place, type Problem } from '../diagnostics/types.js';
import { tx, type Locale } from '../i18n.js';
import type { EventModel } from '../model/event.js';
import type { MinutesModel } from '../minutes/model.js';
import type { Path, YamlSource } from '../source/yaml.js';
import { closest } from '../util/suggest.js';
import { yamlMessages, yamlSchemaMessages } from '../source/yaml.js';
import { schemaMessages } from '../model/zod-issues.js';
import { refMessages } from '../model/refs.js';
import { linkedEventMessages, mentionMessages, minutesMessages } from '../minutes/model.js';
import { eventMessages } from '../model/event.js';
import { readMessages } from '../source/read.js';
import { pathMessages } from '../source/path-problem.js';
import { textMessages } from '../source/text.js';
import { sheetEncodingMessages } from '../source/encoding.js';
import { cleanMessages } from '../source/clean.js';
import { markdownMessages } from '../source/markdown-limits.js';
import { imageMessages } from '../source/project-images.js';
import { attendeeMessages, attendeeSizeMessages, sheetChoiceMessages, spreadsheetMessages } from '../attendees/messages.js';
import { collisionMessages, minutesPatternMessages, templateFolderMessages, templateMessages } from './project-messages.js';
import { dayOrder, duplicateDay } from './rules/days.js';
import { duplicateItem } from './rules/duplicate-item.js';
import { invalidEmail } from './rules/email.js';
import { nonexistentTime } from './rules/nonexistent-time.js';
import { gap } from './rules/gap.js';
import { itemOverlap } from './rules/item-overlap.js';
import { actionOwner, dueBeforeMeeting } from './rules/minutes.js';
import { approvedBeforeMeeting, dateNotInEvent, proxy, quorum, speakerNotPresent, voteCount } from './rules/minutes.js';
import { nearDuplicate } from './rules/near-duplicate.js';
import { outsideSession } from './rules/outside-session.js';
import { overCapacity } from './rules/over-capacity.js';
import { sessionOverlap } from './rules/session-overlap.js';
import { slotTooShort } from './rules/slot-too-short.js';
import { speakerDoubleBooked } from './rules/speaker-double-booked.js';
import { unconfirmed } from './rules/unconfirmed.js';
import { messageText, resolveText } from './messages.js';
import type { MessageRef } from '../diagnostics/types.js';
import type { Report, Rule } from './types.js';
// Programmes as secretariats write them (FORMAT.md §5.1, §5.3).
import { roomUnassigned } from './rules/room-unassigned.js';
import { duplicateSpeaker } from './rules/duplicate-speaker.js';
import { imageAlt } from './rules/image-alt.js';
import { applyIgnores, markdownIgnoreComments, unusedIgnoreMessages, yamlIgnoreComments } from './suppress.js';
import { unlikelyYearRule } from './rules/unlikely-year.js';

/** Found while applying `# coop-ignore:` comments (FORMAT.md §5.3), not by a pass over the model. */
const unusedIgnore: Rule = {
  id: 'ignore/unused',
  severity: 'info',
  description: 'A coop-ignore comment that silences nothing (or names a rule that does not exist or cannot be silenced).',
  messages: unusedIgnoreMessages,
};

/** The messages of `schema/invalid` for a `checks:` entry that names no configurable rule. */
export const checksMessages = {
  notConfigurable: tx(
    'La règle « {id} » ne peut pas être réglée : sans elle, il n’y a pas de programme à vérifier.',
    'Rule "{id}" cannot be configured: without it there is no programme to check.',
  ),
  unknownRule: tx('Règle inconnue « {id} » dans `checks`.', 'Unknown rule "{id}" in `checks`.'),
  unknownRuleGuess: tx('Règle inconnue « {id} » dans `checks` : vouliez-vous dire « {guess} » ?', 'Unknown rule "{id}" in `checks`; did you mean "{guess}"?'),
} satisfies Messages;

/**
 * The messages of a stage rule, from the tables of the stages that report it (each declared
 * beside the code that finds it). Two tables that give one id two texts are a bug: the
 * registry refuses to load.
 */
export function messagesOf(rule: string, ...tables: Messages[]): Messages {
  const out: Record<string, Messages[string]> = {};
  for (const table of tables) {
    for (const [id, text] of Object.entries(table)) {
      const had = out[id];
      if (had && (had.fr !== text.fr || had.en !== text.en)) throw new Error(`internal: rule ${rule} has two messages "${id}"`);
      out[id] = text;
    }
  }
  return out;
}

/** Some messages of a table (one that several rules share). */
function only<M extends Messages>(table: M, ...ids: Array<keyof M & string>): Messages {
  return Object.fromEntries(ids.map((id) => [id, table[id]]));
}

/** Rules found while reading a file: they cannot be turned off (there is no model without them). */
export const stageRules: Rule[] = [
  { id: 'syntax/yaml', severity: 'error', description: 'YAML that does not parse (with its position).', messages: yamlMessages },
  {
    id: 'syntax/encoding',
    severity: 'error',
    description: 'A file that is not UTF-8 text.',
    messages: messagesOf(
      'syntax/encoding',
      textMessages,
      only(sheetEncodingMessages, 'notUtf16', 'binarySheet', 'mixedEncodings', 'unknownEncoding'),
      templateMessages,
    ),
  },
  {
    id: 'syntax/size',
    severity: 'error',
    description: 'A file over the input size limit (10 MB; COOP_MAX_INPUT_MB raises it), or more than 10,000 attendees (COOP_MAX_ATTENDEES).',
    messages: messagesOf('syntax/size', only(readMessages, 'tooLarge'), attendeeSizeMessages, templateMessages),
  },
  {
    id: 'schema/invalid',
    severity: 'error',
    description: 'A value of the wrong shape or type, an unknown key, a bad time or duration.',
    messages: messagesOf('schema/invalid', schemaMessages, yamlSchemaMessages, eventMessages, minutesMessages, attendeeMessages, checksMessages),
  },
  {
    id: 'ref/unknown',
    severity: 'error',
    description: 'A reference (person, organisation, room, @owner, linked file) that names nothing.',
    messages: messagesOf(
      'ref/unknown',
      refMessages,
      mentionMessages,
      only(readMessages, 'missing', 'folder', 'special'),
      only(pathMessages, 'notFolder', 'emptyPath'),
      only(linkedEventMessages, 'linkedEventUnreadable'),
      sheetChoiceMessages,
      only(templateFolderMessages, 'folderMissing'),
      templateMessages,
    ),
  },
  {
    id: 'ref/outside-project',
    severity: 'error',
    description: 'A file path in an input that leaves the project folder (directly or through a symbolic link).',
    messages: messagesOf(
      'ref/outside-project',
      only(readMessages, 'outside'),
      only(pathMessages, 'leavesProject'),
      only(linkedEventMessages, 'eventInProject'),
      only(imageMessages, 'remoteLogo'),
      only(templateFolderMessages, 'folderOutside'),
      templateMessages,
    ),
  },
  {
    id: 'template/invalid',
    severity: 'error',
    description: 'A template that does not compile, or that names a field or helper that does not exist.',
    messages: templateMessages,
  },
  // Spreadsheets (issue #22).
  {
    id: 'syntax/spreadsheet',
    severity: 'error',
    description: 'An attendee workbook (.xlsx, .ods) that cannot be read: damaged, encrypted, an old .xls, or over the size limits.',
    messages: spreadsheetMessages,
  },
  // Untrusted bundles (issue #13).
  {
    id: 'syntax/markdown',
    severity: 'error',
    description:
      "Markdown beyond coop's limits: nesting deeper than 32 levels, more than 1,000 emphasis or link markers in a paragraph, a reference bomb (docs/SECURITY.md).",
    messages: markdownMessages,
  },
  {
    id: 'syntax/control-character',
    severity: 'warning',
    description: 'A control character (ESC, NUL, BEL…) or a lone surrogate in a text: replaced by U+FFFD.',
    messages: only(cleanMessages, 'control'),
  },
  {
    id: 'syntax/bidi-control',
    severity: 'warning',
    description: 'A bidirectional override or isolate (U+202E…) that shows a text in another order than it is written.',
    messages: only(cleanMessages, 'bidi'),
  },
  // Images and logos (issue #19).
  {
    id: 'image/unsupported',
    severity: 'error',
    description: 'A logo or a Markdown image that is not a PNG or JPEG, or over 4,000 pixels a side or 5 MB.',
    messages: only(imageMessages, 'notPngOrJpeg', 'tooBig'),
  },
  {
    id: 'image/remote',
    severity: 'warning',
    description: 'A Markdown image at a remote address (http:, data:, //host): never fetched; its alternative text is shown instead.',
    messages: only(imageMessages, 'remoteImage'),
  },
  {
    id: 'output/collision',
    severity: 'error',
    description: "A minutes file whose outputs would overwrite an event document or another minutes file's.",
    messages: collisionMessages,
  },
];

export const checkRules: Rule[] = [
  itemOverlap,
  sessionOverlap,
  outsideSession,
  speakerDoubleBooked,
  slotTooShort,
  gap,
  duplicateItem,
  nearDuplicate,
  invalidEmail,
  unconfirmed,
  overCapacity,
  dayOrder,
  duplicateDay,
  nonexistentTime,
  // Spreadsheets (issue #22): found while reading the attendee files, configurable like a check.
  {
    id: 'attendees/encoding',
    severity: 'info',
    description: 'An attendee CSV read as Windows-1252, ISO-8859-15 or UTF-16 rather than UTF-8: which encoding was used.',
    messages: only(sheetEncodingMessages, 'readAs', 'saveAsUtf8'),
  },

  roomUnassigned,
  duplicateSpeaker,
  imageAlt,
  unusedIgnore,
  unlikelyYearRule,
];

export const minutesRules: Rule[] = [actionOwner, dueBeforeMeeting];
// Procès-verbaux, approval, agreement with the event (#16)
minutesRules.push(voteCount, quorum, proxy, approvedBeforeMeeting, dateNotInEvent, speakerNotPresent);

/** Found while resolving paths, but only a warning: a minutes folder may still be empty. */
export const pathRules: Rule[] = [
  { id: 'ref/no-match', severity: 'warning', description: 'A minutes: pattern that matches no file.', messages: minutesPatternMessages },
];

export const allRules: Rule[] = [...stageRules, ...checkRules, ...minutesRules, ...pathRules];
const stageRuleSet: ReadonlySet<Rule> = new Set(stageRules);

export const rules: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));

export interface StampOptions {
  levels?: Record<string, Level>;
  strict?: boolean;
  locale: Locale;
}

/** Give a rule's finding its severity and language; undefined when the rule is turned off. */
export function stamp(rule: string, f: Omit<Problem, 'rule'>, options: StampOptions): Diagnostic | undefined {
  const known = rules.get(rule);
  if (!known) throw new Error(`internal: rule ${rule} is not registered`);
  // Every diagnostic names a message its rule declares (JSON's messageId, SARIF's message.id).
  if (!Object.hasOwn(known.messages, f.messageId)) throw new Error(`internal: rule ${rule} does not declare message "${f.messageId}"`);
  const configurable = !stageRuleSet.has(known);
  let level: Level = (configurable ? options.levels?.[rule] : undefined) ?? known.severity;
  if (level === 'off') return undefined;
  if (options.strict && level === 'warning') level = 'error';
  const l = options.locale;
  const d: Diagnostic = { ...f.place, severity: level, rule, messageId: f.messageId, message: f.message[l] };
  if (f.data) d.data = Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, typeof v === 'string' ? v : v[l]]));
  if (f.cause) {
    const { message, ...place } = f.cause;
    d.cause = message ? { ...place, message: message[l] } : place;
  }
  if (f.note) d.note = f.note[l];
  return d;
}

export function stampProblems(problems: Problem[], options: StampOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const d = stamp(p.rule, p, options);
    if (d) out.push(d);
  }
  return out;
}

/** `checks:` names rules: an unknown id is a mistake worth saying (with a suggestion). */
export function checkLevels(model: EventModel, source: YamlSource): Problem[] {
  const ids = [...checkRules, ...minutesRules].map((r) => r.id); // an event's `checks:` also sets its minutes' rules
  const out: Problem[] = [];
  for (const id of Object.keys(model.checks)) {
    if (rules.has(id) && ids.includes(id)) continue;
    const fixed = stageRules.some((r) => r.id === id);
    const guess = closest(id, ids);
    const said = fixed
      ? stageMessage('schema/invalid', checksMessages, 'notConfigurable', { id })
      : guess
        ? stageMessage('schema/invalid', checksMessages, 'unknownRuleGuess', { id, guess })
        : stageMessage('schema/invalid', checksMessages, 'unknownRule', { id });
    out.push({ rule: 'schema/invalid', ...said, place: source.placeOfKey(['checks'], id) });
  }
  return out;
}

/** A rule's report as texts in both languages: its message (by id or ready), its note. */
function reported(rule: Rule, r: Report): Pick<Problem, 'messageId' | 'data' | 'message' | 'note'> {
  const message = { messageId: r.messageId, ...(r.data ? { data: r.data } : {}), message: resolveText(rule, r) };
  return r.note ? { ...message, note: resolveText(rule, r.note) } : message;
}

/** Run every minutes rule on a minutes model (places are Markdown positions). */
export function runMinutesChecks(minutes: MinutesModel, options: StampOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of minutesRules) {
    if (options.levels?.[rule.id] === 'off') continue;
    rule.runMinutes?.({
      minutes,
      report(r: Report) {
        const d = stamp(rule.id, { ...reported(rule, r), place: r.at as Place }, options);
        if (d) out.push(d);
      },
    });
  }
  return out;
}

/** Run every check rule on a model. */
export function runChecks(model: EventModel, source: YamlSource, options: StampOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const place = (at: Path | Place): Place => (Array.isArray(at) ? source.placeOf(at as Path) : (at as Place));
  for (const rule of checkRules) {
    if (options.levels?.[rule.id] === 'off') continue;
    rule.run?.({
      model,
      placeInScalar: (path, line, column) => source.placeInScalar(path, line, column),
      report(r: Report) {
        const cause = r.cause ? { ...place(r.cause.at), ...(r.cause.message ? { message: resolveText(rule, r.cause.message) } : {}) } : undefined;
        const d = stamp(rule.id, { ...reported(rule, r), place: place(r.at), cause }, options);
        if (d) out.push(d);
      },
    });
  }
  return out;
}

/** Apply the `# coop-ignore:` comments of an event file to its diagnostics (FORMAT.md §5.3). */
export function suppressInYaml(diagnostics: Diagnostic[], source: YamlSource, options: StampOptions): Diagnostic[] {
  return applyIgnores(diagnostics, source.file, yamlIgnoreComments(source.text, source.root, source.lineOffset), suppressOptions(options));
}

/**
 * Apply the ignore comments of a minutes file: `# coop-ignore:` in its front matter (`front`,
 * when it could be read), `<!-- coop-ignore: … -->` in its body.
 */
export function suppressInMarkdown(diagnostics: Diagnostic[], file: string, text: string, front: YamlSource | null, options: StampOptions): Diagnostic[] {
  const frontLines = front ? front.text.split('\n').length : 0;
  const bodyFrom = front ? front.lineOffset + frontLines : 0;
  const comments = [...(front ? yamlIgnoreComments(front.text, front.root, front.lineOffset) : []), ...markdownIgnoreComments(text, bodyFrom)];
  return applyIgnores(diagnostics, file, comments, suppressOptions(options));
}

function suppressOptions(options: StampOptions) {
  return {
    known: new Set(rules.keys()),
    fixed: new Set(stageRules.map((r) => r.id)),
    unused: (place: Place, ref: MessageRef) =>
      stamp(unusedIgnore.id, { place, messageId: ref.messageId, data: ref.data, message: messageText(unusedIgnore, ref) }, options),
  };
}
