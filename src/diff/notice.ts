/**
 * The change notice (`coop diff -o DIR`: modifications.html and modifications.pdf): "Programme
 * modifié au 12 mars 2026", the list of changes, then only the sessions that changed, printed
 * as the programme prints them, each change noted under what it changed. Made through the one
 * rendering path (template → document tree → HTML page and PDF), like every other document.
 */
import type { DocumentTree } from '../render/document.js';
import { renderTree } from '../render/document.js';
import { labels } from '../render/labels.js';
import type { Templates } from '../render/templates.js';
import { programmeView } from '../render/view.js';
import type { ItemModel, SessionModel, EventModel } from '../model/event.js';
import { formatDate, type Locale } from '../typography/index.js';
import type { Change } from './compare.js';
import { pushTo } from '../util/arrays.js';

/** Change notes as Markdown for an item's description: "**Modifié :** …", the text escaped. */
function notesMarkdown(notes: string[] | undefined, locale: Locale): string | null {
  if (!notes?.length) return null;
  const label = locale === 'fr' ? 'Modifié :' : 'Changed:';
  const escape = (t: string) => t.replace(/[\\`*_[\]<>#|~&!]/g, '\\$&').replace(/\s+/g, ' ');
  return notes.map((n) => `**${label}** ${escape(n)}`).join('\n\n');
}

export function noticeDocument(model: EventModel, changes: Change[], templates: Templates, opts: { date: string; locale?: Locale }): DocumentTree {
  const locale = opts.locale ?? model.locale;
  const base = programmeView(model, { draft: false });
  const sessionNotes = new Map<SessionModel, string[]>();
  const itemNotes = new Map<ItemModel, string[]>();
  for (const c of changes) {
    if (!c.session) continue;
    if (!sessionNotes.has(c.session)) sessionNotes.set(c.session, []);
    if (c.alsoIn && !sessionNotes.has(c.alsoIn)) sessionNotes.set(c.alsoIn, []);
    if (c.alsoIn) sessionNotes.get(c.alsoIn)!.push(c.message[locale]);
    if (c.changedItem) pushTo(itemNotes, c.changedItem, (c.note ?? c.message)[locale]);
    // A new session needs no note: it is all new, and said so in the list above.
    else if (c.kind !== 'session-added') sessionNotes.get(c.session)!.push(c.message[locale]);
  }
  const days = model.days.flatMap((day, di) => {
    const sessions = day.sessions.flatMap((s, si) => {
      const notes = sessionNotes.get(s);
      if (!notes) return [];
      const view = base.days[di].sessions[si];
      return [
        {
          ...view,
          // The notice says what changed; the descriptions are in the programme.
          description: null,
          changes: notes,
          // An item's changes are printed where its description is, inside the item, so that
          // they never end up on another page than the item; the descriptions themselves are
          // in the programme.
          items: view.items.map((item, ii) => ({ ...item, description: notesMarkdown(itemNotes.get(s.items[ii]), locale) })),
        },
      ];
    });
    return sessions.length ? [{ date: day.date, title: day.title, sessions }] : [];
  });
  const noticeDate = formatDate(opts.date, locale, { weekday: false });
  const chairLabel = `${labels[locale].chair}${locale === 'fr' ? ' :' : ':'}`;
  const view = { locale, event: base.event, noticeDate, chairLabel, changes: changes.map((c) => c.message[locale]), days };
  const heading = `${labels[locale].changeNotice} ${noticeDate}`;
  return {
    body: renderTree(templates, 'diff/modifications.hbs', view, locale),
    locale,
    title: `${heading} — ${model.title}`,
    subject: heading,
    author: base.event.organisers.join(', '),
    draft: false,
    date: new Date(`${opts.date}T00:00:00Z`),
  };
}
