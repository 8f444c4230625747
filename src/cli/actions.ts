import path from 'node:path';
import { openActions, todayIn } from '../actions.js';
import { confineOutput, writeAtomically, type Output } from '../build.js';
import { checkProject } from '../check.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { UsageError } from '../errors.js';
import { isRealDate } from '../model/time.js';
import { toHtmlPage, renderTree } from '../render/document.js';
import { labels } from '../render/labels.js';
import { Templates } from '../render/templates.js';
import { formatNumericDate } from '../typography/index.js';
import { inputFile, useColor, type Io } from './io.js';
import { visible } from '../util/visible.js';
import { displayPath, projectRoot } from '../util/paths.js';
import { wellFormedStrings } from '../util/text.js';

export interface ActionsFlags {
  format: 'text' | 'json';
  out?: string;
  today?: string;
  lang?: 'fr' | 'en';
}

export async function runActions(io: Io, files: string[], opts: ActionsFlags): Promise<number> {
  if (opts.today !== undefined && !isRealDate(opts.today)) throw new UsageError(`--today: "${opts.today}" is not a date written YYYY-MM-DD.`);
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const project = await checkProject(inputs, { lang: opts.lang, cwd: io.cwd, env: io.env });
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) io.stderr.write(formatText(errors, { color: useColor(io, io.stderr), sources: project.sources }));
  const minutes = project.minutes.flatMap((m) => (m.checked.model ? [m.checked.model] : []));
  const locale = opts.lang ?? minutes[0]?.locale ?? 'fr';
  const timezone = minutes.find((m) => m.event)?.event?.timezone ?? 'Europe/Paris';
  const today = opts.today ?? todayIn(timezone);
  const actions = openActions(minutes, today);
  if (opts.format === 'json') {
    io.stdout.write(JSON.stringify({ today, actions }, wellFormedStrings, 2) + '\n');
  } else {
    const l = labels[locale];
    if (actions.length === 0) io.stdout.write(locale === 'en' ? 'No open action.\n' : 'Aucune action en cours.\n');
    for (const a of actions) {
      const state = a.overdue ? l.overdue.toUpperCase() : l.todo;
      const due = a.due ? formatNumericDate(a.due, locale) : '—';
      io.stdout.write(`${state.padEnd(10)} ${due.padEnd(11)} ${visible(a.owner ?? '—').padEnd(22)} ${visible(a.text)}  (${visible(a.meeting.file)}:${a.line})\n`);
    }
  }
  if (opts.out) {
    const templates = new Templates();
    const title = minutes.length === 1 ? minutes[0].title : (minutes.find((m) => m.event)?.event?.title ?? labels[locale].openActions);
    const view = { locale, today, title, actions };
    const doc = {
      tree: renderTree(templates, 'actions/actions.hbs', view, locale),
      locale,
      title: `${labels[locale].openActions} — ${title}`,
      subject: labels[locale].openActions,
      author: 'coop',
      draft: false,
      date: new Date(`${today}T00:00:00Z`),
    };
    const { renderPdfSafely: renderPdf } = await import('../render/units.js');
    const outputs: Output[] = [
      { name: 'actions.html', bytes: toHtmlPage(templates, doc) },
      { name: 'actions.pdf', bytes: await renderPdf(doc) },
    ];
    const outDir = path.resolve(io.cwd, opts.out);
    confineOutput(outDir, inputs.map((i) => projectRoot(i.abs, io.cwd)), (p) => displayPath(p, io.cwd));
    for (const w of await writeAtomically(outDir, outputs, (p) => displayPath(p, io.cwd))) io.stderr.write(`wrote ${visible(displayPath(w, io.cwd))}\n`);
  }
  return errors.length ? 1 : 0;
}
