/** The minutes document: header, meeting facts, body, decisions, actions, participants annex. */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { MinutesModel } from '../minutes/model.js';
import type { PersonModel } from '../model/event.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import { labels } from './labels.js';
import { mdastToHtml } from './markdown.js';
import type { Templates } from './templates.js';
import { personView } from './view.js';

export function minutesView(m: MinutesModel, opts: { draft: boolean }) {
  const l = labels[m.locale];
  // The body's "# Section" are the document's second level: the title is its h1.
  const body = structuredClone(m.body) as Root;
  visit(body, 'heading', (h) => {
    h.depth = Math.min(6, h.depth + 1) as typeof h.depth;
  });
  const names = (list: PersonModel[]) => list.map((p) => p.name);
  // "Présente", "Excusé", "Absent·e": agreed with the person's civility.
  const agree = (p: PersonModel, word: 'present' | 'excused' | 'absent') => {
    if (m.locale === 'en') return { present: 'Present', excused: 'Apologies', absent: 'Absent' }[word];
    const stem = { present: 'Présent', excused: 'Excusé', absent: 'Absent' }[word];
    return p.civility === 'Mme' ? `${stem}e` : p.civility === 'M.' ? stem : `${stem}·e`;
  };
  const annex = [
    ...m.present.map((p) => ({ ...personView(p), attendance: agree(p, 'present') })),
    ...m.excused.map((p) => ({ ...personView(p), attendance: agree(p, 'excused') })),
    ...m.absent.map((p) => ({ ...personView(p), attendance: agree(p, 'absent') })),
  ];
  const draft = opts.draft || m.status === 'draft';
  // The generated summaries never take the name of a section of the body ("# Suites à donner",
  // as `coop init` writes it): a second section of the same name would read as a duplicate.
  const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();
  const sectionNames = new Set(m.sections.map((sec) => fold(sec.text)));
  const titled = (label: string, summary: string) => (sectionNames.has(fold(label)) ? summary : label);
  return {
    locale: m.locale,
    draft,
    kind: m.kind,
    kicker: m.kind === 'decisions' ? l.decisionsDoc : m.kind === 'synthesis' ? l.synthesis : draft ? l.draftMinutes : l.minutes,
    title: m.title,
    date: m.date,
    time: m.time ? { start: m.time.start, end: m.time.end } : null,
    place: m.place,
    approvedOn: m.status === 'approved' ? m.approvedOn : null,
    chair: names(m.chair),
    secretary: names(m.secretary),
    present: names(m.present),
    excused: names(m.excused),
    absent: names(m.absent),
    attachments: [...m.attachments],
    distribution: [...m.distribution],
    nextMeeting: m.nextMeeting
      ? { date: m.nextMeeting.date, time: m.nextMeeting.time ? { ...m.nextMeeting.time } : null, place: m.nextMeeting.place }
      : null,
    showBody: m.kind !== 'decisions',
    bodyHtml: m.kind !== 'decisions' ? mdastToHtml(body) : '',
    decisionsTitle: titled(l.decisions, l.decisionsSummary),
    actionsTitle: titled(l.actions, l.actionsSummary),
    decisions: m.decisions.map((d) => ({ n: d.n, text: d.text })),
    actions: m.actions.map((a) => ({ text: a.text, owner: a.owner?.name ?? a.ownerId, due: a.due, done: a.done })),
    annex: m.kind === 'minutes' ? annex : [],
  };
}

export function minutesDocument(m: MinutesModel, templates: Templates, opts: { draft: boolean; env?: NodeJS.ProcessEnv }): DocumentTree {
  const view = minutesView(m, opts);
  const env = opts.env ?? process.env;
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return {
    tree: renderTree(templates, 'minutes/minutes.hbs', view, m.locale),
    locale: m.locale,
    title: m.title,
    subject: `${view.kicker} — ${m.date}`,
    author: [...m.secretary, ...m.chair].map((p) => p.name).join(', ') || 'coop',
    draft: view.draft,
    date: env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date(`${m.date}T00:00:00Z`),
  };
}
