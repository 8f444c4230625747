import { firstDay, type EventImage, type EventModel } from '../model/event.js';
import { reproducibleDate } from '../util/reproducible-date.js';
import type { DocumentTree } from './document.js';
import { renderTree, type DocumentBody } from './document.js';
import type { Templates } from './templates.js';
import { programmeView } from './view.js';
import { GRID_PAPERS, gridPages, type GridNote } from './grid.js';
import { gridLabel } from './grid-labels.js';

/** A fixed date for the PDF metadata (reproducible bytes): SOURCE_DATE_EPOCH, else the first day. */
export function documentDate(model: EventModel, env: NodeJS.ProcessEnv = process.env): Date {
  return reproducibleDate(env, firstDay(model));
}

/** The logos read by the check stage, as the template shows them: 48 px high (the PDF: 40 pt). */
function logosView(model: EventModel): Array<{ src: string; alt: string; width: number; height: number }> {
  return model.logos.flatMap((l) =>
    l.image ? [{ src: l.image.name, alt: l.alt ?? '', width: Math.round((48 * l.image.width) / l.image.height), height: 48 }] : [],
  );
}

/** The images a document shows, by the `src` its HTML gives them (the PDF embeds them from here). */
export function imagesOf(model: EventModel): Map<string, EventImage> {
  const out = new Map(model.logos.flatMap((l) => (l.image ? [[l.image.name, l.image] as [string, EventImage]] : [])));
  for (const image of model.images?.values() ?? []) out.set(image.name, image);
  return out;
}

/** A body whose Markdown images (`![alt](images/plan.png)`) are given their `assets/…` names. */
export function withImages<T extends { images: DocumentBody['images'] }>(body: T, images: ReadonlyMap<string, EventImage> | undefined): T {
  body.images = images ?? new Map();
  return body;
}

export function programmeDocument(model: EventModel, templates: Templates, opts: { draft: boolean; gridNotes?: readonly GridNote[] }): DocumentTree {
  const view = programmeView(model, opts);
  // `documents.programme.grid`: the programme opens with the timetable grid of each day (#18).
  const grids = model.documents.programme?.grid
    ? gridPages(model, { draft: opts.draft, paper: GRID_PAPERS.portrait, notes: opts.gridNotes, title: gridLabel('grid', model.locale, model.labelsAlso) })
    : [];
  return {
    body: withImages(renderTree(templates, 'programme/programme.hbs', { ...view, grids, logos: logosView(model) }, model.locale), model.images),
    images: imagesOf(model),
    locale: model.locale,
    title: model.title,
    subject: `${model.locale === 'en' ? 'Programme' : 'Programme'} — ${model.subtitle ?? model.eventKind}`,
    author: view.event.organisers.join(', '),
    draft: opts.draft,
    date: documentDate(model),
  };
}
