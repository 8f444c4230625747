import type { MessageRef, Messages, Place } from '../diagnostics/types.js';
import type { Text } from '../i18n.js';
import type { EventModel } from '../model/event.js';
import type { MinutesModel } from '../minutes/model.js';
import type { Path } from '../source/yaml.js';

interface ReportPlace {
  /** Where: a YAML path in the event file, or a ready place. */
  at: Path | Place;
  cause?: { at: Path | Place; message?: Text | MessageRef };
  note?: Text | MessageRef;
}

/** What a rule reports: a message by id, with its placeholders' values. */
export type Report = ReportPlace & MessageRef;

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
  /** The messages the rule reports by id (with its notes and causes): every diagnostic names one. */
  messages: Messages;
  /** Rules found by a stage (parsing, validation, resolution) have no `run`. */
  run?: (ctx: RuleContext) => void;
  /** Rules about minutes. */
  runMinutes?: (ctx: MinutesRuleContext) => void;
}
