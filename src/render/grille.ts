/**
 * grille.html and grille.pdf (issue #18): the timetable grid of every day, as its own
 * document, A4 landscape (or A3, `documents.grille.paper`). The grid itself is made in grid.ts.
 */
import type { EventModel } from '../model/event.js';
import { formatDateRange, type Locale } from '../typography/index.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import { GRID_PAPERS, gridPages, type GridNote, type Paper } from './grid.js';
import { gridLabel } from './grid-labels.js';
import { documentDate } from './programme.js';
import type { Templates } from './templates.js';

export interface GrilleOptions {
  draft: boolean;
  notes?: readonly GridNote[];
}

/** The paper the grid of an event is printed on (`documents.grille.paper`). */
export function grillePaper(m: EventModel): Paper {
  return m.documents.grille?.paper ?? 'a4';
}

export function grilleView(m: EventModel, opts: GrilleOptions) {
  const locale = m.locale as Locale;
  const dates = m.days.map((d) => d.date).sort();
  const paper = GRID_PAPERS[grillePaper(m)];
  return {
    locale,
    labelsAlso: m.labelsAlso,
    draft: opts.draft,
    title: m.title,
    kicker: gridLabel('grid', locale, m.labelsAlso),
    dates: dates.length ? formatDateRange(dates[0], dates[dates.length - 1], locale) : '',
    pages: gridPages(m, { draft: opts.draft, paper, notes: opts.notes, firstPageTaken: 44 }),
  };
}

/** grille.html and grille.pdf: the grid of every day, A4 landscape (or A3). */
export function grilleDocument(m: EventModel, templates: Templates, opts: GrilleOptions): DocumentTree {
  const view = grilleView(m, opts);
  const paper = grillePaper(m);
  return {
    body: renderTree(templates, 'grille/grille.hbs', view, m.locale),
    locale: m.locale,
    title: m.title,
    subject: `${gridLabel('grid', m.locale)} — ${m.subtitle ?? m.eventKind}`,
    author: m.organisers.map((o) => (o.short && o.short !== o.name ? `${o.name} (${o.short})` : o.name)).join(', '),
    draft: opts.draft,
    date: documentDate(m),
    landscape: true,
    paper,
    compact: true,
  };
}
