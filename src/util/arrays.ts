/**
 * Array helpers that stay safe on any length. `list.push(...items)` and `Math.min(...items)`
 * pass every element as an argument: past ~120,000 elements V8 throws "Maximum call stack
 * size exceeded" (a 1.4 MB CSV of bad e-mails, 130,000 items on one day). coop never spreads
 * an array whose length comes from the input; test/security.test.ts greps the sources.
 */

/** Append `items` to `target`, in order; returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The smallest of `values` (Infinity when empty), without spreading them as arguments. */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}

/** The largest of `values` (-Infinity when empty), without spreading them as arguments. */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

/**
 * Add `value` to the list `map` holds for `key` (a new list the first time). Grouping with
 * `map.set(k, [...(map.get(k) ?? []), v])` copies the list on every addition: quadratic when
 * one key takes most of an input-sized list (every attendee in one organisation).
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
