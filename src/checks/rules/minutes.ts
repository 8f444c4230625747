import { tx } from '../../i18n.js';
import { truncate } from '../../util/text.js';
import { participantKey, type MinutesModel, type ParticipantModel } from '../../minutes/model.js';
import { formatDate, formatTime } from '../../typography/index.js';
import { bookedPerson, itemSpan } from '../../model/event.js';
import { nameKey } from '../../util/names.js';
import type { Rule } from '../types.js';

const place = (m: MinutesModel, line: number) => ({ file: m.file, line, column: 1, endLine: line, endColumn: 2 });
const short = (s: string) => truncate(s, 60);

export const actionOwner: Rule = {
  id: 'minutes/action-owner',
  severity: 'warning',
  description: 'An action (task-list item) without an owner (@id).',
  messages: {
    noOwner: tx('L’action « {action} » n’a pas de responsable.', 'The action "{action}" has no owner.'),
    addOwner: tx('Ajoutez @identifiant de la personne ou de l’organisme responsable.', 'Add @id of the person or organisation in charge.'),
  },
  runMinutes({ minutes, report }) {
    for (const a of minutes.actions) {
      if (a.ownerId) continue;
      report({ messageId: 'noOwner', data: { action: short(a.text) }, at: place(minutes, a.line), note: { messageId: 'addOwner' } });
    }
  },
};

export const dueBeforeMeeting: Rule = {
  id: 'minutes/due-before-meeting',
  severity: 'warning',
  description: 'An open action whose due date is before the meeting itself.',
  messages: {
    dueBefore: tx(
      'L’action « {action} » est due le {due}, avant la réunion du {meeting} : date erronée ?',
      'The action "{action}" is due on {due}, before the meeting on {meeting}: a wrong date?',
    ),
  },
  runMinutes({ minutes, report }) {
    for (const a of minutes.actions) {
      if (a.done || !a.due || a.due >= minutes.date) continue;
      report({ messageId: 'dueBefore', data: { action: short(a.text), due: both(a.due), meeting: both(minutes.date) }, at: place(minutes, a.line) });
    }
  },
};

// ---------------------------------------------------------------------------------------
// Procès-verbaux, approval, and the agreement of minutes with their event (FORMAT.md §5.2)

/** Members present, and members represented by a proxy (the proxy's giver not present). */
function voters(m: MinutesModel): { present: number; represented: number } {
  const here = new Set(m.present.map(participantKey));
  const represented = new Set(m.proxies.filter((x) => !here.has(participantKey(x.from))).map((x) => participantKey(x.from)));
  return { present: m.present.length, represented: represented.size };
}

/** « de Marc », « d’Anne » : the French preposition elided before a vowel. */
const de = (name: string) => (/^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name) ? `d’${name}` : `de ${name}`);
/** « présent », « présente », « présent·e » agreed with a participant's civility. */
const agreed = (p: ParticipantModel, stem: string) =>
  p.civility === 'Mme' ? `${stem}e` : p.civility === 'M.' || (!p.person && p.civility === null) ? stem : `${stem}·e`;

const ending = (civility: 'M.' | 'Mme' | null) => (civility === 'Mme' ? 'e' : civility === 'M.' ? '' : '·e');

/** "2 présents", "1 présent", "0 présent": French plural from 2. */
const frCount = (n: number, word: string) => `${String(n)} ${word}${n > 1 ? 's' : ''}`;

const both = (iso: string) => ({ fr: formatDate(iso, 'fr'), en: formatDate(iso, 'en') });

export const voteCount: Rule = {
  id: 'minutes/vote-count',
  severity: 'error',
  description: 'A vote with more votes than voters (members present plus proxies).',
  messages: {
    tooManyVotes: tx(
      '{decision} compte {cast} voix (pour : {for}, contre : {against}, abstention : {abstain}) pour {voters} ({present}, {represented}).',
      '{decision} counts {cast} votes (for: {for}, against: {against}, abstain: {abstain}) for {voters} ({present}, {represented}).',
    ),
    fixCounts: tx(
      'Corrigez les nombres de voix, ou complétez `present` et `proxies` avec les membres qui ont voté.',
      'Correct the counts, or complete `present` and `proxies` with the members who voted.',
    ),
  },
  runMinutes({ minutes, report }) {
    if (minutes.present.length === 0) return; // nobody listed: the voters are unknown
    const { present, represented } = voters(minutes);
    const max = present + represented;
    const pv = minutes.kind === 'pv';
    for (const d of minutes.decisions) {
      const v = d.vote;
      if (!v || v.for === null) continue;
      const cast = v.for + (v.against ?? 0) + (v.abstain ?? 0);
      if (cast <= max) continue;
      const n = String(d.n);
      report({
        messageId: 'tooManyVotes',
        data: {
          decision: pv ? tx(`La résolution n° ${n}`, `Resolution ${n}`) : tx(`La décision n° ${n}`, `Decision ${n}`),
          cast: String(cast),
          for: String(v.for),
          against: String(v.against ?? 0),
          abstain: String(v.abstain ?? 0),
          voters: tx(frCount(max, 'votant'), `${String(max)} voter${max === 1 ? '' : 's'}`),
          present: tx(frCount(present, 'présent'), `${String(present)} present`),
          represented: tx(frCount(represented, 'représenté'), `${String(represented)} represented`),
        },
        at: d.votePlace,
        note: { messageId: 'fixCounts' },
      });
    }
  },
};

export const quorum: Rule = {
  id: 'minutes/quorum',
  severity: 'warning',
  description: 'Fewer members present or represented than the quorum.',
  messages: {
    notReached: tx(
      'Quorum non atteint : {members} ({present}, {represented}) pour un quorum de {quorum} : les délibérations ne sont pas valables.',
      'Quorum not reached: {members} ({present}, {represented}) for a quorum of {quorum}: the resolutions are not valid.',
    ),
  },
  runMinutes({ minutes, report }) {
    if (minutes.quorum === null || !minutes.places.quorum) return;
    const { present, represented } = voters(minutes);
    const total = present + represented;
    if (total >= minutes.quorum) return;
    const s = total > 1 ? 's' : '';
    report({
      messageId: 'notReached',
      data: {
        members: tx(`${String(total)} membre${s} présent${s} ou représenté${s}`, `${String(total)} member${total === 1 ? '' : 's'} present or represented`),
        present: tx(frCount(present, 'présent'), `${String(present)} present`),
        represented: tx(frCount(represented, 'représenté'), `${String(represented)} represented`),
        quorum: String(minutes.quorum),
      },
      at: minutes.places.quorum,
    });
  },
};

export const proxy: Rule = {
  id: 'minutes/proxy',
  severity: 'warning',
  description: 'A proxy held by someone who is not present, given by someone present, or given twice.',
  messages: {
    givenTwice: tx(
      '{from} donne deux pouvoirs (procurations {first} et {second}) : un seul compte.',
      '{from} gives two proxies (entries {first} and {second}): only one counts.',
    ),
    holderAbsent: tx(
      'Le pouvoir {ofFrom} est confié à {to}, qui n’est pas dans `present` : il ne peut pas être exercé.',
      'The proxy {ofFrom} is held by {to}, who is not in `present`: it cannot be used.',
    ),
    addHolder: tx('Ajoutez {to} à `present`, ou confiez le pouvoir à un membre présent.', 'Add {to} to `present`, or give the proxy to a member present.'),
    giverPresent: tx(
      '{from} est {present} et donne pourtant un pouvoir à {to} : le pouvoir ne compte pas.',
      '{from} is {present} and yet gives a proxy to {to}: the proxy does not count.',
    ),
  },
  runMinutes({ minutes, report }) {
    const here = new Set(minutes.present.map(participantKey));
    const given = new Map<string, number>();
    minutes.proxies.forEach((x, i) => {
      const from = participantKey(x.from);
      if (given.has(from)) {
        report({ messageId: 'givenTwice', data: { from: x.from.name, first: String(given.get(from)! + 1), second: String(i + 1) }, at: x.place });
        return;
      }
      given.set(from, i);
      if (minutes.present.length > 0 && !here.has(participantKey(x.to))) {
        report({
          messageId: 'holderAbsent',
          data: { ofFrom: tx(de(x.from.name), `of ${x.from.name}`), to: x.to.name },
          at: x.place,
          note: { messageId: 'addHolder', data: { to: x.to.name } },
        });
      } else if (here.has(from)) {
        report({ messageId: 'giverPresent', data: { from: x.from.name, present: tx(agreed(x.from, 'présent'), 'present'), to: x.to.name }, at: x.place });
      }
    });
  },
};

export const approvedBeforeMeeting: Rule = {
  id: 'minutes/approved-before-meeting',
  severity: 'warning',
  description: 'An approval date (approved_on) before the meeting itself.',
  messages: {
    approvedBefore: tx(
      'Compte rendu approuvé le {approved}, avant la réunion elle-même ({meeting}) : date erronée ?',
      'Minutes approved on {approved}, before the meeting itself ({meeting}): a wrong date?',
    ),
    fixDate: tx(
      'L’approbation a lieu à la réunion suivante : corrigez `approved_on` (ou `date`).',
      'Minutes are approved at a later meeting: correct `approved_on` (or `date`).',
    ),
  },
  runMinutes({ minutes, report }) {
    if (!minutes.approvedOn || minutes.approvedOn >= minutes.date || !minutes.places.approved_on) return;
    report({
      messageId: 'approvedBefore',
      data: { approved: both(minutes.approvedOn), meeting: both(minutes.date) },
      at: minutes.places.approved_on,
      note: { messageId: 'fixDate' },
    });
  },
};

export const dateNotInEvent: Rule = {
  id: 'minutes/date-not-in-event',
  severity: 'info',
  description: 'Minutes linked to an event whose date is not a day of that event.',
  messages: {
    notADay: tx(
      'La réunion du {date} n’est pas un jour de l’événement lié « {event} » ({days}).',
      'The meeting of {date} is not a day of the linked event "{event}" ({days}).',
    ),
  },
  runMinutes({ minutes, report }) {
    const ev = minutes.event;
    if (!ev || ev.days.length === 0 || !minutes.places.date) return;
    if (ev.days.some((d) => d.date === minutes.date)) return;
    const days = ev.days.map((d) => d.date).sort();
    const first = both(days[0]);
    const last = both(days[days.length - 1]);
    const span = days.length === 1 ? first : { fr: `${first.fr} – ${last.fr}`, en: `${first.en} – ${last.en}` };
    report({ messageId: 'notADay', data: { date: both(minutes.date), event: ev.title, days: span }, at: minutes.places.date });
  },
};

export const speakerNotPresent: Rule = {
  id: 'minutes/speaker-not-present',
  severity: 'info',
  description: 'A speaker of the linked event on the day of the minutes who is missing from `present`.',
  messages: {
    notPresent: tx(
      '{name} intervient à {time} (« {item} ») d’après le programme, mais n’est pas dans `present`.',
      '{name} speaks at {time} ("{item}") according to the programme, but is not in `present`.',
    ),
    listedAway: tx(
      '{name} intervient à {time} (« {item} ») d’après le programme, mais est {listed} : mettez le programme à jour (`status: declined`) ou corrigez le compte rendu.',
      '{name} speaks at {time} ("{item}") according to the programme, but is {listed}: update the programme (`status: declined`) or correct the minutes.',
    ),
    addPresent: tx('Ajoutez `{id}` à `present` {ifThere} était là.', 'Add `{id}` to `present` {ifThere} were there.'),
    orgNotPresent: tx(
      '{org} intervient à {time} (« {item} ») d’après le programme, mais aucun de ses représentants n’est dans `present`.',
      '{org} speaks at {time} ("{item}") according to the programme, but none of its representatives is in `present`.',
    ),
    addOrg: tx('Ajoutez `{entry}` à `present` si l’organisme était représenté.', 'Add `{entry}` to `present` if the organisation was represented.'),
  },
  runMinutes({ minutes, report }) {
    const ev = minutes.event;
    const at = minutes.places.present;
    if (!ev || !at || minutes.present.length === 0) return;
    const key = (p: { id: string | null; name: string }) => (p.id && ev.people.get(p.id) ? `id:${p.id}` : `name:${nameKey(p.name)}`);
    const present = new Set<string>();
    const presentOrgs = new Set<string>();
    for (const p of minutes.present) {
      if (p.person) {
        present.add(key(p.person));
        present.add(`name:${nameKey(p.person.name)}`);
      }
      if (p.org) presentOrgs.add(nameKey(p.org.name));
    }
    const elsewhere = new Map<string, 'excused' | 'absent'>();
    for (const [list, w] of [
      [minutes.excused, 'excused'],
      [minutes.absent, 'absent'],
    ] as const) {
      for (const p of list) if (p.person) elsewhere.set(key(p.person), w);
    }
    const seen = new Set<string>();
    for (const day of ev.days) {
      if (day.date !== minutes.date) continue;
      for (const s of day.sessions) {
        for (const item of s.items) {
          for (const sp of item.speakers) {
            // The one who comes: a representative replaces the person represented.
            const who = bookedPerson(sp);
            if (sp.status === 'declined' && !sp.representedBy) continue;
            const span = itemSpan(item, s);
            if (!span) continue;
            const when = { fr: formatTime(span.start, 'fr'), en: formatTime(span.start, 'en') };
            if (who) {
              const k = key(who);
              if (present.has(k) || present.has(`name:${nameKey(who.name)}`) || seen.has(k)) continue;
              seen.add(k);
              const w = elsewhere.get(k);
              const data = { name: who.name, time: when, item: item.title };
              const e = ending(who.civility);
              report({
                ...(w === undefined
                  ? { messageId: 'notPresent', data }
                  : {
                      messageId: 'listedAway',
                      data: {
                        ...data,
                        listed: tx(`noté${e} ${w === 'excused' ? 'excusé' : 'absent'}${e}`, `listed as ${w === 'excused' ? 'excused' : 'absent'}`),
                      },
                    }),
                at,
                note:
                  w === undefined && who.id
                    ? {
                        messageId: 'addPresent',
                        data: { id: who.id, ifThere: tx(who.civility === 'Mme' ? 'si elle' : who.civility === 'M.' ? 's’il' : 's’il ou elle', 'if they') },
                      }
                    : undefined,
              });
            } else if (sp.org) {
              const k = `org:${nameKey(sp.org.name)}`;
              if (presentOrgs.has(nameKey(sp.org.name)) || seen.has(k)) continue;
              seen.add(k);
              report({
                messageId: 'orgNotPresent',
                data: { org: sp.org.name, time: when, item: item.title },
                at,
                note: sp.org.id ? { messageId: 'addOrg', data: { entry: `{ org: ${sp.org.id} }` } } : undefined,
              });
            }
          }
        }
      }
    }
  },
};
