import { tjoin, tx } from '../../i18n.js';
import type { ItemModel, SessionModel, SpeakerModel } from '../../model/event.js';
import { fold, foldedTitleWords } from '../../util/names.js';
import type { Rule } from '../types.js';
import { personKey } from './speaker-double-booked.js';
import { day, itemName, sessionName, when } from './util.js';

interface Entry {
  item: ItemModel;
  session: SessionModel;
  date: string;
}

/** What the comparison reads of an entry, made only for items that share their speakers with another. */
interface Titled extends Entry {
  words: Set<string>;
  title: string;
  /** The numbers of the title, ordinals included ("partie 2", "2e partie"). */
  numbers: string;
}

/** The words of a folded title that are numbers, ordinals included ("2", "2e", "2nd": "2"), sorted. */
const NUMBER_WORD = /(?:^| )(\d+)(?:e|er|re|eme|nd|st|rd|th)?(?= |$)/g;
const numbersOf = (folded: string) => {
  const numbers: string[] = [];
  for (const m of folded.matchAll(NUMBER_WORD)) numbers.push(m[1]);
  return numbers.sort().join(' ');
};

const speakerKey = (s: SpeakerModel) => (s.person ? personKey(s.person) : `org:${s.org?.id ?? s.org?.name ?? ''}`);

/**
 * The same talk listed twice: items with the same speakers and the same title, or titles
 * sharing most of their meaningful words (one reworded "évaluation (ex de la Chine)…").
 * Items are grouped by their speaker set, so only items of the same speakers are compared.
 */
export const duplicateItem: Rule = {
  id: 'schedule/duplicate-item',
  severity: 'warning',
  description: 'Two items with the same speakers and the same (or nearly the same) title.',
  messages: {
    sameTitle: tx(
      'Le point {item} ({where}) reprend {first} ({firstWhere}) : mêmes intervenants, même titre.',
      'Item {item} ({where}) repeats {first} ({firstWhere}): same speakers, same title.',
    ),
    similarTitle: tx(
      'Le point {item} ({where}) reprend {first} ({firstWhere}) : mêmes intervenants, titre semblable.',
      'Item {item} ({where}) repeats {first} ({firstWhere}): same speakers, similar title.',
    ),
    firstOne: tx('le premier', 'the first one'),
    distinguish: tx(
      'Si c’est voulu (une intervention en deux temps), distinguez les titres : « … (partie 1) », « … (partie 2) ».',
      'If it is meant (a talk in two parts), make the titles distinct: "… (part 1)", "… (part 2)".',
    ),
  },
  run({ model, report }) {
    const groups = new Map<string, Entry[]>();
    for (const d of model.days) {
      for (const s of d.sessions) {
        for (const it of s.items) {
          if (it.speakers.length === 0) continue; // "Débat" twice is not a mistake
          const key = it.speakers.length === 1 ? speakerKey(it.speakers[0]) : [...new Set(it.speakers.map(speakerKey))].sort().join('|');
          const list = groups.get(key);
          if (list) list.push({ item: it, session: s, date: d.date });
          else groups.set(key, [{ item: it, session: s, date: d.date }]);
        }
      }
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const list: Titled[] = group.map(({ item, session, date }) => {
        const title = fold(item.title);
        return { item, session, date, words: foldedTitleWords(title), title, numbers: numbersOf(title) };
      });
      const fuzzy = list.length <= 200; // a speaker with hundreds of items: exact titles only
      const seen = new Map<string, Titled>();
      const byNumbers = new Map<string, Titled[]>();
      for (let j = 0; j < list.length; j++) {
        const b = list[j];
        let a = seen.get(b.title);
        // The earlier items with the same numbers, in order: the first similar one is the match.
        const sameNumbers = byNumbers.get(b.numbers);
        if (!a && fuzzy && sameNumbers) a = sameNumbers.find((x) => similar(x.words, b.words));
        if (sameNumbers) sameNumbers.push(b);
        else byNumbers.set(b.numbers, [b]);
        if (!seen.has(b.title)) seen.set(b.title, b);
        if (!a) continue;
        const where = (e: Entry) => tjoin([sessionName(e.session), day(e.date), when(e.item, e.session)], ', ');
        report({
          messageId: a.title === b.title ? 'sameTitle' : 'similarTitle',
          data: { item: itemName(b.item), where: where(b), first: itemName(a.item), firstWhere: where(a) },
          at: [...b.item.path, 'title'],
          cause: { at: [...a.item.path, 'title'], message: { messageId: 'firstOne' } },
          note: { messageId: 'distinguish' },
        });
      }
    }
  },
};

/**
 * Most of the shorter title's words appear in the other (at least 3 words, 70 %). The caller
 * also asks that their numbers agree: "Partie 1" and "Partie 2" (or "2e partie") are two
 * parts, not one talk listed twice.
 */
function similar(a: Set<string>, b: Set<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 3) return false;
  let common = 0;
  for (const w of small) if (big.has(w)) common++;
  return common / small.size >= 0.7;
}
