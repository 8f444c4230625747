/** The `coop model minutes.md` JSON (FORMAT.md §4). */
import { formatHHMM } from '../model/time.js';
import type { PersonModel } from '../model/event.js';
import type { MinutesModel } from './model.js';

const person = (p: PersonModel) => ({ id: p.id, name: p.name, role: p.role, org: p.org ? (p.org.short ?? p.org.name) : null });
const span = (t: { start: number; end: number } | null) => (t ? { start: formatHHMM(t.start), end: formatHHMM(t.end) } : null);

export function minutesToJson(m: MinutesModel): unknown {
  return {
    kind: m.kind,
    title: m.title,
    date: m.date,
    time: span(m.time),
    place: m.place,
    event: m.event ? m.event.file : null,
    chair: m.chair.map(person),
    secretary: m.secretary.map(person),
    present: m.present.map(person),
    excused: m.excused.map(person),
    absent: m.absent.map(person),
    attachments: m.attachments,
    distribution: m.distribution,
    next_meeting: m.nextMeeting ? { date: m.nextMeeting.date, time: span(m.nextMeeting.time), place: m.nextMeeting.place } : null,
    status: m.status,
    approved_on: m.approvedOn,
    sections: m.sections,
    decisions: m.decisions.map((d) => ({ n: d.n, text: d.text, line: d.line })),
    actions: m.actions.map((a) => ({ text: a.text, owner: a.ownerId, owner_name: a.owner?.name ?? null, due: a.due, done: a.done, line: a.line })),
  };
}
