/**
 * micromark's `EditMap.consume` made linear, once per process (micromark-util-edit-map 1.0.0).
 *
 * micromark's document tokenizer (`micromark/lib/initialize/document.js`) moves the exits of
 * the containers that close after flow (lists, block quotes) with an `EditMap` whose changes
 * sit at the end of the event list; `consume` then copied the whole list (`events.slice()` of
 * the unchanged prefix, `events.length = 0`, every event pushed back), so minutes with many
 * lists were quadratic: the 0.5 MB minutes of the 10,000-item congress spent half of their
 * parse there. This `consume` truncates the list at the first change and appends the pieces
 * after it, which gives the same list (same events, same order, same array) and moves only
 * what follows the first change.
 *
 * Every module that runs micromark calls `installLinearEditMap()` at load, so the patch holds
 * in the bundle, the tsc output and vitest alike. `editMapWork` counts what `consume` moves
 * (test/micromark-edit-map.test.ts holds it linear).
 */
import { EditMap } from 'micromark-util-edit-map';

/** What the linear `consume` did in a process: calls, and events written back after the first change. */
interface EditMapWork {
  installed: boolean;
  consumes: number;
  moved: number;
}

type Consume = (this: EditMap, events: unknown[]) => undefined;

/**
 * The patch's state lives on EditMap's prototype, under a registered symbol, so that every copy
 * of this module a process loads (the bundle, the tsc output in dist/, src/ under vitest: a test
 * that imports dist/build.js in-process shares the worker, and the one EditMap, with src/)
 * installs one function, counts in one place and keeps micromark's own `consume`, not another
 * copy's linear one.
 */
interface PatchState {
  work: EditMapWork;
  original: Consume;
  linear: Consume;
}

const stateKey = Symbol.for('coop.micromark-edit-map.linear-consume');

function makeState(original: Consume): PatchState {
  const work: EditMapWork = { installed: false, consumes: 0, moved: 0 };
  /** The same edits as micromark's `consume`, without copying the prefix before the first change. */
  function linearConsume(this: EditMap, events: unknown[]): undefined {
    const map = this.map;
    map.sort((a, b) => a[0] - b[0]);
    if (map.length === 0) return undefined;
    const first = map[0][0];
    // The pieces after the first change, in order: its additions, then the events up to the
    // next change (none when changes overlap, as micromark's slices of a truncated list).
    const pieces: unknown[][] = [];
    for (let i = 0; i < map.length; i++) {
      const [at, remove, add] = map[i];
      pieces.push(add);
      pieces.push(events.slice(at + remove, i + 1 < map.length ? map[i + 1][0] : events.length));
    }
    events.length = first;
    for (const piece of pieces) {
      for (const event of piece) events.push(event);
    }
    work.consumes++;
    work.moved += events.length - first;
    map.length = 0;
    this.index.clear();
    return undefined;
  }
  return { work, original, linear: linearConsume };
}

const state: PatchState =
  (Reflect.get(EditMap.prototype, stateKey) as PatchState | undefined) ??
  (() => {
    const created = makeState(EditMap.prototype.consume as Consume);
    Object.defineProperty(EditMap.prototype, stateKey, { value: created, writable: false, configurable: false, enumerable: false });
    return created;
  })();

/** What the linear `consume` did in this process (shared by every copy of this module). */
export const editMapWork: EditMapWork = state.work;

/** micromark-util-edit-map's own `consume`, kept for the tests that compare both. */
export const originalConsume: Consume = state.original;

/** The linear `consume` (one function per process, whichever copy of this module installs it). */
export const linearConsume: Consume = state.linear;

/** Put the linear `consume` on micromark's EditMap (idempotent). */
export function installLinearEditMap(): void {
  if (editMapWork.installed) return;
  Object.defineProperty(EditMap.prototype, 'consume', { value: linearConsume, writable: true, configurable: true, enumerable: false });
  editMapWork.installed = true;
}
