import { range, tx, type Text } from '../../i18n.js';
import type { PersonModel, SessionModel } from '../../model/event.js';
import type { Path } from '../../source/yaml.js';
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
        s.chair.forEach((p, i) =>
          book({ person: p, date: d.date, start: s.start!, end: s.end!, session: s, path: chairPath(s, 'chair', i), what: tx(`anime ${where.fr}`, `chairs ${where.en}`) }),
        );
        s.rapporteur.forEach((p, i) =>
          book({ person: p, date: d.date, start: s.start!, end: s.end!, session: s, path: chairPath(s, 'rapporteur', i), what: tx(`est rapporteur de ${where.fr}`, `reports on ${where.en}`) }),
        );
        for (const it of s.items) {
          for (const sp of it.speakers) {
            if (!sp.person || sp.status === 'declined') continue;
            const name = itemName(it);
            book({
              person: sp.person,
              date: d.date,
              start: it.start,
              end: it.end,
              session: s,
              path: sp.path,
              what: tx(`intervient dans ${name.fr} (${where.fr})`, `speaks in ${name.en} (${where.en})`),
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
          const both = range(cur.start, Math.min(cur.end, other.end));
          const dd = day(cur.date);
          const name = cur.person.name;
          report({
            message: tx(
              `${name} est ${cur.person.civility === "Mme" ? "attendue" : cur.person.civility === "M." ? "attendu" : "attendu·e"} à deux endroits en même temps, ${dd.fr}, ${both.fr} : ${name} ${other.what.fr}, et ${cur.what.fr}.`,
              `${name} is booked in two places at once on ${dd.en}, ${both.en}: ${name} ${other.what.en}, and ${cur.what.en}.`,
            ),
            at: cur.path,
            cause: { at: other.path, message: tx('l’autre engagement', 'the other booking') },
            note: tx(
              'Déplacez l’une des deux interventions, ou faites-vous représenter (`or_representative: true`).',
              'Move one of the two, or send a representative (`or_representative: true`).',
            ),
          });
        }
        active.push(cur);
      }
    }
  },
};

function chairPath(s: SessionModel, key: 'chair' | 'rapporteur', i: number): Path {
  return [...s.path, key, i];
}
