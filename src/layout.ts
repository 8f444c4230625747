/**
 * Where each event of a build writes its documents (FORMAT.md §5.4, "Several events in one
 * build"). One event keeps the flat layout (`out/programme.pdf`); several events each get a
 * folder `out/<name>/`, `<name>` being the event file's folder name, or its file name without
 * extension when two events of the build share a folder. Two events that would write to the
 * same folder are a usage error, found from the paths alone, before anything is read or written.
 */
import path from 'node:path';
import { isMinutesFile, type Input } from './project.js';
import { UsageError } from './errors.js';

/** The sub-folder of the output folder each event writes to ('' for the flat layout), by absolute path. */
export function eventFolders(inputs: readonly Input[]): Map<string, string> {
  const events: Input[] = [];
  const seen = new Set<string>();
  for (const i of inputs) {
    if (isMinutesFile(i.abs) || seen.has(i.abs)) continue;
    seen.add(i.abs);
    events.push(i);
  }
  const folders = new Map<string, string>();
  if (events.length <= 1) {
    for (const e of events) folders.set(e.abs, '');
    return folders;
  }
  const perDir = new Map<string, number>();
  for (const e of events) perDir.set(path.dirname(e.abs), (perDir.get(path.dirname(e.abs)) ?? 0) + 1);
  const stem = (abs: string) => path.basename(abs).replace(/\.[^.]*$/, '') || path.basename(abs);
  // Folder names compared as a case-insensitive file system would (macOS, Windows): "Lyon" and "lyon" are one folder there.
  const byKey = new Map<string, Input[]>();
  for (const e of events) {
    const dir = path.dirname(e.abs);
    const name = (perDir.get(dir)! > 1 ? stem(e.abs) : path.basename(dir)) || stem(e.abs);
    folders.set(e.abs, name);
    const key = name.normalize('NFC').toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  for (const [, clash] of byKey) {
    if (clash.length < 2) continue;
    const name = folders.get(clash[0].abs)!;
    throw new UsageError(
      `${clash.map((e) => `"${e.display}"`).join(' and ')} would ${clash.length === 2 ? 'both' : 'all'} write their documents to the folder "${name}/" of the output folder; ` +
        'build them with separate commands (each with its own -o), or rename a folder.',
    );
  }
  return folders;
}
