import type { Place } from '../diagnostics/types.js';
import type { Text } from '../i18n.js';
import type { EventModel } from '../model/event.js';
import type { MinutesModel } from '../minutes/model.js';
import type { Path } from '../source/yaml.js';

/**
 * A rule's messages (eslint's `meta.messages`): id → template in both languages, with
 * `{name}` placeholders that the registry fills from the report's `data`.
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

interface ReportPlace {
  /** Where: a YAML path in the event file, or a ready place. */
  at: Path | Place;
  cause?: { at: Path | Place; message?: Text | MessageRef };
  note?: Text | MessageRef;
}

/** What a rule reports: a message by id (the new shape), or a ready text (rules not converted yet). */
export type Report = ReportPlace & (MessageRef | { message: Text });

export interface RuleContext {
  model: EventModel;
  report(report: Report): void;
  /** The place of `line`:`column` (1-based) of the text of the scalar at `path` (a Markdown description's own position). */
  placeInScalar(path: Path, line: number, column: number): Place;
}

export interface MinutesRuleContext {
  minutes: MinutesModel;
  report(report: Report): void;
}

export interface Rule {
  id: string;
  severity: 'error' | 'warning' | 'info';
  description: string;
  /** The messages the rule reports by id (with its notes and causes). */
  messages?: Messages;
  /** Rules found by a stage (parsing, validation, resolution) have no `run`. */
  run?: (ctx: RuleContext) => void;
  /** Rules about minutes. */
  runMinutes?: (ctx: MinutesRuleContext) => void;
}
