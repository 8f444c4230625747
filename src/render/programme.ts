import type { EventImage, EventModel } from '../model/event.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import type { Templates } from './templates.js';
import { programmeView } from './view.js';
import { GRID_PAPERS, gridPages, type GridNote } from './grid.js';
import { gridLabel } from './grid-labels.js';

/** A fixed date for the PDF metadata (reproducible bytes): SOURCE_DATE_EPOCH, else the first day. */
export function documentDate(model: EventModel, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch)) return new Date(epoch * 1000);
  const first = [...model.days.map((d) => d.date)].sort()[0];
  return new Date(`${first}T00:00:00Z`);
}

/** The logos read by the check stage, as the template shows them: 48 px high (the PDF: 40 pt). */
function logosView(model: EventModel): Array<{ src: string; alt: string; width: number; height: number }> {
  return model.logos.flatMap((l) => (l.image ? [{ src: l.image.name, alt: l.alt ?? '', width: Math.round((48 * l.image.width) / l.image.height), height: 48 }] : []));
}

/** The images a document shows, by the `src` its HTML gives them (the PDF embeds them from here). */
export function imagesOf(model: EventModel): Map<string, EventImage> {
  return new Map(model.logos.flatMap((l) => (l.image ? [[l.image.name, l.image] as [string, EventImage]] : [])));
}

export function programmeDocument(model: EventModel, templates: Templates, opts: { draft: boolean; gridNotes?: readonly GridNote[] }): DocumentTree {
  const view = programmeView(model, opts);
  // `documents.programme.grid`: the programme opens with the timetable grid of each day (#18).
  const grids = model.documents.programme?.grid
    ? gridPages(model, { draft: opts.draft, paper: GRID_PAPERS.portrait, notes: opts.gridNotes, title: gridLabel('grid', model.locale, model.labelsAlso) })
    : [];
  return {
    tree: renderTree(templates, 'programme/programme.hbs', { ...view, grids, logos: logosView(model) }, model.locale),
    images: imagesOf(model),
    locale: model.locale,
    title: model.title,
    subject: `${model.locale === 'en' ? 'Programme' : 'Programme'} — ${model.subtitle ?? model.eventKind}`,
    author: view.event.organisers.join(', '),
    draft: opts.draft,
    date: documentDate(model),
  };
}
