/**
 * Parallel blocks (FORMAT.md §5.1): sessions of one day that overlap in time in different
 * rooms run in parallel. The programme prints them under one heading ("11 h 30 – 13 h,
 * 4 ateliers en parallèle"); the timetable grid puts them side by side. Both take their
 * grouping from here.
 */
import type { DayModel, SessionModel } from './event.js';
import { maxOf, minOf, pushTo } from '../util/arrays.js';

export interface ParallelBlock {
  /** The block's time range: from the earliest start to the latest end of its sessions. */
  start: number;
  end: number;
  /** In the order the programme lists them. */
  sessions: SessionModel[];
  /** What they are, for the heading: all workshops, all round tables, or sessions. */
  kind: 'workshop' | 'roundtable' | 'session';
}

/** One entry of a day's programme: a session on its own, or a block of parallel sessions. */
export type DayEntry = { session: SessionModel; block: null } | { session: null; block: ParallelBlock };

type Timed = SessionModel & { start: number; end: number };

/**
 * Two sessions are parallel when they overlap in time and are not in the same room: two rooms,
 * or a room still to be assigned ("salle à préciser" counts as a room of its own). Sessions
 * without a room that are not workshops or round tables share the plenary room. A same-room
 * overlap is an error (`schedule/session-overlap`), not a parallel block. A block is a group of
 * sessions connected by that relation: O(n²) per day, over the sessions of one day.
 */
export function parallelBlocks(day: DayModel): ParallelBlock[] {
  const timed = day.sessions.filter((s): s is Timed => s.start !== null && s.end !== null && s.end > s.start);
  const parent = timed.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < timed.length; i++) {
    for (let j = i + 1; j < timed.length; j++) {
      const [a, b] = [timed[i], timed[j]];
      if (a.start < b.end && b.start < a.end && !sameRoom(a, b)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Timed[]>();
  timed.forEach((s, i) => {
    const root = find(i);
    pushTo(groups, root, s);
  });
  const blocks: ParallelBlock[] = [];
  for (const sessions of groups.values()) {
    if (sessions.length < 2) continue;
    const kinds = new Set(sessions.map((s) => s.kind));
    blocks.push({
      start: minOf(sessions.map((s) => s.start)),
      end: maxOf(sessions.map((s) => s.end)),
      sessions: [...sessions].sort((a, b) => a.index - b.index),
      kind: kinds.size === 1 && kinds.has('workshop') ? 'workshop' : kinds.size === 1 && kinds.has('roundtable') ? 'roundtable' : 'session',
    });
  }
  return blocks.sort((a, b) => a.sessions[0].index - b.sessions[0].index);
}

/** A day's sessions in programme order, parallel ones gathered into their block (placed where its first session is). */
export function dayEntries(day: DayModel): DayEntry[] {
  const blocks = parallelBlocks(day);
  const blockOf = new Map<SessionModel, ParallelBlock>();
  for (const b of blocks) for (const s of b.sessions) blockOf.set(s, b);
  const out: DayEntry[] = [];
  for (const s of day.sessions) {
    const b = blockOf.get(s);
    if (!b) out.push({ session: s, block: null });
    else if (b.sessions[0] === s) out.push({ session: null, block: b });
  }
  return out;
}

function sameRoom(a: SessionModel, b: SessionModel): boolean {
  if (a.roomUnassigned || b.roomUnassigned) return false;
  if (a.room && b.room) return a.room.id === b.room.id;
  return a.room === null && b.room === null;
}
