/**
 * The load stage for attendee files: the files of an event's `attendees: - file:` entries
 * (CSV, .xlsx, .ods), read inside the project folder and within the size limits, their rows
 * cleaned and added to the model's attendees.
 */
import path from 'node:path';
import type { LoadedEvent } from '../load.js';
import { stageMessage } from '../diagnostics/types.js';
import { attendeeMessages, attendeeSizeMessages } from './messages.js';
import { mergeAttendees } from '../model/attendees.js';
import { bidiControlProblem, controlMessage, hasVisibleText, replaceControls } from '../source/clean.js';
import { pathProblem } from '../source/path-problem.js';
import { maxInputBytes, readConfined, refusalRule } from '../source/read.js';
import { append } from '../util/arrays.js';
import { resolveInside } from '../util/paths.js';
import { readAttendeeFile } from './file.js';

/**
 * Read the files of `attendees: - file: x.csv` (CSV, .xlsx or .ods) into the model's attendees
 * (each row keeps its line: the CSV line, or the spreadsheet row). Each file is read inside the
 * project folder (links resolved) and within the input size limit.
 */
export async function loadAttendeeFiles(
  loaded: LoadedEvent,
  eventAbs: string,
  root: string,
  display: (abs: string) => string,
  sources: Map<string, string>,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const model = loaded.model!;
  for (const { file, path: yamlPath, sheet, sheetPath, nameOrder } of model.attendeeFiles) {
    const place = loaded.source!.placeOf(yamlPath);
    const r = resolveInside(root, path.dirname(eventAbs), file, 'file');
    if ('error' in r) {
      loaded.problems.push(pathProblem(r.error, file, place));
      continue;
    }
    const shown = display(r.abs);
    const read = await readConfined(r.abs, root, env);
    if ('refused' in read) {
      loaded.problems.push({
        rule: refusalRule(read.refused),
        messageId: read.messageId,
        message: read.message,
        place: read.refused === 'too-large' ? { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 } : place,
      });
      continue;
    }
    const bytes = read.bytes;
    // Workbooks inflate: their XML may be four times the input limit, no more.
    const { people, problems, text } = await readAttendeeFile(bytes, r.abs, shown, {
      sheet: sheet ?? null,
      sheetPlace: sheet != null && sheetPath ? loaded.source!.placeOf(sheetPath) : null,
      filePlace: place,
      locale: model.locale,
      maxBytes: 4 * maxInputBytes(env),
      maxCells: 500_000,
      nameOrder,
    });
    append(loaded.problems, problems);
    if (text !== undefined) sources.set(shown, text);
    let controls = 0;
    for (const p of people) {
      const rowPlace = { file: shown, line: p.line, column: 1, endLine: p.line, endColumn: 2 };
      // Control characters in cells: replaced, with a warning (the first few rows); a name with
      // nothing visible is no name.
      const clean = (v: string | null): string | null => {
        if (v === null) return null;
        const r = replaceControls(v);
        if (r.first !== null && controls++ < 20) loaded.problems.push({ rule: 'syntax/control-character', ...controlMessage(r.first), place: rowPlace });
        return r.text;
      };
      const name = clean(p.name)!;
      if (!hasVisibleText(name)) {
        loaded.problems.push({
          rule: 'schema/invalid',
          ...stageMessage('schema/invalid', attendeeMessages, 'noVisibleName'),
          place: rowPlace,
        });
        continue;
      }
      if (/[\u202A-\u202E\u2066-\u2069]/.test(name)) loaded.problems.push(bidiControlProblem(name, rowPlace));
      const orgName = clean(p.org);
      const org = orgName === null ? null : (model.organisations.get(orgName) ?? { id: null, name: orgName, short: null, path: yamlPath });
      model.attendees.push({
        id: null,
        name,
        civility: p.civility,
        role: clean(p.role),
        org,
        email: clean(p.email),
        phone: clean(p.phone),
        path: yamlPath,
        place: rowPlace,
      });
    }
  }
  // A bound on the attendee documents (a 5,000-page sign-in sheet is 2,000 attendees over 104 days).
  const max = maxAttendees(env);
  if (model.attendees.length > max) {
    const first = model.attendees[max];
    const fmt = (n: number) => ({ fr: n.toLocaleString('fr-FR').replace(/\u202f/g, '\u00a0'), en: n.toLocaleString('en-GB') });
    loaded.problems.push({
      rule: 'syntax/size',
      ...stageMessage('syntax/size', attendeeSizeMessages, 'tooManyAttendees', { max: fmt(max), count: fmt(model.attendees.length) }),
      place: first.place ?? loaded.source!.placeOf(first.path),
    });
    model.attendees.length = max;
  }
  // A registration export lists the speakers too: a row named as a `people` entry is that person.
  mergeAttendees(model);
}

/** The most attendees an event may have (10,000; COOP_MAX_ATTENDEES changes it). */
export function maxAttendees(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.COOP_MAX_ATTENDEES);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}
