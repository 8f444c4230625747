/**
 * The rule registry: every rule id coop can report, with its default severity. Rules never
 * set their own severity: the registry stamps it, and the event's `checks:` map or
 * `--strict` may change it (after unified-lint-rule).
 */
import type { Diagnostic, Level, Place } from '../diagnostics/types.js';
import type { EventModel } from '../model/event.js';
import type { Path, YamlSource } from '../source/yaml.js';
import { itemOverlap, outsideSession, sessionOverlap } from './rules/schedule-overlap.js';
import type { Report, Rule } from './types.js';

export const stageRules: Rule[] = [
  { id: 'syntax/yaml', severity: 'error', description: 'YAML that does not parse (with its position).' },
  { id: 'syntax/encoding', severity: 'error', description: 'A file that is not UTF-8 text.' },
  {
    id: 'schema/invalid',
    severity: 'error',
    description: 'A value of the wrong shape or type, an unknown key, a bad time or duration.',
  },
  { id: 'ref/unknown', severity: 'error', description: 'A reference (person, organisation, room) that names nothing.' },
];

export const checkRules: Rule[] = [itemOverlap, sessionOverlap, outsideSession];

export const rules: ReadonlyMap<string, Rule> = new Map([...stageRules, ...checkRules].map((r) => [r.id, r]));

export interface StampOptions {
  levels?: Record<string, Level>;
  strict?: boolean;
}

/** Give a rule's finding its severity; undefined when the rule is turned off. */
export function stamp(
  rule: string,
  finding: Omit<Diagnostic, 'severity' | 'rule'>,
  options: StampOptions = {},
): Diagnostic | undefined {
  const known = rules.get(rule);
  if (!known) throw new Error(`internal: rule ${rule} is not registered`);
  // Errors found while reading the file cannot be silenced: there is no model without them.
  const configurable = !stageRules.includes(known);
  let level: Level = (configurable ? options.levels?.[rule] : undefined) ?? known.severity;
  if (level === 'off') return undefined;
  if (options.strict && level === 'warning') level = 'error';
  return { ...finding, severity: level, rule };
}

/** Run every check rule on a model. */
export function runChecks(model: EventModel, source: YamlSource, options: StampOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const place = (at: Path | Place): Place => (Array.isArray(at) ? source.placeOf(at as Path) : (at as Place));
  for (const rule of checkRules) {
    if (options.levels?.[rule.id] === 'off') continue;
    rule.run?.({
      model,
      report(r: Report) {
        const d = stamp(
          rule.id,
          {
            ...place(r.at),
            message: r.message,
            ...(r.cause ? { cause: { ...place(r.cause.at), ...(r.cause.message ? { message: r.cause.message } : {}) } } : {}),
            ...(r.note ? { note: r.note } : {}),
          },
          options,
        );
        if (d) out.push(d);
      },
    });
  }
  return out;
}
