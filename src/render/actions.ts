/**
 * The open actions of a series of minutes as a document (`coop actions -o`): actions.html and
 * actions.pdf, from the templates' actions/actions.hbs.
 */
import type { ActionStep, TrackedAction } from '../actions.js';
import type { MinutesModel } from '../minutes/model.js';
import { formatDate, type Locale } from '../typography/index.js';
import { renderTree, toHtmlPage, type DocumentTree } from './document.js';
import { labels } from './labels.js';
import type { Templates } from './templates.js';
import { renderPdfSafely, type Output } from './units.js';

/** "ouverte le", "reportée le", "close le", "rouverte le": a step of an action's history. */
export function actionStepLabel(s: ActionStep, locale: Locale): string {
  const l = labels[locale];
  return { opened: l.openedOn, carried: l.carriedOn, done: l.closedOn, reopened: l.reopenedOn }[s.state];
}

/** The document: the series' own title (minutes of one group share it), else its event's. */
export function actionsDocument(
  minutes: MinutesModel[],
  actions: { open: TrackedAction[]; closed: TrackedAction[] },
  templates: Templates,
  opts: { today: string; locale: Locale },
): DocumentTree {
  const { today, locale } = opts;
  const titles = [...new Set(minutes.map((m) => m.title))];
  const title = titles.length === 1 ? titles[0] : (minutes.find((m) => m.event)?.event?.title ?? labels[locale].openActions);
  const view = (a: TrackedAction) => ({ ...a, history: a.history.map((s) => ({ ...s, label: actionStepLabel(s, locale) })) });
  const data = { locale, today, title, actions: actions.open.map(view), closed: actions.closed.map(view) };
  const organisers = [...new Set(minutes.flatMap((m) => m.organisers.map((o) => o.name)))];
  return {
    body: renderTree(templates, 'actions/actions.hbs', data, locale),
    locale,
    title: `${labels[locale].openActions} — ${title}`,
    subject: `${labels[locale].openActions} — ${formatDate(today, locale).replace(/\u00a0/g, ' ')}`,
    author: organisers.join(', '),
    draft: false,
    date: new Date(`${today}T00:00:00Z`),
  };
}

/** actions.html and actions.pdf, in memory. */
export async function renderActions(doc: DocumentTree, templates: Templates): Promise<Output[]> {
  return [
    { name: 'actions.html', bytes: toHtmlPage(templates, doc) },
    { name: 'actions.pdf', bytes: await renderPdfSafely(doc) },
  ];
}
