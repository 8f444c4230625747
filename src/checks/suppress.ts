/**
 * Inline suppression (FORMAT.md §5.3). In YAML, `# coop-ignore: RULE[, RULE…]` at the end of
 * the line a diagnostic points at, or alone on the line just above it; in Markdown,
 * `<!-- coop-ignore: RULE -->` on the line above (the front matter takes the YAML form).
 * Errors of `syntax/*`, `schema/*` and `ref/*` (and `template/*`) cannot be silenced: without
 * them there is no programme. An ignore comment that silences nothing is reported as the info
 * `ignore/unused`, as eslint reports unused disable directives, so that stale ones go.
 */
import type { Diagnostic, Place } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import type { PosNode } from '../source/yaml.js';
import { closest } from '../util/suggest.js';
import type { MessageRef, Messages } from '../diagnostics/types.js';
import { append, pushTo } from '../util/arrays.js';

export interface IgnoreComment {
  /** 1-based line of the comment. */
  line: number;
  /** The line whose diagnostics it silences: its own (end of line) or the next (alone on its line). */
  target: number;
  rules: Array<{ id: string; column: number; endColumn: number }>;
}

const YAML_IGNORE = /(^|[ \t])#[ \t]*coop-ignore[ \t]*:?[ \t]*(.*)$/;
const MD_IGNORE = /^[ \t]*<!--[ \t]*coop-ignore[ \t]*:?[ \t]*(.*?)[ \t]*-->[ \t]*$/;

/**
 * The `# coop-ignore:` comments of a YAML text. `root` (the position tree) tells a comment from
 * a `#` inside a quoted or block scalar; `lineOffset` is added to lines (a front matter).
 */
export function yamlIgnoreComments(text: string, root?: PosNode, lineOffset = 0, lines?: [number, number]): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  if (!text.includes('coop-ignore')) return out;
  const candidates: Array<{ offset: number; line: number; standalone: boolean; list: string; listColumn: number }> = [];
  let offset = 0;
  const all = text.split('\n');
  all.forEach((line, i) => {
    const lineNo = i + 1;
    const start = offset;
    offset += line.length + 1;
    if (lines && (lineNo < lines[0] || lineNo > lines[1])) return;
    const m = YAML_IGNORE.exec(line);
    if (!m) return;
    const hash = m.index + m[1].length;
    const list = m[2].replace(/\r$/, '');
    candidates.push({ offset: start + hash, line: lineNo, standalone: line.slice(0, hash).trim() === '', list, listColumn: line.length - m[2].length + 1 });
  });
  if (candidates.length === 0) return out;
  const scalars = root ? scalarRanges(root) : [];
  for (const c of candidates) {
    if (scalars.some(([a, b]) => c.offset >= a && c.offset < b)) continue; // a "#" inside a text value
    out.push({ line: c.line + lineOffset, target: c.line + lineOffset + (c.standalone ? 1 : 0), rules: ruleList(c.list, c.listColumn) });
  }
  return out;
}

/** The `<!-- coop-ignore: … -->` comments of a Markdown body (lines after `from`). */
export function markdownIgnoreComments(text: string, from = 0): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  if (!text.includes('coop-ignore')) return out;
  text.split('\n').forEach((line, i) => {
    if (i + 1 <= from) return;
    const m = MD_IGNORE.exec(line.replace(/\r$/, ''));
    if (!m) return;
    const column = line.indexOf(m[1]) + 1;
    out.push({ line: i + 1, target: i + 2, rules: ruleList(m[1], column) });
  });
  return out;
}

function ruleList(list: string, column: number): IgnoreComment['rules'] {
  const out: IgnoreComment['rules'] = [];
  let at = 0;
  for (const part of list.split(',')) {
    const lead = part.length - part.trimStart().length;
    const id = part.trim();
    if (id) out.push({ id, column: column + at + lead, endColumn: column + at + lead + id.length });
    at += part.length + 1;
  }
  return out;
}

function scalarRanges(root: PosNode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: PosNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'scalar') {
      if (n.start >= 0 && n.end > n.start) out.push([n.start, n.end]);
    } else if (n.kind === 'seq') append(stack, n.items);
    else if (n.kind === 'map') {
      append(stack, n.keys);
      append(stack, n.values);
    }
  }
  return out;
}

/** The messages of `ignore/unused` (checks/registry.ts declares the rule with them). */
export const unusedIgnoreMessages: Messages = {
  cannotSilence: tx(
    '« coop-ignore: {rule} » ne peut rien taire : les erreurs {family}/* se corrigent, elles ne s’ignorent pas.',
    '"coop-ignore: {rule}" cannot silence anything: {family}/* errors must be fixed, not ignored.',
  ),
  unknownRule: tx('« coop-ignore » nomme une règle inconnue, « {rule} ».', '"coop-ignore" names an unknown rule, "{rule}".'),
  unknownRuleGuess: tx(
    '« coop-ignore » nomme une règle inconnue, « {rule} » : vouliez-vous dire « {guess} » ?',
    '"coop-ignore" names an unknown rule, "{rule}"; did you mean "{guess}"?',
  ),
  silencesNothing: tx(
    '« coop-ignore: {rule} » ne tait rien : aucun diagnostic {rule} sur la ligne {line}. Retirez ce commentaire s’il n’a plus lieu d’être.',
    '"coop-ignore: {rule}" silences nothing: no {rule} diagnostic on line {line}. Remove the comment if it is no longer needed.',
  ),
};

export interface SuppressOptions {
  /** Rules that exist. */
  known: ReadonlySet<string>;
  /** Rules that cannot be silenced (syntax, schema, ref, template). */
  fixed: ReadonlySet<string>;
  /** Turn the unused-ignore finding into a diagnostic (severity, language); undefined when off. */
  unused(place: Place, message: MessageRef): Diagnostic | undefined;
}

/**
 * Remove the diagnostics of `file` that an ignore comment silences, and add an `ignore/unused`
 * info for every rule named in a comment that silenced nothing (or that cannot be silenced,
 * or does not exist). Diagnostics of other files pass through.
 */
export function applyIgnores(diagnostics: Diagnostic[], file: string, comments: IgnoreComment[], options: SuppressOptions): Diagnostic[] {
  if (comments.length === 0) return diagnostics;
  const byTarget = new Map<number, IgnoreComment[]>();
  for (const c of comments) pushTo(byTarget, c.target, c);
  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    if (d.file !== file || options.fixed.has(d.rule)) return true;
    for (const c of byTarget.get(d.line) ?? []) {
      const r = c.rules.find((x) => x.id === d.rule);
      if (r) {
        used.add(`${c.line}:${r.column}`);
        return false;
      }
    }
    return true;
  });
  const known = [...options.known].filter((id) => !options.fixed.has(id));
  for (const c of comments) {
    for (const r of c.rules) {
      if (used.has(`${c.line}:${r.column}`)) continue;
      const place: Place = { file, line: c.line, column: r.column, endLine: c.line, endColumn: r.endColumn };
      let message: MessageRef;
      if (options.fixed.has(r.id)) {
        message = { messageId: 'cannotSilence', data: { rule: r.id, family: r.id.split('/')[0] } };
      } else if (!options.known.has(r.id)) {
        const guess = closest(r.id, known);
        message = guess ? { messageId: 'unknownRuleGuess', data: { rule: r.id, guess } } : { messageId: 'unknownRule', data: { rule: r.id } };
      } else {
        message = { messageId: 'silencesNothing', data: { rule: r.id, line: String(c.target) } };
      }
      const d = options.unused(place, message);
      if (d) kept.push(d);
    }
  }
  return kept;
}
