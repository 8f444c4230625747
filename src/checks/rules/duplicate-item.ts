import { tjoin, tx } from '../../i18n.js';
import type { ItemModel, SessionModel, SpeakerModel } from '../../model/event.js';
import { fold, titleWords } from '../../util/names.js';
import type { Rule } from '../types.js';
import { personKey } from './speaker-double-booked.js';
import { day, itemName, sessionName, when } from './util.js';

interface Entry {
  item: ItemModel;
  session: SessionModel;
  date: string;
  words: Set<string>;
  title: string;
  /** The numbers of the title, ordinals included ("partie 2", "2e partie"). */
  numbers: string;
}

const numbersOf = (folded: string) =>
  folded
    .split(' ')
    .flatMap((w) => /^(\d+)(?:e|er|re|eme|nd|st|rd|th)?$/.exec(w)?.[1] ?? [])
    .sort()
    .join(' ');

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
          const key = [...new Set(it.speakers.map(speakerKey))].sort().join('|');
          const list = groups.get(key) ?? [];
          const title = fold(it.title);
          list.push({ item: it, session: s, date: d.date, words: titleWords(it.title), title, numbers: numbersOf(title) });
          groups.set(key, list);
        }
      }
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const fuzzy = list.length <= 200; // a speaker with hundreds of items: exact titles only
      const seen = new Map<string, Entry>();
      for (let j = 0; j < list.length; j++) {
        const b = list[j];
        let a = seen.get(b.title);
        if (!a && fuzzy) a = list.slice(0, j).find((x) => x.numbers === b.numbers && similar(x.words, b.words));
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
