/** The `coop model minutes.md` JSON (FORMAT.md §4 and §5.2). */
import { formatHHMM } from '../model/time.js';
import type { OrgModel, PersonModel } from '../model/event.js';
import type { MinutesModel, ParticipantModel } from './model.js';

const orgName = (o: OrgModel | null) => (o ? (o.short ?? o.name) : null);
const person = (p: PersonModel) => ({ id: p.id, name: p.name, role: p.role, org: orgName(p.org) });
/** An organisation present without a named person has `name: null` and its `org`. */
const participant = (p: ParticipantModel) => (p.person ? person(p.person) : { id: null, name: null, role: p.role, org: orgName(p.org) });
const span = (t: { start: number; end: number | null } | null) => (t ? { start: formatHHMM(t.start), end: t.end === null ? null : formatHHMM(t.end) } : null);

export function minutesToJson(m: MinutesModel): unknown {
  return {
    kind: m.kind,
    title: m.title,
    date: m.date,
    time: span(m.time),
    place: m.place,
    event: m.event ? m.event.file : null,
    organisers: m.organisers.map((o) => o.name),
    chair: m.chair.map(person),
    secretary: m.secretary.map(person),
    present: m.present.map(participant),
    excused: m.excused.map(participant),
    absent: m.absent.map(participant),
    members: m.members,
    quorum: m.quorum,
    proxies: m.proxies.map((x) => ({ from: participant(x.from), to: participant(x.to) })),
    attachments: m.attachments,
    distribution: m.distribution,
    next_meeting: m.nextMeeting ? { date: m.nextMeeting.date, time: span(m.nextMeeting.time), place: m.nextMeeting.place } : null,
    status: m.status,
    approved_on: m.approvedOn,
    sections: m.sections,
    decisions: m.decisions.map((d) => ({
      n: d.n,
      text: d.text,
      line: d.line,
      vote: d.vote ? { for: d.vote.for, against: d.vote.against, abstain: d.vote.abstain, adopted: d.vote.adopted, unanimous: d.vote.unanimous } : null,
    })),
    actions: m.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.ownerId,
      owners: a.ownerIds,
      owner_name: a.owner?.name ?? null,
      owner_names: a.owners.map((o) => o.name),
      due: a.due,
      done: a.done,
      line: a.line,
    })),
  };
}
