import path from 'node:path';
import { todayIn, trackActions, type ActionStep, type TrackedAction } from '../actions.js';
import { confineOutput, outputRoots, writeAtomically, type Output } from '../build.js';
import { checkProject, inputRoot } from '../project.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { UsageError } from '../errors.js';
import { cliWords } from '../i18n.js';
import { isRealDate } from '../model/time.js';
import { toHtmlPage, renderTree } from '../render/document.js';
import { labels } from '../render/labels.js';
import { Templates } from '../render/templates.js';
import { formatDate, formatNumericDate, type Locale } from '../typography/index.js';
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

const stepLabel = (s: ActionStep, locale: Locale) => {
  const l = labels[locale];
  return { opened: l.openedOn, carried: l.carriedOn, done: l.closedOn, reopened: l.reopenedOn }[s.state];
};

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
    // The series' own title (minutes of one group share it), else its event's.
    const titles = [...new Set(minutes.map((m) => m.title))];
    const title = titles.length === 1 ? titles[0] : (minutes.find((m) => m.event)?.event?.title ?? labels[locale].openActions);
    const view = (a: TrackedAction) => ({ ...a, history: a.history.map((s) => ({ ...s, label: stepLabel(s, locale) })) });
    const data = { locale, today, title, actions: open.map(view), closed: closed.map(view) };
    const organisers = [...new Set(minutes.flatMap((m) => m.organisers.map((o) => o.name)))];
    const doc = {
      tree: renderTree(templates, 'actions/actions.hbs', data, locale),
      locale,
      title: `${labels[locale].openActions} — ${title}`,
      subject: `${labels[locale].openActions} — ${formatDate(today, locale).replace(/\u00a0/g, ' ')}`,
      author: organisers.join(', '),
      draft: false,
      date: new Date(`${today}T00:00:00Z`),
    };
    const { renderPdfSafely: renderPdf } = await import('../render/units.js');
    const outputs: Output[] = [
      { name: 'actions.html', bytes: toHtmlPage(templates, doc) },
      { name: 'actions.pdf', bytes: await renderPdf(doc) },
    ];
    const outDir = path.resolve(io.cwd, opts.out);
    const roots = await Promise.all(inputs.map((i) => inputRoot(i.abs, io.env)));
    confineOutput(outDir, outputRoots(inputs.map((i) => i.abs), roots, io.cwd), (p) => displayPath(p, io.cwd));
    for (const w of await writeAtomically(outDir, outputs, (p) => displayPath(p, io.cwd))) io.stderr.write(`wrote ${visible(displayPath(w, io.cwd))}\n`);
  }
  return errors.length ? 1 : 0;
}
