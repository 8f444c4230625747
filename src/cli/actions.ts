import path from 'node:path';
import { todayIn, trackActions, type TrackedAction } from '../actions.js';
import { confineOutput, outputRoots, writeAtomically } from '../build.js';
import { checkProject, inputRoot } from '../project.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { UsageError } from '../errors.js';
import { cliWords } from '../i18n.js';
import { isRealDate } from '../model/time.js';
import { actionsDocument, renderActions } from '../render/actions.js';
import { labels } from '../render/labels.js';
import { Templates } from '../render/templates.js';
import { formatDate, formatNumericDate } from '../typography/index.js';
import { inputFile, useColor, type Io } from './io.js';
import { visible } from '../util/visible.js';
import { displayPath } from '../util/paths.js';
import { wellFormedStrings } from '../util/text.js';

export interface ActionsFlags {
  format: 'text' | 'json';
  out?: string;
  today?: string;
  lang?: 'fr' | 'en';
  /** Also the actions closed in the series. */
  all?: boolean;
}

export async function runActions(io: Io, files: string[], opts: ActionsFlags): Promise<number> {
  if (opts.today !== undefined && !isRealDate(opts.today)) throw new UsageError(cliWords.notADate('--today', opts.today));
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const project = await checkProject(inputs, { lang: opts.lang, cwd: io.cwd, env: io.env });
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) io.stderr.write(formatText(errors, { color: useColor(io, io.stderr), sources: project.sources, lang: project.locale }));
  const minutes = project.minutes.flatMap((m) => (m.checked.model ? [m.checked.model] : []));
  const locale = opts.lang ?? minutes[0]?.locale ?? 'fr';
  const timezone = minutes.find((m) => m.event)?.event?.timezone ?? 'Europe/Paris';
  const today = opts.today ?? todayIn(timezone);
  const tracked = trackActions(minutes, today);
  const open = tracked.filter((a) => !a.done);
  const closed = opts.all ? tracked.filter((a) => a.done) : [];
  if (opts.format === 'json') {
    io.stdout.write(JSON.stringify({ today, actions: [...open, ...closed] }, wellFormedStrings, 2) + '\n');
  } else {
    const l = labels[locale];
    if (open.length === 0) io.stdout.write(`${l.noOpenAction}\n`);
    const line = (a: TrackedAction) => {
      const state = a.done ? l.done : a.overdue ? l.overdue.toUpperCase() : l.todo;
      const due = a.due ? formatNumericDate(a.due, locale) : '—';
      const owners = a.owners.length ? a.owners.join(', ') : '—';
      const since = a.carried && !a.done ? ` — ${l.carriedSince} ${formatDate(a.since.date, locale).replace(/\u00a0/g, ' ')}` : '';
      const id = a.id ? `${a.id} ` : '';
      // Control characters of the input are shown, never acted on by the terminal.
      return `${state.padEnd(10)} ${due.padEnd(11)} ${visible(owners).padEnd(22)} ${visible(id)}${visible(a.text)}${since}  (${visible(a.meeting.file)}:${a.line})\n`;
    };
    for (const a of open) io.stdout.write(line(a));
    for (const a of closed) io.stdout.write(line(a));
  }
  if (opts.out) {
    const templates = new Templates();
    const outputs = await renderActions(actionsDocument(minutes, { open, closed }, templates, { today, locale }), templates);
    const outDir = path.resolve(io.cwd, opts.out);
    const roots = await Promise.all(inputs.map((i) => inputRoot(i.abs, io.env)));
    confineOutput(
      outDir,
      outputRoots(
        inputs.map((i) => i.abs),
        roots,
        io.cwd,
      ),
      (p) => displayPath(p, io.cwd),
    );
    for (const w of await writeAtomically(outDir, outputs, (p) => displayPath(p, io.cwd)))
      io.stderr.write(`${cliWords.wrote(visible(displayPath(w, io.cwd)))[locale]}\n`);
  }
  return errors.length ? 1 : 0;
}
