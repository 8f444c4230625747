/**
 * What changed between two versions of a programme (FORMAT.md §5.4, "Changes between two
 * versions"): sessions and items added, removed, moved (day, time, room) or retitled; speakers
 * added, removed, represented, or whose status changed.
 *
 * Sessions are matched by their explicit `id`, else by title, else by number or place on the
 * same day. Items are matched across the whole event (an item may move to another session or
 * day) by id, else by title and speakers, else by title, else by speakers, else by place in the
 * same session; among several candidates, the nearest in time, in the same session first. So a
 * moved item is one move, not a removal and an addition. The work is linear in the size of the
 * programmes, up to the groups of items that share a title (bounded, see `pair`).
 */
import { tx, type Text } from '../i18n.js';
import type { EventModel, ItemModel, PersonModel, SessionModel, SpeakerModel } from '../model/event.js';
import { itemSpan } from '../model/event.js';
import { formatHHMM } from '../model/time.js';
import type { Path, YamlSource } from '../source/yaml.js';
import { formatDate, formatTime, formatTimeRange } from '../typography/index.js';
import { truncate } from '../util/text.js';
import { append } from '../util/arrays.js';

export const changeKinds = [
  'session-added',
  'session-removed',
  'session-moved',
  'session-retitled',
  'item-added',
  'item-removed',
  'item-moved',
  'item-retitled',
  'speaker-added',
  'speaker-removed',
  'speaker-represented',
  'speaker-status',
] as const;

export type ChangeKind = (typeof changeKinds)[number];

/** At one place, what went before what came: a removal, then an addition, then the rest. */
const SORT_RANK: Record<ChangeKind, number> = {
  'session-removed': 0,
  'session-added': 1,
  'session-moved': 2,
  'session-retitled': 3,
  'item-removed': 4,
  'item-added': 5,
  'item-moved': 6,
  'item-retitled': 7,
  'speaker-removed': 8,
  'speaker-added': 9,
  'speaker-represented': 10,
  'speaker-status': 11,
};

/** One version of the programme: its model, and the source its lines are read from. */
export interface Version {
  model: EventModel;
  source: YamlSource;
}

export interface Change {
  kind: ChangeKind;
  message: Text;
  old: unknown;
  new: unknown;
  /** Where the change is: in the new version, or in the old one for a removal. */
  file: string;
  line: number;
  /** For speaker changes: the item's title. */
  item?: string;
  /** The session of the new version the change belongs to (null for a removed session). */
  session: SessionModel | null;
  /** The new version's item that changed (added, moved, retitled, its speakers), if any. */
  changedItem: ItemModel | null;
  /** The message as a note printed under that item (without repeating its title). */
  note?: Text;
  /** Another session of the new version the change concerns (the one an item left). */
  alsoIn?: SessionModel;
  /** Sort key: the day and minute the change is about. */
  sortKey: [string, number, number];
}

type Loose = number | null | undefined;

// ---------------------------------------------------------------- wording

const short = (s: string, max = 80): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  // Cut by code point, never inside a character (a lone surrogate is not JSON jq reads).
  return t.length > max ? `${truncate(t, max, '').trimEnd()}…` : t;
};
const quote = (s: string): Text => tx(`« ${short(s)} »`, `“${short(s)}”`);
const date = (iso: string): Text => tx(formatDate(iso, 'fr'), formatDate(iso, 'en'));
const at = (m: Loose): Text =>
  m === null || m === undefined ? tx('horaire à préciser', 'time to be confirmed') : tx(formatTime(m, 'fr'), formatTime(m, 'en'));
const span = (a: Loose, b: Loose): Text =>
  a === null || a === undefined || b === null || b === undefined ? at(null) : tx(formatTimeRange(a, b, 'fr'), formatTimeRange(a, b, 'en'));
const roomText = (r: string | null): Text => (r === null ? tx('salle à préciser', 'room to be confirmed') : tx(r.replace(/^Salle\b/, 'salle'), r));
const sessionLabel = (s: SessionModel): Text =>
  s.number ? tx(`séance ${s.number}`, `session ${s.number}`) : tx(`séance « ${short(s.title, 50)} »`, `session “${short(s.title, 50)}”`);
type Lang = 'fr' | 'en';
/** A message written once per language: `both((l) => …)`, with `w(l, 'fr', 'en')` for the words. */
const both = (f: (l: Lang) => string): Text => ({ fr: f('fr'), en: f('en') });
const w = (l: Lang, fr: string, en: string): string => (l === 'fr' ? fr : en);
/** "X : Y" in French, "X: Y" in English. */
const colon = (l: Lang): string => w(l, ' : ', ': ');
const capital = (t: Text): Text => both((l) => t[l].charAt(0).toUpperCase() + t[l].slice(1));
/** French agreement by civility: représenté / représentée / représenté·e; organisations masculine. */
const agree = (civility: 'M.' | 'Mme' | null, isOrg: boolean, masc: string, fem: string): string =>
  civility === 'Mme' ? fem : civility === 'M.' || isOrg ? masc : `${masc}·${fem.slice(masc.length)}`;

function statusText(status: string, civility: 'M.' | 'Mme' | null, isOrg: boolean): Text {
  switch (status) {
    case 'tentative':
      return tx(agree(civility, isOrg, 'pressenti', 'pressentie'), 'approached');
    case 'unconfirmed':
      return tx('sous réserve', 'to be confirmed');
    case 'declined':
      return tx(agree(civility, isOrg, 'excusé', 'excusée'), 'declined');
    default:
      return tx(agree(civility, isOrg, 'confirmé', 'confirmée'), 'confirmed');
  }
}

// ---------------------------------------------------------------- places and identities

interface Place {
  date: string;
  start: number | null;
  end: number | null;
  room: string | null;
}

/** Where an item is: its own times, or its session's for an untimed part (FORMAT.md §5.1). */
const itemPlace = (i: ItemModel, s: SessionModel): Place => {
  const span = itemSpan(i, s);
  return { date: s.date, start: span?.start ?? null, end: span?.end ?? null, room: s.room?.name ?? null };
};
const sessionPlace = (s: SessionModel): Place => ({ date: s.date, start: s.start, end: s.end, room: s.room?.name ?? null });
const hhmm = (m: number | null) => (m === null ? null : formatHHMM(m));
const placeJson = (p: Place) => ({ date: p.date, start: hhmm(p.start), end: hhmm(p.end), room: p.room });

const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr');
const sameText = (a: string, b: string): boolean => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

const day0 = Date.UTC(2000, 0, 1);
/** Minutes since 2000-01-01 00:00, for distances between places on different days. */
function absolute(dateIso: string, m: number | null): number {
  const [y, mo, d] = dateIso.split('-').map(Number);
  return Math.round((Date.UTC(y, mo - 1, d) - day0) / 60000) + (m ?? 0);
}

/** A person's identity across versions: the `people` id, else the name as written (normalised). */
const personKey = (p: PersonModel): string => (p.id !== null ? `id:${p.id}` : `name:${norm(p.name)}`);
function speakerKey(s: SpeakerModel): string {
  if (s.person) return personKey(s.person);
  if (s.org) return s.org.id !== null ? `org:${s.org.id}` : `org-name:${norm(s.org.name)}`;
  return 'nobody';
}
const speakerName = (s: SpeakerModel): string => s.person?.name ?? s.org?.name ?? '';
/** `represented_by`, read defensively: the field may be absent from older models. */
const representative = (s: SpeakerModel): PersonModel | null => (s as { representedBy?: PersonModel | null }).representedBy ?? null;
const speakersKey = (i: ItemModel): string => i.speakers.map(speakerKey).sort().join('\u0000');
/** An explicit item id, when the model has one. */
const itemId = (i: ItemModel): string | null => {
  const id = (i as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : null;
};
/** A session id the user wrote (generated ids, `d1-s2`, follow positions and identify nothing). */
const sessionId = (s: SessionModel): string | null => (s.id === `d${s.dayIndex + 1}-s${s.index + 1}` ? null : s.id);

function speakerJson(s: SpeakerModel) {
  return { name: speakerName(s), status: s.status, represented_by: representative(s)?.name ?? null };
}

// ---------------------------------------------------------------- matching

/** Above this many candidate pairs in one group, pair in order instead of by distance. */
const MAX_PAIRS = 40_000;

/**
 * Pair the unmatched elements of two lists that share a key: within each group, the pairs of
 * least distance first (ties by order), so that of three "Débat" items the one at the same
 * time in the same session is the one matched. A group too large for that is paired in order.
 */
function pair<T>(
  olds: T[],
  news: T[],
  taken: { old: Set<T>; new: Set<T> },
  key: (x: T, side: 'old' | 'new') => string | null,
  distance: (a: T, b: T) => number,
  onPair: (a: T, b: T) => void,
): void {
  const groups = new Map<string, { a: T[]; b: T[] }>();
  for (const a of olds) {
    if (taken.old.has(a)) continue;
    const k = key(a, 'old');
    if (k === null) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { a: [], b: [] }));
    g.a.push(a);
  }
  for (const b of news) {
    if (taken.new.has(b)) continue;
    const k = key(b, 'new');
    if (k === null) continue;
    groups.get(k)?.b.push(b);
  }
  for (const { a, b } of groups.values()) {
    if (b.length === 0) continue;
    const candidates: Array<[number, number, number]> = [];
    if (a.length * b.length <= MAX_PAIRS) {
      for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) candidates.push([distance(a[i], b[j]), i, j]);
      candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    } else {
      for (let i = 0; i < Math.min(a.length, b.length); i++) candidates.push([0, i, i]);
    }
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    for (const [, i, j] of candidates) {
      if (usedA.has(i) || usedB.has(j)) continue;
      usedA.add(i);
      usedB.add(j);
      taken.old.add(a[i]);
      taken.new.add(b[j]);
      onPair(a[i], b[j]);
    }
  }
}

interface ItemRef {
  item: ItemModel;
  session: SessionModel;
}

function sessionsOf(m: EventModel): SessionModel[] {
  return m.days.flatMap((d) => d.sessions);
}

function matchSessions(olds: SessionModel[], news: SessionModel[]): Map<SessionModel, SessionModel> {
  const matched = new Map<SessionModel, SessionModel>();
  const taken = { old: new Set<SessionModel>(), new: new Set<SessionModel>() };
  const dist = (a: SessionModel, b: SessionModel) => Math.abs(absolute(a.date, a.start) - absolute(b.date, b.start)) + Math.abs(a.index - b.index);
  const on = (a: SessionModel, b: SessionModel) => matched.set(a, b);
  pair(olds, news, taken, (s) => sessionId(s), dist, on);
  pair(olds, news, taken, (s) => norm(s.title), dist, on);
  pair(olds, news, taken, (s) => (s.number ? `${s.date}\u0000${norm(s.number)}` : null), dist, on);
  pair(olds, news, taken, (s) => (s.start !== null ? `${s.date}\u0000${s.start}\u0000${s.room?.id ?? ''}` : null), dist, on);
  return matched;
}

function matchItems(olds: ItemRef[], news: ItemRef[], sessions: Map<SessionModel, SessionModel>): Map<ItemRef, ItemRef> {
  const matched = new Map<ItemRef, ItemRef>();
  const taken = { old: new Set<ItemRef>(), new: new Set<ItemRef>() };
  // Same session (as matched) first, then the nearest in time, then the nearest in order.
  const dist = (a: ItemRef, b: ItemRef) =>
    (sessions.get(a.session) === b.session ? 0 : 1e9) +
    Math.abs(absolute(a.session.date, a.item.start) - absolute(b.session.date, b.item.start)) * 10 +
    Math.abs(a.item.index - b.item.index);
  const on = (a: ItemRef, b: ItemRef) => matched.set(a, b);
  // A session and its match share a number, so that each key is tried first within the
  // session (small groups, paired by distance), then across the event (an item that moved).
  const sessionIds = new Map<SessionModel, number>();
  let n = 0;
  for (const [a, b] of sessions) {
    sessionIds.set(a, n);
    sessionIds.set(b, n++);
  }
  const inSession = (key: (r: ItemRef) => string | null) => (r: ItemRef) => {
    const k = key(r);
    const s = sessionIds.get(r.session);
    return k === null || s === undefined ? null : `${s}\u0001${k}`;
  };
  const keys: Array<(r: ItemRef) => string | null> = [
    (r) => itemId(r.item),
    (r) => `${norm(r.item.title)}\u0000${speakersKey(r.item)}`,
    (r) => norm(r.item.title),
    (r) => (r.item.speakers.length ? speakersKey(r.item) : null),
  ];
  for (const key of keys) {
    pair(olds, news, taken, inSession(key), dist, on);
    pair(olds, news, taken, key, dist, on);
  }
  // Last, the same slot of the same session: a talk given another title and speaker.
  pair(
    olds,
    news,
    taken,
    inSession((r) => `${String(r.item.start)}\u0000${String(r.item.end)}`),
    dist,
    on,
  );
  return matched;
}

// ---------------------------------------------------------------- the comparison

export function compareEvents(before: Version, after: Version): Change[] {
  const changes: Change[] = [];
  const lineOld = (path: Path, key?: string) => (key ? before.source.placeOfKey(path, key) : before.source.placeOf(path)).line;
  const lineNew = (path: Path, key?: string) => (key ? after.source.placeOfKey(path, key) : after.source.placeOf(path)).line;
  const oldSessions = sessionsOf(before.model);
  const newSessions = sessionsOf(after.model);
  const sessions = matchSessions(oldSessions, newSessions);
  const matchedNew = new Set(sessions.values());
  const key = (s: SessionModel, m: number | null, rank: number): [string, number, number] => [s.date, m ?? s.start ?? 0, rank];

  // Sessions.
  for (const s of oldSessions) {
    if (sessions.has(s)) continue;
    const p = sessionPlace(s);
    changes.push({
      kind: 'session-removed',
      message: both((l) => `${w(l, 'Séance supprimée', 'Session removed')}${colon(l)}${quote(s.title)[l]}, ${date(p.date)[l]}, ${span(p.start, p.end)[l]}`),
      old: { title: s.title, ...placeJson(p) },
      new: null,
      file: before.model.file,
      line: lineOld(s.path, 'title'),
      session: null,
      changedItem: null,
      sortKey: key(s, s.start, 0),
    });
  }
  for (const s of newSessions) {
    const p = sessionPlace(s);
    if (!matchedNew.has(s)) {
      changes.push({
        kind: 'session-added',
        message: both(
          (l) =>
            `${w(l, 'Nouvelle séance', 'New session')}${colon(l)}${quote(s.title)[l]}, ${date(p.date)[l]}, ${span(p.start, p.end)[l]}${p.room ? `, ${roomText(p.room)[l]}` : ''}`,
        ),
        old: null,
        new: { title: s.title, ...placeJson(p) },
        file: after.model.file,
        line: lineNew(s.path, 'title'),
        session: s,
        changedItem: null,
        sortKey: key(s, s.start, 0),
      });
    }
  }
  for (const [a, b] of sessions) {
    if (!sameText(a.title, b.title)) {
      changes.push({
        kind: 'session-retitled',
        message: both((l) => `${w(l, 'La séance', 'Session')} ${quote(a.title)[l]} ${w(l, 'devient', 'is now')} ${quote(b.title)[l]}`),
        old: a.title,
        new: b.title,
        file: after.model.file,
        line: lineNew(b.path, 'title'),
        session: b,
        changedItem: null,
        sortKey: key(b, b.start, 0),
      });
    }
    const move = movement(sessionPlace(a), sessionPlace(b), null);
    if (move) {
      changes.push({
        kind: 'session-moved',
        message: both((l) => `${w(l, 'La séance', 'Session')} ${quote(b.title)[l]} ${move[l]}`),
        old: placeJson(sessionPlace(a)),
        new: placeJson(sessionPlace(b)),
        file: after.model.file,
        line: lineNew(b.path, 'start'),
        session: b,
        changedItem: null,
        sortKey: key(b, b.start, 0),
      });
    }
  }

  // Items.
  const refs = (list: SessionModel[]) => list.flatMap((session) => session.items.map((item) => ({ item, session })));
  const oldItems = refs(oldSessions);
  const newItems = refs(newSessions);
  const items = matchItems(oldItems, newItems, sessions);
  const matchedNewItems = new Set(items.values());
  for (const r of oldItems) {
    // The items of a removed session go with it, unless they moved elsewhere.
    if (items.has(r) || !sessions.has(r.session)) continue;
    const p = itemPlace(r.item, r.session);
    const target = sessions.get(r.session)!;
    changes.push({
      kind: 'item-removed',
      message: both((l) => `${w(l, 'Point supprimé', 'Item removed')}${colon(l)}${quote(r.item.title)[l]}, ${date(p.date)[l]}, ${span(p.start, p.end)[l]}`),
      old: { title: r.item.title, ...placeJson(p), session: r.session.title, speakers: r.item.speakers.map(speakerName) },
      new: null,
      file: before.model.file,
      line: lineOld(r.item.path, 'title'),
      session: target,
      changedItem: null,
      sortKey: key(r.session, r.item.start, 1),
    });
  }
  for (const r of newItems) {
    if (matchedNewItems.has(r) || !matchedNew.has(r.session)) continue;
    const p = itemPlace(r.item, r.session);
    const names = r.item.speakers.map(speakerName).filter(Boolean);
    changes.push({
      kind: 'item-added',
      message: both(
        (l) =>
          `${w(l, 'Nouveau point', 'New item')}${colon(l)}${quote(r.item.title)[l]}, ${date(p.date)[l]}, ${span(p.start, p.end)[l]} (${sessionLabel(r.session)[l]})` +
          (names.length ? `, ${w(l, 'avec', 'with')} ${names.join(', ')}` : ''),
      ),
      old: null,
      new: { title: r.item.title, ...placeJson(p), session: r.session.title, speakers: names },
      file: after.model.file,
      line: lineNew(r.item.path, 'title'),
      session: r.session,
      changedItem: r.item,
      note: tx('Nouveau point.', 'New item.'),
      sortKey: key(r.session, r.item.start, 1),
    });
  }
  for (const [a, b] of items) {
    const base = { file: after.model.file, session: b.session, changedItem: b.item };
    if (!sameText(a.item.title, b.item.title)) {
      changes.push({
        ...base,
        kind: 'item-retitled',
        message: both((l) => `${quote(a.item.title)[l]} ${w(l, 'devient', 'is now')} ${quote(b.item.title)[l]}`),
        note: both((l) => `${w(l, 'Nouveau titre ; auparavant', 'New title; formerly')} ${quote(a.item.title)[l]}.`),
        old: a.item.title,
        new: b.item.title,
        line: lineNew(b.item.path, 'title'),
        sortKey: key(b.session, b.item.start, 1),
      });
    }
    const otherSession = sessions.get(a.session) !== b.session;
    const pa = itemPlace(a.item, a.session);
    const pb = itemPlace(b.item, b.session);
    // A room change of the whole session is said once, by the session; so is a shift of the
    // whole session, for the items that keep their place in it.
    if (!otherSession) {
      pa.room = pb.room;
      const shift = (b.session.start ?? 0) - (a.session.start ?? 0);
      if (
        shift !== 0 &&
        a.session.date === b.session.date &&
        pa.start !== null &&
        pb.start !== null &&
        pb.start - pa.start === shift &&
        pa.end !== null &&
        pb.end !== null &&
        pb.end - pa.end === shift
      ) {
        pa.start = pb.start;
        pa.end = pb.end;
      }
    }
    const move = movement(pa, pb, otherSession ? b.session : null);
    if (move) {
      changes.push({
        ...base,
        kind: 'item-moved',
        message: both((l) => `${quote(b.item.title)[l]} ${move[l]}`),
        note: both((l) => `${capital(move)[l]}.`),
        ...(otherSession && sessions.get(a.session) ? { alsoIn: sessions.get(a.session) } : {}),
        old: { ...placeJson(itemPlace(a.item, a.session)), session: a.session.title },
        new: { ...placeJson(pb), session: b.session.title },
        line: lineNew(b.item.path, b.item.startGiven ? 'start' : 'title'),
        sortKey: key(b.session, b.item.start, 1),
      });
    }
    append(changes, speakerChanges(a.item, b.item, lineNew, base, key(b.session, b.item.start, 2)));
  }
  return changes.sort(
    (x, y) =>
      (x.sortKey[0] < y.sortKey[0] ? -1 : x.sortKey[0] > y.sortKey[0] ? 1 : 0) ||
      x.sortKey[1] - y.sortKey[1] ||
      x.sortKey[2] - y.sortKey[2] ||
      SORT_RANK[x.kind] - SORT_RANK[y.kind] ||
      x.line - y.line,
  );
}

/**
 * How a place changed, as the end of a sentence ("passe de 14 h 30 à 15 h, salle Opéra"), or
 * null when it did not. `session`: the new session, when the item went to another one.
 */
function movement(a: Place, b: Place, session: SessionModel | null): Text | null {
  const dayChanged = a.date !== b.date;
  const startChanged = a.start !== b.start;
  const endChanged = a.end !== b.end;
  const roomChanged = a.room !== b.room;
  if (!dayChanged && !startChanged && !endChanged && !roomChanged && !session) return null;
  const sameLength = a.start !== null && b.start !== null && a.end !== null && b.end !== null && a.end - a.start === b.end - b.start;
  let text: Text;
  if (dayChanged) {
    const whenA = sameLength ? at(a.start) : span(a.start, a.end);
    const whenB = sameLength ? at(b.start) : span(b.start, b.end);
    text = tx(
      `passe du ${date(a.date).fr}, ${whenA.fr}, au ${date(b.date).fr}, ${whenB.fr}`,
      `moves from ${date(a.date).en}, ${whenA.en}, to ${date(b.date).en}, ${whenB.en}`,
    );
  } else if (startChanged && !endChanged) {
    text = tx(`commence à ${at(b.start).fr} au lieu de ${at(a.start).fr}`, `now starts at ${at(b.start).en} instead of ${at(a.start).en}`);
  } else if (startChanged) {
    const whenA = sameLength ? at(a.start) : span(a.start, a.end);
    const whenB = sameLength ? at(b.start) : span(b.start, b.end);
    text = tx(`passe de ${whenA.fr} à ${whenB.fr}`, `moves from ${whenA.en} to ${whenB.en}`);
  } else if (endChanged) {
    text = tx(`finit à ${at(b.end).fr} au lieu de ${at(a.end).fr}`, `now ends at ${at(b.end).en} instead of ${at(a.end).en}`);
  } else if (session) {
    const to = sessionLabel(session);
    text = both((l) => `${w(l, 'passe en', 'moves to')} ${to[l]}`);
    session = null;
  } else {
    return tx(
      `change de salle : ${roomText(b.room).fr} au lieu de ${roomText(a.room).fr}`,
      `changes room: ${roomText(b.room).en} instead of ${roomText(a.room).en}`,
    );
  }
  const where = session ? sessionLabel(session) : null;
  const room = roomChanged ? roomText(b.room) : null;
  const said = text;
  return both((l) => `${said[l]}${where ? ` (${where[l]})` : ''}${room ? `, ${room[l]}` : ''}`);
}

/** A speaker change: the message names the item; the note under the item does not. */
function said(title: Text, body: Text): { message: Text; note: Text } {
  return { message: both((l) => `${title[l]}${colon(l)}${body[l]}`), note: both((l) => `${body[l]}.`) };
}

function speakerChanges(
  a: ItemModel,
  b: ItemModel,
  line: (path: Path, key?: string) => number,
  base: { file: string; session: SessionModel; changedItem: ItemModel },
  sortKey: [string, number, number],
): Change[] {
  const out: Change[] = [];
  const before = new Map(a.speakers.map((s) => [speakerKey(s), s]));
  const after = new Map(b.speakers.map((s) => [speakerKey(s), s]));
  const title = quote(b.title);
  const common = { ...base, item: b.title, sortKey };
  for (const [k, s] of before) {
    if (after.has(k)) continue;
    out.push({
      ...common,
      kind: 'speaker-removed',
      ...said(
        title,
        both((l) => `${speakerName(s)} ${w(l, 'n’intervient plus', 'no longer speaks')}`),
      ),
      old: speakerJson(s),
      new: null,
      line: line(b.path, 'speakers'),
    });
  }
  for (const [k, s] of after) {
    const civility = s.person?.civility ?? null;
    const isOrg = !s.person;
    const old = before.get(k);
    if (!old) {
      const status = statusText(s.status, civility, isOrg);
      const rep = representative(s);
      const st = (l: Lang) => (s.status === 'confirmed' ? '' : ` (${status[l]})`);
      const by = (l: Lang) => (rep ? `, ${w(l, agree(civility, isOrg, 'représenté', 'représentée'), 'represented')} ${w(l, 'par', 'by')} ${rep.name},` : '');
      out.push({
        ...common,
        kind: 'speaker-added',
        ...said(
          title,
          both((l) => `${speakerName(s)}${st(l)}${by(l)} ${w(l, 'rejoint les intervenants', 'joins the speakers')}`),
        ),
        old: null,
        new: speakerJson(s),
        line: line(s.path),
      });
      continue;
    }
    if (old.status !== s.status) {
      const was = statusText(old.status, civility, isOrg);
      const now = statusText(s.status, civility, isOrg);
      out.push({
        ...common,
        kind: 'speaker-status',
        ...said(
          title,
          both(
            (l) =>
              `${speakerName(s)} ${s.status === 'declined' ? w(l, 'est désormais', 'has') : w(l, 'est désormais', 'is now')} ${now[l]} (${w(l, 'auparavant', 'was')} ${was[l]})`,
          ),
        ),
        old: speakerJson(old),
        new: speakerJson(s),
        line: line(s.path),
      });
    }
    const ra = representative(old);
    const rb = representative(s);
    if ((ra ? personKey(ra) : null) !== (rb ? personKey(rb) : null)) {
      const represented = (l: Lang) => w(l, agree(civility, isOrg, 'représenté', 'représentée'), 'represented');
      const body = rb
        ? both(
            (l) =>
              `${speakerName(s)} ${w(l, 'sera', 'will be')} ${represented(l)} ${w(l, 'par', 'by')} ${rb.name}${ra ? ` (${w(l, 'au lieu de', 'instead of')} ${ra.name})` : ''}`,
          )
        : both((l) => `${speakerName(s)} ${w(l, 'n’est plus', 'is no longer')} ${represented(l)} ${w(l, 'par', 'by')} ${ra!.name}`);
      out.push({ ...common, kind: 'speaker-represented', ...said(title, body), old: speakerJson(old), new: speakerJson(s), line: line(s.path) });
    }
  }
  return out;
}
