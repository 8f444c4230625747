import type { Level, Place, Severity } from '../diagnostics/types.js';
import type { EventModel } from '../model/event.js';
import type { Path } from '../source/yaml.js';

export interface Report {
  message: string;
  /** Where: a YAML path in the event file, or a ready place. */
  at: Path | Place;
  cause?: { at: Path | Place; message?: string };
  note?: string;
}

export interface RuleContext {
  model: EventModel;
  report(report: Report): void;
}

export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  /** Rules found by a stage (parsing, validation, resolution) have no `run`. */
  run?: (ctx: RuleContext) => void;
}

export type Levels = Record<string, Level>;
