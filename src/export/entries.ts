/**
 * The scheduled entries of a programme (timed items, and sessions with times but no timed
 * items), the list the calendar and the schedule both walk, and their plain-text description.
 */
import type { EventModel, ItemModel, SessionModel, SpeakerModel } from '../model/event.js';
import { label, labels } from '../render/labels.js';
import type { Locale } from '../typography/index.js';
import { append } from '../util/arrays.js';
import { markdownToText } from './markdown-text.js';
import { itemTitle, labelled, languagesLine, personLine, sessionTitle, speakerLinesOf } from './people-text.js';

/**
 * One scheduled entry of the programme: a timed item, or a session that has times but no
 * (timed) items (a break, a workshop announced without detail). Both exporters walk the
 * same list, so the calendar and the schedule always agree.
 */
export interface Entry {
  session: SessionModel;
  item: ItemModel | null;
  date: string;
  start: number;
  end: number;
  /**
   * The untimed parts of a session entry (FORMAT.md §5.1): listed in its description, in
   * order, never given times of their own. Empty for an item entry.
   */
  parts: ItemModel[];
  /**
   * Stable key: event title + date + session id + item index (or "session"). Stable across
   * runs and across edits to other sessions (renaming the event or inserting an item
   * before this one does change it: calendar clients then see a new event); unique, with a counter
   * when the input repeats a session id (an error the checker reports, but the model
   * still exists and the export must not produce duplicate ids).
   */
  key: string;
}

export function entries(model: EventModel): Entry[] {
  const out: Entry[] = [];
  const seen = new Map<string, number>();
  const unique = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}\u0000#${n}`;
  };
  for (const day of model.days) {
    for (const session of day.sessions) {
      // Only times somebody wrote (or that follow from them) are published: an untimed part
      // is not given the session's times as its own, it is listed in the session's entry.
      const timed = session.items.filter((i): i is ItemModel & { start: number; end: number } => i.start !== null && i.end !== null);
      if (timed.length > 0) {
        for (const item of timed) {
          out.push({
            session,
            item,
            date: session.date,
            start: item.start,
            end: item.end,
            parts: [],
            key: unique([model.title, session.date, session.id, String(item.index)].join('\u0000')),
          });
        }
      } else if (session.start !== null && session.end !== null && session.end > session.start) {
        out.push({
          session,
          item: null,
          date: session.date,
          start: session.start,
          end: session.end,
          parts: session.items,
          key: unique([model.title, session.date, session.id, 'session'].join('\u0000')),
        });
      }
    }
  }
  return out;
}

/** The speakers of an item entry, one line each. */
export function speakerLines(entry: Entry, locale: Locale): string[] {
  return speakerLinesOf(entry.item?.speakers ?? [], locale);
}

/** Every speaker of an entry: the item's, or those of all the parts of an untimed session. */
export function entrySpeakers(entry: Entry): SpeakerModel[] {
  return entry.item ? entry.item.speakers : entry.parts.flatMap((p) => p.speakers);
}

/** The parts of an untimed session, in order, as plain text: "I / Mot d'accueil" then its speakers. */
export function partsText(entry: Entry, locale: Locale): string[] {
  return entry.parts.map((p) => {
    const lines = [itemTitle(p), ...speakerLinesOf(p.speakers, locale)];
    const md = p.description?.trim();
    if (md) lines.push(markdownToText(md));
    return lines.join('\n');
  });
}

/** Where a session takes place, for calendars: an off-site room's own address, else the room and the venue. */
export function locationOf(model: EventModel, session: SessionModel): string[] {
  const room = session.room;
  const parts =
    room && (room.address || room.city)
      ? [room.name, room.address, room.city]
      : [session.roomUnassigned ? label('roomToConfirm', model.locale) : room?.name, model.venue?.name, model.venue?.city];
  return parts.filter((x, i, all): x is string => !!x && all.indexOf(x) === i);
}

/**
 * The plain-text description of an entry, for calendars: the session (with chair and
 * rapporteur), then the speakers with their status, then the item's (or session's) own
 * description, Markdown turned into plain text.
 */
export function entryDescription(entry: Entry, locale: Locale): string {
  const { session, item } = entry;
  const head = [sessionTitle(session, locale)];
  if (session.chair.length) head.push(labelled(labels[locale].chair, session.chair.map(personLine), locale));
  if (session.rapporteur.length) head.push(labelled(labels[locale].rapporteur, session.rapporteur.map(personLine), locale));
  const languages = languagesLine(session, locale);
  if (languages) head.push(languages);
  const blocks = [head.join('\n')];
  const speakers = speakerLines(entry, locale);
  if (speakers.length) blocks.push(speakers.join('\n'));
  append(blocks, partsText(entry, locale));
  const md = (item ? item.description : session.description)?.trim();
  if (md) blocks.push(markdownToText(md));
  return blocks.join('\n\n');
}

/** Is every speaker of the entry confirmed? (An entry without speakers is; one represented after declining is.) */
export function allConfirmed(entry: Entry): boolean {
  return entrySpeakers(entry).every((s) => s.status === 'confirmed' || (s.status === 'declined' && s.representedBy !== null));
}
