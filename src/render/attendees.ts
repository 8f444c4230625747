/**
 * The attendee documents: the participant list, the sign-in sheet (feuille d'émargement),
 * the speakers list and name badges. Contact details print only where asked (RGPD), and
 * never on the sign-in sheet.
 */
import { halfDays } from '../attendees/halfdays.js';
import { compareNames, personNameKey, splitName } from '../attendees/sort.js';
import { itemSpan, type EventModel, type PersonModel, type SessionModel } from '../model/event.js';
import { formatShortDate, formatTimeRange, type Locale } from '../typography/index.js';
import { label, labelIn, labels, representedLabel, statusLabel } from './labels.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import { documentDate } from './programme.js';
import type { Templates } from './templates.js';
import { rapporteurLabel } from './list-labels.js';
import { pushTo } from '../util/arrays.js';

export type Column = 'name' | 'family' | 'given' | 'civility' | 'role' | 'org' | 'email' | 'phone';

/** Signature columns per sign-in sheet (A4 landscape, with four name columns). */
const SIGNATURES_PER_SHEET = 6;

export const orgName = (p: PersonModel) => (p.org ? (p.org.short ?? p.org.name) : '');

export function cell(p: PersonModel, c: Column): string {
  switch (c) {
    case 'name':
      return p.name;
    case 'family': {
      const { particle, family } = splitName(p.name);
      return particle ? `${particle} ${family}` : family;
    }
    case 'given':
      return splitName(p.name).given;
    case 'civility':
      return p.civility ?? '';
    case 'role':
      return p.role ?? '';
    case 'org':
      return orgName(p);
    case 'email':
      return p.email ?? '';
    case 'phone':
      return p.phone ?? '';
  }
}

export function columnLabel(c: Column, locale: Locale, also: EventModel['labelsAlso'] = null): string {
  const key = ({ name: 'fullName', family: 'family', given: 'given', civility: 'civility', role: 'role', org: 'org', email: 'email', phone: 'phone' } as const)[
    c
  ];
  return label(key, locale, also);
}

/** Attendees, each once (a person listed by id and again inline is one row), sorted by family name. */
export function sortedAttendees(m: EventModel): PersonModel[] {
  const seen = new Set<string>();
  const out: PersonModel[] = [];
  for (const p of m.attendees) {
    const key = p.id !== null ? `id:${p.id}` : `name:${personNameKey(p.name)}|${orgName(p)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((a, b) => compareNames(a.name, b.name));
}

function eventHeader(m: EventModel) {
  const dates = m.days.map((d) => d.date).sort();
  return {
    title: m.title,
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
    venue: m.venue ? [m.venue.name, m.venue.city].filter(Boolean).join(', ') : null,
  };
}

function doc(m: EventModel, templates: Templates, template: string, view: unknown, title: string, extra: Partial<DocumentTree> = {}): DocumentTree {
  return {
    body: renderTree(templates, template, view, m.locale),
    locale: m.locale,
    title: `${title} — ${m.title}`,
    subject: title,
    author: m.organisers.map((o) => o.short ?? o.name).join(', ') || 'coop',
    draft: false,
    date: documentDate(m),
    ...extra,
  };
}

export function participantsDocument(m: EventModel, templates: Templates, opts: { draft: boolean; withContacts: boolean }): DocumentTree {
  const cfg = m.documents.participants ?? {};
  const l = labels[m.locale];
  let columns: Column[] = cfg.columns ?? ['family', 'given', 'role', 'org'];
  if (opts.withContacts || cfg.with_contacts) columns = [...columns.filter((c) => c !== 'email' && c !== 'phone'), 'email', 'phone'];
  // Grouped by organisation: the group's title says it, the rows do not repeat it.
  if (cfg.group_by === 'org') columns = columns.filter((c) => c !== 'org');
  const people = sortedAttendees(m);
  const row = (p: PersonModel, i: number) => ({ cells: [String(i + 1), ...columns.map((c) => cell(p, c))] });
  let groups: Array<{ name: string | null; count: number; rows: Array<{ cells: string[] }> }>;
  if (cfg.group_by === 'org') {
    const byOrg = new Map<string, PersonModel[]>();
    for (const p of people) {
      const k = orgName(p) || '—';
      pushTo(byOrg, k, p);
    }
    const names = [...byOrg.keys()].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' }));
    groups = names.map((n) => ({ name: n, count: byOrg.get(n)!.length, rows: byOrg.get(n)!.map(row) }));
  } else groups = [{ name: null, count: people.length, rows: people.map(row) }];
  const view = {
    locale: m.locale,
    labelsAlso: m.labelsAlso,
    draft: opts.draft,
    kicker: label('participantsList', m.locale, m.labelsAlso),
    event: eventHeader(m),
    count: people.length,
    headers: [l.no, ...columns.map((c) => columnLabel(c, m.locale, m.labelsAlso))],
    groups,
  };
  return { ...doc(m, templates, 'attendees/participants.hbs', view, l.participantsList), draft: opts.draft };
}

export function emargementDocument(m: EventModel, templates: Templates, opts: { draft: boolean }): DocumentTree {
  const cfg = m.documents.emargement ?? {};
  const l = labels[m.locale];
  const columns: Column[] = cfg.columns ?? ['family', 'given', 'role', 'org'];
  const halves = halfDays(m.days, m.locale);
  const people = sortedAttendees(m);
  // Blank rows for walk-ins, unnumbered: `blank_rows` of them, or (unset) at least five and as
  // many more as fill the last page of the PDF, so that no row is left alone on a page.
  const blank = cfg.blank_rows ?? 5;
  const rows = [
    ...people.map((p, i) => ({ cells: [String(i + 1), ...columns.map((c) => cell(p, c))] })),
    ...Array.from({ length: blank }, () => ({ cells: ['', ...columns.map(() => '')] })),
  ];
  const header = eventHeader(m);
  // At most six signature columns fit on a landscape page: a longer event gets one sheet per
  // group of half-days (whole days kept together), each with every attendee.
  const groups: (typeof halves)[] = [];
  const byDay = new Map<string, typeof halves>();
  for (const h of halves) pushTo(byDay, h.date, h);
  for (const day of byDay.values()) {
    const last = groups[groups.length - 1];
    if (last && last.length + day.length <= SIGNATURES_PER_SHEET) for (const h of day) last.push(h);
    else groups.push([...day]);
  }
  if (groups.length === 0) groups.push([]);
  const view = {
    locale: m.locale,
    labelsAlso: m.labelsAlso,
    draft: opts.draft,
    kicker: label('signInSheet', m.locale, m.labelsAlso),
    event: header,
    headers: [l.no, ...columns.map((c) => columnLabel(c, m.locale, m.labelsAlso))],
    sheets: groups.map((g, i) => ({
      first: i === 0,
      period: g.length
        ? g[0].date === g[g.length - 1].date
          ? g[0].label.replace(/ (matin|après-midi|morning|afternoon)$/, '')
          : `${g[0].label} – ${g[g.length - 1].label}`
        : null,
      halves: g.map((h) => h.label),
      rows: rows.map((r) => ({ cells: r.cells, signatures: g.map(() => '') })),
    })),
    // Unset blank_rows: the PDF fills the last page with blank rows (class sign-fill).
    fill: cfg.blank_rows === undefined,
  };
  let widest = 0;
  for (const g of groups) widest = Math.max(widest, g.length);
  return {
    ...doc(m, templates, 'attendees/emargement.hbs', view, l.signInSheet, {
      // Many half-days need the width of a landscape page.
      landscape: widest + columns.length > 6,
      header: [l.signInSheet, m.title, header.venue].filter(Boolean).join(' — '),
    }),
    draft: opts.draft,
  };
}

export function speakersDocument(m: EventModel, templates: Templates, opts: { draft: boolean; withContacts: boolean }): DocumentTree {
  const l = labels[m.locale];
  const withContacts = opts.withContacts || (m.documents.intervenants?.with_contacts ?? false);
  interface Slot {
    when: string;
    what: string;
    statusText: string | null;
  }
  const byKey = new Map<string, { person: PersonModel | null; name: string; role: string; org: string; email: string; slots: Slot[]; chase: boolean }>();
  // Where each slot is: the room, "salle à préciser", or nothing for the plenary of a one-room event.
  const roomOf = (s: SessionModel) => (s.room ? s.room.name : s.roomUnassigned ? label('roomToConfirm', m.locale) : null);
  for (const d of m.days) {
    for (const s of d.sessions) {
      const session = sessionHeading(s, m.locale);
      const room = roomOf(s);
      const add = (
        person: PersonModel | null,
        name: string,
        org: string,
        what: string,
        status: string | null,
        span: { start: number; end: number } | null,
        chase: boolean,
      ) => {
        const key = person?.id ? `id:${person.id}` : `name:${name}`;
        const e = byKey.get(key) ?? {
          person,
          name,
          role: person?.role ?? '',
          org,
          email: person ? [person.email, person.phone].filter(Boolean).join(', ') : '',
          slots: [],
          chase: false,
        };
        const when = [formatShortDate(d.date, m.locale), span ? formatTimeRange(span.start, span.end, m.locale) : null, room].filter(Boolean).join(', ');
        e.slots.push({ when, what, statusText: status });
        e.chase ||= chase;
        byKey.set(key, e);
      };
      const sessionSpan = s.start !== null && s.end !== null ? { start: s.start, end: s.end } : null;
      for (const p of s.chair) add(p, p.name, orgName(p), `${l.chair} — ${session}`, null, sessionSpan, false);
      for (const p of s.rapporteur) add(p, p.name, orgName(p), `${rapporteurLabel([p], m.locale)} — ${session}`, null, sessionSpan, false);
      for (const it of s.items) {
        const item = `${session} — ${it.label ? `${it.label} / ` : ''}${it.title}`;
        // An untimed part takes the session's times: those the programme prints for it.
        const span = itemSpan(it, s);
        for (const sp of it.speakers) {
          const name = sp.person?.name ?? sp.org?.name ?? '';
          const civility = sp.person?.civility ?? null;
          if (sp.representedBy) {
            // The representative comes (and is chased when not confirmed); the person represented is not.
            const rep = sp.representedBy;
            const chased = sp.status !== 'confirmed' && sp.status !== 'declined';
            const repStatus = chased ? statusLabel(sp.status, rep.civility, false, m.locale) : null;
            const instead = m.locale === 'en' ? `in place of ${name}` : `à la place ${/^[aeiouyhàâäéèêëîïôöùûü]/i.test(name) ? `d’${name}` : `de ${name}`}`;
            add(rep, rep.name, orgName(rep), item, [instead, repStatus].filter(Boolean).join(', '), span, chased);
            add(sp.person, name, sp.person ? orgName(sp.person) : '', item, `${representedLabel(civility, !sp.person, m.locale)} ${rep.name}`, span, false);
            continue;
          }
          let st = sp.status === 'confirmed' ? null : statusLabel(sp.status, civility, !sp.person, m.locale);
          if (sp.status === 'declined') st = [st, labelIn('toReplace', m.locale)].filter(Boolean).join(', ');
          add(sp.person, name, sp.person ? orgName(sp.person) : '', item, st, span, sp.status !== 'confirmed');
        }
      }
    }
  }
  const speakers = [...byKey.values()].sort((a, b) => compareNames(a.name, b.name));
  const view = {
    locale: m.locale,
    labelsAlso: m.labelsAlso,
    draft: opts.draft,
    kicker: label('speakersList', m.locale, m.labelsAlso),
    event: eventHeader(m),
    withContacts,
    speakers: speakers.map((s) => ({ ...s, person: null, email: withContacts ? s.email : '' })),
    toChase: speakers.filter((s) => s.chase).length,
  };
  return { ...doc(m, templates, 'attendees/intervenants.hbs', view, l.speakersList), draft: opts.draft };
}

/**
 * Speakers, chairs and rapporteurs who are not attendees: they need a badge too (FORMAT.md
 * §5.1; `documents.badges.speakers`, on by default). A representative rather than the person
 * represented; nobody for a speaker who declined and sends nobody.
 */
export function speakersNotAttending(m: EventModel): PersonModel[] {
  const attending = new Set<string>();
  for (const p of m.attendees) attending.add(p.id !== null ? `id:${p.id}` : `name:${personNameKey(p.name)}`);
  const key = (p: PersonModel) => (p.id !== null ? `id:${p.id}` : `name:${personNameKey(p.name)}`);
  const out: PersonModel[] = [];
  const add = (p: PersonModel | null) => {
    if (!p || attending.has(key(p))) return;
    attending.add(key(p));
    out.push(p);
  };
  for (const d of m.days) {
    for (const s of d.sessions) {
      s.chair.forEach(add);
      s.rapporteur.forEach(add);
      for (const it of s.items) for (const sp of it.speakers) if (sp.status !== 'declined' || sp.representedBy) add(sp.representedBy ?? sp.person);
    }
  }
  return out;
}

export function badgesDocument(m: EventModel, templates: Templates, opts: { draft: boolean }): DocumentTree {
  const cfg = m.documents.badges ?? {};
  const people = [...sortedAttendees(m), ...(cfg.speakers === false ? [] : speakersNotAttending(m))].sort((a, b) => compareNames(a.name, b.name));
  const blank = cfg.blank ?? (people.length === 0 ? 8 : 0);
  const badges = [
    ...people.map((p) => ({ name: p.name, role: p.role ?? '', org: orgName(p) })),
    ...Array.from({ length: blank }, () => ({ name: '', role: '', org: '' })),
  ];
  const view = { locale: m.locale, labelsAlso: m.labelsAlso, draft: opts.draft, layout: cfg.layout ?? '2x4', eventTitle: m.title, badges };
  return { ...doc(m, templates, 'attendees/badges.hbs', view, 'Badges', { bare: true }), draft: opts.draft };
}

/** "I. Actions significatives…", "Atelier 1 — …": a session as the programme heads it. */
function sessionHeading(s: SessionModel, locale: Locale): string {
  if (s.number === null) return s.title;
  if (s.kind === 'workshop') return `${label('workshop', locale)} ${s.number} — ${s.title}`;
  return `${s.number}. ${s.title}`;
}
