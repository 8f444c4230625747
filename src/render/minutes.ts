/**
 * The minutes document: header, meeting facts, body, decisions, actions, participants annex;
 * for a procès-verbal also the quorum, the proxies, the resolutions' votes and the members'
 * attendance table signed by the chair and the secretary.
 */
import { visit } from 'unist-util-visit';
import { participantKey, type MinutesModel, type ParticipantModel } from '../minutes/model.js';
import { orgFullName, orgShortName, type PersonModel } from '../model/event.js';
import { formatDate } from '../typography/index.js';
import { reproducibleDate } from '../util/reproducible-date.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import { withImages } from './programme.js';
import { labels } from './labels.js';
import { mdastToHtml } from './markdown.js';
import { printedBody, voteOutcome } from './minutes-body.js';
import type { Templates } from './templates.js';
import { personView } from './view.js';
import { pushTo } from '../util/arrays.js';

/** A word agreed with the person's civility: "Présente", "Présent", "Présent·e"; an organisation takes the masculine (« l'organisme »). */
function agreeWith(p: ParticipantModel, stem: string, locale: 'fr' | 'en'): string {
  if (locale === 'en') return stem;
  const c = p.civility;
  if (!p.person && c === null) return stem;
  return c === 'Mme' ? `${stem}e` : c === 'M.' ? stem : `${stem}·e`;
}

export function minutesView(m: MinutesModel, opts: { draft: boolean }) {
  const l = labels[m.locale];
  const en = m.locale === 'en';
  // The body's "# Section" are the document's second level: the title is its h1.
  const body = printedBody(m);
  visit(body, 'heading', (h) => {
    h.depth = Math.min(6, h.depth + 1) as typeof h.depth;
  });
  const names = (list: Array<PersonModel | ParticipantModel>) => list.map((p) => p.name);
  const pv = m.kind === 'pv';

  // Proxies: who is represented, and by whom.
  const representedBy = new Map<string, ParticipantModel>();
  for (const x of m.proxies) representedBy.set(participantKey(x.from), x.to);
  const presentKeys = new Set(m.present.map(participantKey));
  const represented = m.proxies.filter((x) => !presentKeys.has(participantKey(x.from)));
  const word = {
    present: en ? 'Present' : 'Présent',
    excused: en ? 'Apologies' : 'Excusé',
    absent: en ? 'Absent' : 'Absent',
    represented: en ? 'Represented by' : 'Représenté',
  };
  const attendance = (p: ParticipantModel, w: 'present' | 'excused' | 'absent') => {
    const by = w !== 'present' ? representedBy.get(participantKey(p)) : undefined;
    if (by) return en ? `Represented by ${by.name}` : `${agreeWith(p, word.represented, 'fr')} par ${by.name}`;
    return agreeWith(p, word[w], m.locale);
  };
  const row = (p: ParticipantModel, w: 'present' | 'excused' | 'absent') =>
    p.person
      ? { ...personView(p.person), unnamed: false, attendance: attendance(p, w) }
      : { name: p.name, civility: p.civility, role: p.role, org: null, unnamed: true, attendance: attendance(p, w) };
  const listed = new Set([...m.present, ...m.excused, ...m.absent].map(participantKey));
  const annex = [
    ...m.present.map((p) => row(p, 'present')),
    ...m.excused.map((p) => row(p, 'excused')),
    ...m.absent.map((p) => row(p, 'absent')),
    // A member represented who is listed nowhere else still appears, "représenté·e par".
    ...represented.filter((x) => !listed.has(participantKey(x.from))).map((x) => row(x.from, 'absent')),
  ];
  const draft = opts.draft || m.status === 'draft';
  const kicker =
    m.kind === 'decisions' ? l.decisionsDoc : m.kind === 'synthesis' ? l.synthesis : pv ? (draft ? l.draftPv : l.pv) : draft ? l.draftMinutes : l.minutes;

  // A procès-verbal: members present or represented against the quorum; who holds which proxies.
  const held = new Map<string, string[]>();
  for (const x of m.proxies) {
    const k = participantKey(x.to);
    pushTo(held, k, x.from.name);
  }
  const membership = pv
    ? {
        members: m.members,
        present: m.present.length,
        represented: represented.length,
        total: m.present.length + represented.length,
        quorum: m.quorum,
        reached: m.quorum === null ? null : m.present.length + represented.length >= m.quorum,
      }
    : null;
  const chair = m.chair[0] ?? null;
  const secretary = m.secretary[0] ?? null;
  const title = (p: PersonModel | null, fem: string, masc: string, none: string) =>
    en ? none : p?.civility === 'Mme' ? fem : p?.civility === 'M.' ? masc : none;

  // The generated summaries never take the name of a section of the body ("# Suites à donner",
  // as `coop init` writes it): a second section of the same name would read as a duplicate.
  const fold = (t: string) =>
    t
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .toLowerCase();
  const sectionNames = new Set(m.sections.map((sec) => fold(sec.text)));
  const titled = (label: string, summary: string) => (sectionNames.has(fold(label)) ? summary : label);
  return {
    locale: m.locale,
    draft,
    kind: m.kind,
    kicker,
    organisers: m.organisers.map(orgFullName),
    title: m.title,
    date: m.date,
    time: m.time ? { start: m.time.start, end: m.time.end } : null,
    place: m.place,
    approvedOn: m.status === 'approved' ? m.approvedOn : null,
    chair: names(m.chair),
    secretary: names(m.secretary),
    present: names(m.present),
    represented: represented.map((x) => ({ name: x.from.name, by: x.to.name, label: en ? 'represented by' : `${agreeWith(x.from, 'représenté', 'fr')} par` })),
    excused: m.excused.filter((p) => !representedBy.has(participantKey(p))).map((p) => p.name),
    absent: m.absent.filter((p) => !representedBy.has(participantKey(p))).map((p) => p.name),
    membership,
    attachments: [...m.attachments],
    distribution: [...m.distribution],
    nextMeeting: m.nextMeeting ? { date: m.nextMeeting.date, time: m.nextMeeting.time ? { ...m.nextMeeting.time } : null, place: m.nextMeeting.place } : null,
    showBody: m.kind !== 'decisions',
    bodyHtml: m.kind !== 'decisions' ? mdastToHtml(body) : '',
    decisionsTitle: pv ? l.resolutions : titled(l.decisions, l.decisionsSummary),
    actionsTitle: titled(l.actions, l.actionsSummary),
    decisions: m.decisions.map((d) => ({ n: d.n, text: d.text, outcome: d.vote ? voteOutcome(d.vote, m.locale) : null })),
    actions: m.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.ownerIds.length ? a.ownerIds.map((id) => a.owners.find((o) => o.id === id)?.name ?? `@${id}`).join(', ') : null,
      due: a.due,
      done: a.done,
      carriedSince: a.carriedSince ?? null,
    })),
    annex: m.kind === 'minutes' || pv ? annex : [],
    attendanceSheet: pv
      ? m.present.map((p, i) => ({
          n: i + 1,
          name: p.person ? p.person.name : '—',
          org: p.person ? orgShortName(p.person.org) : p.name,
          proxies: (held.get(participantKey(p)) ?? []).join(', '),
        }))
      : [],
    signatures: pv
      ? [
          { role: title(chair, 'La présidente de séance', 'Le président de séance', en ? 'Chair' : 'Présidence de séance'), name: chair?.name ?? null },
          {
            role: title(secretary, 'La secrétaire de séance', 'Le secrétaire de séance', en ? 'Secretary' : 'Secrétariat de séance'),
            name: secretary?.name ?? null,
          },
        ]
      : [],
  };
}

export function minutesDocument(m: MinutesModel, templates: Templates, opts: { draft: boolean; env?: NodeJS.ProcessEnv }): DocumentTree {
  const view = minutesView(m, opts);
  const env = opts.env ?? process.env;
  // The author of the PDF is the body that holds the meeting; failing one, who wrote the minutes.
  const author = m.organisers.length ? m.organisers.map((o) => o.name).join(', ') : [...m.secretary, ...m.chair].map((p) => p.name).join(', ');
  return {
    body: withImages(renderTree(templates, 'minutes/minutes.hbs', view, m.locale), m.images),
    images: new Map([...(m.images?.values() ?? [])].map((i) => [i.name, i])),
    locale: m.locale,
    title: m.title,
    subject: `${view.kicker} — ${formatDate(m.date, m.locale).replace(/\u00a0/g, ' ')}`,
    author,
    draft: view.draft,
    date: reproducibleDate(env, m.date),
  };
}
