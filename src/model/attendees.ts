/**
 * Attendees who are people of the event (FORMAT.md §5.1, "same person, same name"): a
 * registration export always lists the speakers too. An attendee (inline or a CSV row) whose
 * name is a `people` entry's, written the same way (case, accents and word order aside), is
 * that person: one entry in the lists, no `people/near-duplicate` warning. What the row adds
 * (an e-mail, a phone) completes the entry for the attendee lists.
 */
import { personNameKey } from '../attendees/sort.js';
import type { EventModel, PersonModel } from './event.js';

/** people entries by name key; a key two entries share merges nothing (which one would it be?). */
export function peopleByName(people: Iterable<PersonModel>): Map<string, PersonModel | null> {
  const out = new Map<string, PersonModel | null>();
  for (const p of people) {
    const key = personNameKey(p.name);
    out.set(key, out.has(key) ? null : p);
  }
  return out;
}

/** The attendee as a `people` entry when the names are the same, else as given. */
export function mergeAttendee(index: Map<string, PersonModel | null>, a: PersonModel): PersonModel {
  if (a.id !== null) return a;
  const p = index.get(personNameKey(a.name));
  if (!p) return a;
  const filled = {
    civility: p.civility ?? a.civility,
    role: p.role ?? a.role,
    org: p.org ?? a.org,
    email: p.email ?? a.email,
    phone: p.phone ?? a.phone,
  };
  const same = Object.entries(filled).every(([k, v]) => p[k as keyof typeof filled] === v);
  // Completed from the row: a copy that keeps the id (lists count it once) and points at the
  // row for what came from it (a malformed e-mail is reported in the CSV).
  return same ? p : { ...p, ...filled, ...(a.email && !p.email ? { place: a.place, path: a.path } : {}) };
}

/** Merge the model's attendees with its people (after the CSV files are read). */
export function mergeAttendees(model: EventModel): void {
  if (model.people.size === 0 || model.attendees.every((a) => a.id !== null)) return;
  const index = peopleByName(model.people.values());
  model.attendees = model.attendees.map((a) => mergeAttendee(index, a));
}
