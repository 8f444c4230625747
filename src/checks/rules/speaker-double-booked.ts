import { range, tx, type Text } from '../../i18n.js';
import { bookedPerson, itemSpan, type PersonModel, type SessionModel } from '../../model/event.js';
import type { Path } from '../../source/yaml.js';
import type { MessageRef } from '../../diagnostics/types.js';
import type { Rule } from '../types.js';
import { day, itemName, roomName, sessionName } from './util.js';

interface Booking {
  person: PersonModel;
  date: string;
  start: number;
  end: number;
  session: SessionModel;
  what: Text;
  path: Path;
  /** A speaker entry (which `represented_by` can clear), not a chair or rapporteur. */
  speaking: boolean;
  item: Text | null;
}

/** One key per person: the `people` id, or the name as written for an inline person. */
export const personKey = (p: PersonModel) => (p.id !== null ? `id:${p.id}` : `name:${p.name.trim().toLowerCase()}`);

/**
 * A person is booked when speaking, chairing or reporting. Two bookings of one person that
 * overlap in time, in different sessions, are a conflict (chairing a session and speaking
 * in it is not). Per person, bookings are sorted and swept: O(n log n).
 */
export const speakerDoubleBooked: Rule = {
  id: 'schedule/speaker-double-booked',
  severity: 'error',
  description: 'One person speaks, chairs or reports in two overlapping places.',
  messages: {
    twoPlaces: tx(
      '{name} est {booked} à deux endroits en même temps, {day}, {time} : {name} {other}, et {current}.',
      '{name} is {booked} in two places at once on {day}, {time}: {name} {other}, and {current}.',
    ),
    otherBooking: tx('l’autre engagement', 'the other booking'),
    represent: tx(
      'Faites représenter {name} dans {item} (ajoutez `represented_by:` à cet intervenant), déplacez l’un des deux points, ou confiez-le à un autre intervenant.',
      'Have {name} represented in {item} (add `represented_by:` to that speaker), move one of the two, or give it to another speaker.',
    ),
    sendSomeoneElse: tx(
      'Envoyez quelqu’un d’autre que {name} dans {item} (changez son `represented_by`), ou déplacez l’un des deux points.',
      'Send someone other than {name} to {item} (change its `represented_by`), or move one of the two.',
    ),
    moveSession: tx(
      'Déplacez l’une des deux séances, ou confiez l’animation (ou le rapport) de l’une à une autre personne.',
      'Move one of the two sessions, or give the chair (or the report) of one of them to someone else.',
    ),
  },
  run({ model, report }) {
    const byPerson = new Map<string, Booking[]>();
    const book = (b: Booking) => {
      const key = `${b.date}|${personKey(b.person)}`;
      const list = byPerson.get(key);
      if (list) list.push(b);
      else byPerson.set(key, [b]);
    };
    for (const d of model.days) {
      for (const s of d.sessions) {
        if (s.start === null || s.end === null) continue;
        const where = tx(`${sessionName(s).fr}, ${roomName(s).fr}`, `${sessionName(s).en}, ${roomName(s).en}`);
        const [start, end] = [s.start, s.end];
        const chairPlace = { date: d.date, start, end, session: s, speaking: false, item: null };
        s.chair.forEach((p, i) => book({ ...chairPlace, person: p, path: chairPath(s, 'chair', i), what: tx(`anime ${where.fr}`, `chairs ${where.en}`) }));
        s.rapporteur.forEach((p, i) =>
          book({ ...chairPlace, person: p, path: chairPath(s, 'rapporteur', i), what: tx(`est rapporteur de ${where.fr}`, `reports on ${where.en}`) }),
        );
        for (const it of s.items) {
          const span = itemSpan(it, s);
          if (!span) continue;
          for (const sp of it.speakers) {
            // The representative is the one who comes; a declined speaker without one comes to nothing.
            const person = bookedPerson(sp);
            if (!person || (sp.status === 'declined' && !sp.representedBy)) continue;
            const name = itemName(it);
            book({
              person,
              date: d.date,
              start: span.start,
              end: span.end,
              session: s,
              path: sp.representedBy ? [...sp.path, 'represented_by'] : sp.path,
              what: tx(`intervient dans ${name.fr} (${where.fr})`, `speaks in ${name.en} (${where.en})`),
              speaking: !sp.representedBy,
              item: name,
            });
          }
        }
      }
    }
    for (const list of byPerson.values()) {
      if (list.length < 2) continue;
      list.sort((a, b) => a.start - b.start || a.end - b.end);
      const active: Booking[] = [];
      for (const cur of list) {
        for (let i = active.length - 1; i >= 0; i--) if (active[i].end <= cur.start) active.splice(i, 1);
        const other = active.find((a) => a.session !== cur.session);
        if (other) {
          const civility = cur.person.civility;
          report({
            messageId: 'twoPlaces',
            data: {
              name: cur.person.name,
              booked: tx(civility === 'Mme' ? 'attendue' : civility === 'M.' ? 'attendu' : 'attendu·e', 'booked'),
              day: day(cur.date),
              time: range(cur.start, Math.min(cur.end, other.end)),
              other: other.what,
              current: cur.what,
            },
            at: cur.path,
            cause: { at: other.path, message: { messageId: 'otherBooking' } },
            note: fix(cur, other),
          });
        }
        active.push(cur);
      }
    }
  },
};

/**
 * What clears the conflict: a representative for one of the two talks (`represented_by`, which
 * books the representative instead), moving one of them, or giving it to someone else.
 */
function fix(cur: Booking, other: Booking): MessageRef {
  const talk = cur.speaking ? cur : other.speaking ? other : null;
  if (talk?.item) return { messageId: 'represent', data: { name: talk.person.name, item: talk.item } };
  const representing = cur.item ? cur : other.item ? other : null;
  if (representing?.item) return { messageId: 'sendSomeoneElse', data: { name: representing.person.name, item: representing.item } };
  return { messageId: 'moveSession' };
}

function chairPath(s: SessionModel, key: 'chair' | 'rapporteur', i: number): Path {
  return [...s.path, key, i];
}
