import { time, tx, type Text } from '../../i18n.js';
import { wallTimeExists } from '../../util/time-zones.js';
import type { Path } from '../../source/yaml.js';
import type { Rule } from '../types.js';
import { day, itemName, sessionName } from './util.js';

/**
 * A time that does not exist on that day in the event's time zone: clocks jump forward in
 * spring (2:30 on 10 March 2024 in Montréal). Calendars then get an entry that ends before it
 * starts. A wall time exists when converting it to UTC and back gives it again.
 */
export const nonexistentTime: Rule = {
  id: 'schedule/nonexistent-time',
  severity: 'warning',
  description: 'A time that does not exist on that day in the event time zone (the spring clock change).',
  messages: {
    skipped: tx(
      '{time} n’existe pas le {day} (fuseau {zone}, passage à l’heure d’été) : {what} ; les agendas recevraient une heure fausse.',
      '{time} does not exist on {day} (time zone {zone}, the clocks go forward): {what}; calendars would get a wrong time.',
    ),
  },
  run({ model, report }) {
    const tz = model.timezone;
    // Items share their days and times: each wall time is looked up once (10,000 items, a few
    // hundred distinct times), and the names and paths of a report are made only for a report.
    const known = new Map<string, boolean>();
    const exists = (date: string, m: number) => {
      const key = `${date} ${m}`;
      let yes = known.get(key);
      if (yes === undefined) known.set(key, (yes = wallTimeExists(date, m, tz)));
      return yes;
    };
    for (const d of model.days) {
      for (const s of d.sessions) {
        const check = (m: number | null, at: () => Path, what: () => Text) => {
          if (m === null || exists(d.date, m)) return;
          report({ messageId: 'skipped', data: { time: time(m), day: day(d.date), zone: tz, what: what() }, at: at() });
        };
        check(
          s.start,
          () => [...s.path, 'start'],
          () => sessionName(s),
        );
        for (const it of s.items) {
          if (!it.untimed)
            check(
              it.start,
              () => (it.startGiven ? [...it.path, 'start'] : it.path),
              () => itemName(it),
            );
        }
      }
    }
  },
};
