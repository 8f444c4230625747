/**
 * The attendee documents: the participant list, the sign-in sheet (feuille d'émargement),
 * the speakers list and name badges. Contact details print only where asked (RGPD), and
 * never on the sign-in sheet.
 */
import { halfDays } from '../attendees/halfdays.js';
import { compareNames, splitName } from '../attendees/sort.js';
import type { EventModel, PersonModel } from '../model/event.js';
import { formatShortDate, formatTimeRange, type Locale } from '../typography/index.js';
import { labels, statusLabel } from './labels.js';
import type { DocumentTree } from './document.js';
import { renderTree } from './document.js';
import { documentDate } from './programme.js';
import type { Templates } from './templates.js';
import { append, maxOf } from '../util/arrays.js';

type Column = 'name' | 'family' | 'given' | 'civility' | 'role' | 'org' | 'email' | 'phone';

/** Signature columns per sign-in sheet (A4 landscape, with four name columns). */
const SIGNATURES_PER_SHEET = 6;

const orgName = (p: PersonModel) => (p.org ? (p.org.short ?? p.org.name) : '');

function cell(p: PersonModel, c: Column): string {
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

function columnLabel(c: Column, locale: Locale): string {
  const l = labels[locale];
  return { name: l.fullName, family: l.family, given: l.given, civility: l.civility, role: l.role, org: l.org, email: l.email, phone: l.phone }[c];
}

/** Attendees, each once (a person listed by id and again inline is one row), sorted by family name. */
export function sortedAttendees(m: EventModel): PersonModel[] {
  const seen = new Set<string>();
  const out: PersonModel[] = [];
  for (const p of m.attendees) {
    const key = p.id !== null ? `id:${p.id}` : `name:${p.name}|${orgName(p)}`;
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
    tree: renderTree(templates, template, view, m.locale),
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
  const people = sortedAttendees(m);
  const row = (p: PersonModel, i: number) => ({ cells: [String(i + 1), ...columns.map((c) => cell(p, c))] });
  let groups: Array<{ name: string | null; count: number; rows: Array<{ cells: string[] }> }>;
  if (cfg.group_by === 'org') {
    const byOrg = new Map<string, PersonModel[]>();
    for (const p of people) {
      const k = orgName(p) || '—';
      byOrg.set(k, [...(byOrg.get(k) ?? []), p]);
    }
    const names = [...byOrg.keys()].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' }));
    groups = names.map((n) => ({ name: n, count: byOrg.get(n)!.length, rows: byOrg.get(n)!.map(row) }));
  } else groups = [{ name: null, count: people.length, rows: people.map(row) }];
  const view = {
    locale: m.locale,
    draft: opts.draft,
    kicker: l.participantsList,
    event: eventHeader(m),
    count: people.length,
    headers: [l.no, ...columns.map((c) => columnLabel(c, m.locale))],
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
  const blank = cfg.blank_rows ?? (people.length === 0 ? 20 : 5);
  const rows = [
    ...people.map((p, i) => ({ cells: [String(i + 1), ...columns.map((c) => cell(p, c))] })),
    ...Array.from({ length: blank }, (_, i) => ({ cells: [String(people.length + i + 1), ...columns.map(() => '')] })),
  ];
  const header = eventHeader(m);
  // At most six signature columns fit on a landscape page: a longer event gets one sheet per
  // group of half-days (whole days kept together), each with every attendee.
  const groups: (typeof halves)[] = [];
  const byDay = new Map<string, typeof halves>();
  for (const h of halves) byDay.set(h.date, [...(byDay.get(h.date) ?? []), h]);
  for (const day of byDay.values()) {
    const last = groups[groups.length - 1];
    if (last && last.length + day.length <= SIGNATURES_PER_SHEET) append(last, day);
    else groups.push([...day]);
  }
  if (groups.length === 0) groups.push([]);
  const view = {
    locale: m.locale,
    draft: opts.draft,
    kicker: l.signInSheet,
    event: header,
    headers: [l.no, ...columns.map((c) => columnLabel(c, m.locale))],
    sheets: groups.map((g, i) => ({
      first: i === 0,
      period: g.length ? (g[0].date === g[g.length - 1].date ? g[0].label.replace(/ (matin|après-midi|morning|afternoon)$/, '') : `${g[0].label} – ${g[g.length - 1].label}`) : null,
      halves: g.map((h) => h.label),
      rows: rows.map((r) => ({ cells: r.cells, signatures: g.map(() => '') })),
    })),
  };
  const widest = maxOf(groups.map((g) => g.length));
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
  for (const d of m.days) {
    for (const s of d.sessions) {
      const session = `${s.number ? `${s.number}. ` : ''}${s.title}`;
      const add = (person: PersonModel | null, name: string, org: string, what: string, status: string | null, start: number | null, end: number | null, chase: boolean) => {
        const key = person?.id ? `id:${person.id}` : `name:${name}`;
        const e = byKey.get(key) ?? { person, name, role: person?.role ?? '', org, email: person ? [person.email, person.phone].filter(Boolean).join(', ') : '', slots: [], chase: false };
        const when = `${formatShortDate(d.date, m.locale)}${start !== null && end !== null ? `, ${formatTimeRange(start, end, m.locale)}` : ''}`;
        e.slots.push({ when, what, statusText: status });
        e.chase ||= chase;
        byKey.set(key, e);
      };
      for (const p of s.chair) add(p, p.name, orgName(p), `${l.chair} — ${session}`, null, s.start, s.end, false);
      for (const p of s.rapporteur) add(p, p.name, orgName(p), `${l.rapporteur} — ${session}`, null, s.start, s.end, false);
      for (const it of s.items) {
        const item = `${session} — ${it.label ? `${it.label} / ` : ''}${it.title}`;
        for (const sp of it.speakers) {
          const name = sp.person?.name ?? sp.org?.name ?? '';
          const st = sp.status === 'confirmed' ? null : statusLabel(sp.status, sp.person?.civility ?? null, !sp.person, m.locale);
          add(sp.person, name, sp.person ? orgName(sp.person) : '', item, st, it.start, it.end, sp.status !== 'confirmed');
        }
      }
    }
  }
  const speakers = [...byKey.values()].sort((a, b) => compareNames(a.name, b.name));
  const view = {
    locale: m.locale,
    draft: opts.draft,
    kicker: l.speakersList,
    event: eventHeader(m),
    withContacts,
    speakers: speakers.map((s) => ({ ...s, person: null, email: withContacts ? s.email : '' })),
    toChase: speakers.filter((s) => s.chase).length,
  };
  return { ...doc(m, templates, 'attendees/intervenants.hbs', view, l.speakersList), draft: opts.draft };
}

export function badgesDocument(m: EventModel, templates: Templates, opts: { draft: boolean }): DocumentTree {
  const cfg = m.documents.badges ?? {};
  const people = sortedAttendees(m);
  const blank = cfg.blank ?? (people.length === 0 ? 8 : 0);
  const badges = [
    ...people.map((p) => ({ name: p.name, role: p.role ?? '', org: orgName(p) })),
    ...Array.from({ length: blank }, () => ({ name: '', role: '', org: '' })),
  ];
  const view = { locale: m.locale, draft: opts.draft, layout: cfg.layout ?? '2x4', eventTitle: m.title, badges };
  return { ...doc(m, templates, 'attendees/badges.hbs', view, 'Badges', { bare: true }), draft: opts.draft };
}
