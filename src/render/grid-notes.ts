/**
 * Conflicts on the grid (issue #18): with `--draft`, every place a schedule check reports
 * (a room overlap, a speaker booked twice, an item outside its session, …) is marked on the
 * timetable grid — a red frame and "⚠ 3" on the block — and note 3 under the grid gives the
 * diagnostic as `coop check` prints it (file:line:col, rule, message).
 *
 * A diagnostic points into the event file; the block it marks is the item (else the session)
 * whose YAML node holds that position, and the same for its `cause` (the other session of an
 * overlap, the other talk of a double booking). Found by binary search over the nodes, which
 * are disjoint and in file order: linear in the number of sessions and items.
 */
import type { Diagnostic, Place } from '../diagnostics/types.js';
import type { EventModel } from '../model/event.js';
import type { YamlSource } from '../source/yaml.js';
import { placeKey, type GridNote } from './grid.js';

/** The checks whose findings a draft grid shows: the schedule's, errors and warnings. */
export function marksGrid(d: Diagnostic): boolean {
  return d.rule.startsWith('schedule/') && (d.severity === 'error' || d.severity === 'warning');
}

interface Span {
  start: number;
  end: number;
  key: string;
}

export function gridNotes(model: EventModel, source: YamlSource, diagnostics: readonly Diagnostic[]): GridNote[] {
  const items: Span[] = [];
  const sessions: Span[] = [];
  const span = (path: readonly (string | number)[], key: string, into: Span[]) => {
    const { node, depth } = source.nodeAt(path);
    if (node && depth === path.length && node.start >= 0) into.push({ start: node.start, end: Math.max(node.end, node.start + 1), key });
  };
  for (const day of model.days) {
    for (const s of day.sessions) {
      span(s.path, placeKey(s), sessions);
      for (const it of s.items) span(it.path, placeKey(s, it), items);
    }
  }
  items.sort((a, b) => a.start - b.start);
  sessions.sort((a, b) => a.start - b.start);
  const lineStarts = [0];
  for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsetOf = (p: Place) => (lineStarts[p.line - 1 - source.lineOffset] ?? Infinity) + p.column - 1;
  const find = (list: Span[], at: number): string | null => {
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && at < list[found].end ? list[found].key : null;
  };
  const keyOf = (p: Place): string | null => {
    if (p.file !== source.file) return null;
    const at = offsetOf(p);
    if (!Number.isFinite(at)) return null;
    return find(items, at) ?? find(sessions, at);
  };
  const notes: GridNote[] = [];
  const sorted = [...diagnostics].filter(marksGrid).sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  for (const d of sorted) {
    const targets = new Set<string>();
    const here = keyOf(d);
    if (here) targets.add(here);
    const there = d.cause ? keyOf(d.cause) : null;
    if (there) targets.add(there);
    if (targets.size === 0) continue;
    notes.push({ n: notes.length + 1, text: `${d.file}:${d.line}:${d.column} ${d.rule} — ${d.message}`, targets: [...targets] });
  }
  return notes;
}
