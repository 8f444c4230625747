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
  /** The id of the message in the rule's `messages` (absent for stage messages given as text). */
  messageId?: string;
  message: string;
  /** The other place involved (the other session of a conflict). */
  cause?: Place & { message?: string };
  /** How to fix it, when we know. */
  note?: string;
}

/**
 * A diagnostic before the registry stamps it (checks/registry.ts: severity from the rule and
 * the configuration, the message in the reader's language): what a stage found, where, in
 * both languages. Loading and parsing record these; rules report theirs at a YAML path.
 */
export interface Problem {
  rule: string;
  messageId?: string;
  message: Text;
  place: Place;
  note?: Text;
  cause?: Place & { message?: Text };
}

/** What a report says of a rule (SARIF's rule list): a checks/ Rule is one. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
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
