/**
 * The timetable grid (FORMAT.md §5.4, issue #18): rooms as columns, time running down, each
 * item a block whose height follows its duration, parallel sessions side by side.
 *
 * This module makes the grid's *data* from the model: which sessions go in which column,
 * the rows of the table (one per stretch of time between two block boundaries or ruler
 * ticks), the cells with their row and column spans, and where a day is cut into pages. The
 * template (templates/grille/grille.hbs, partials/grid-table.hbs) turns it into an HTML table;
 * the HTML page and the PDF are both made from that table (src/render/pdf/grid.ts lays it
 * out with row heights proportional to the rows' minutes).
 *
 * - A day is one grid, or several (half-days) when it would not fit a page at a legible
 *   scale: it is cut only between *segments*, stretches of time where sessions overlap, so a
 *   cut never crosses a block.
 * - A session alone in its segment spans every column (a plenary); sessions that overlap
 *   others go in their room's column: a declared room, the plenary room (a session with no
 *   room), or "salle à préciser" (a workshop whose room is not assigned yet). Two sessions
 *   that overlap in one room (an error) take two lanes of that room's column.
 * - A session with timed items gets a *band* row (its heading: time, title, room, chair,
 *   its untimed parts), then its items as blocks; a session without timed items is one block
 *   with its heading and its untimed parts listed inside. A break or a meal that runs alone
 *   is a band.
 * - More columns than a page holds (8 on A4 landscape, 12 on A3, 5 in a portrait programme)
 *   are split into several grids of whole rooms, each with its time ruler; sessions spanning
 *   every column are repeated in each.
 */
import type { DayModel, EventModel, ItemModel, SessionModel, SpeakerModel } from '../model/event.js';
import { formatDate, formatTime, formatTimeRange, type Locale } from '../typography/index.js';
import { gridLabel } from './grid-labels.js';
import { label, statusLabel, type LabelLocale } from './labels.js';
import { listOf, rapporteurLabel } from './list-labels.js';
import { languagesView, sessionLabel } from './view.js';
import { append } from '../util/arrays.js';

export type Paper = 'a4' | 'a3';

/** A numbered note of a `--draft` grid: a diagnostic, and the blocks it marks (see `placeKey`). */
export interface GridNote {
  n: number;
  /** "event.yaml:427:20 schedule/session-overlap — La séance III …" */
  text: string;
  targets: string[];
}

/** The key of a session, or of one of its items, that grid notes point at: by position, unique even when ids are not. */
export function placeKey(s: { dayIndex: number; index: number }, item?: { index: number }): string {
  return item ? `d${s.dayIndex}s${s.index}i${item.index}` : `d${s.dayIndex}s${s.index}`;
}

/** A page the grid is laid out for: its content area (points) and how many lanes fit across. */
export interface GridPaper {
  width: number;
  height: number;
  maxLanes: number;
}

/**
 * The content areas of the pages a grid is printed on, as the PDF engine sets them (an
 * estimate for cutting days into pages; the engine fits each grid to its page itself).
 */
export const GRID_PAPERS = {
  a4: { width: 841.89 - 72, height: 595.28 - 84, maxLanes: 8 },
  a3: { width: 1190.55 - 72, height: 841.89 - 84, maxLanes: 12 },
  /** A grid inside the (A4 portrait) programme. */
  portrait: { width: 595.28 - 112, height: 841.89 - 124, maxLanes: 5 },
} satisfies Record<string, GridPaper>;

/** Width of the time ruler column, points (the PDF engine uses the same). */
export const RULER_WIDTH = 34;
/** A block at least this wide puts its time beside its text rather than above it. */
export const WIDE_BLOCK = 240;

// ---------------------------------------------------------------------------------------
// Placing sessions

interface TimedItem {
  item: ItemModel;
  start: number;
  end: number;
  /** Lane inside the session: 0, or more when items of the session overlap (an error). */
  sub: number;
}

interface Placed {
  session: SessionModel;
  start: number;
  end: number;
  timed: TimedItem[];
  /** Items with no time of their own: untimed parts, or items whose time is unknown (an error). */
  parts: ItemModel[];
  /** Lanes it needs (its items' overlap). */
  width: number;
  column: string;
  /** A break or a meal alone in its segment: a band across the grid. */
  band: boolean;
  solitary: boolean;
}

interface Segment {
  start: number;
  end: number;
  sessions: Placed[];
}

const columnOf = (s: SessionModel): string => (s.room ? `room:${s.room.id}` : s.roomUnassigned ? 'tbc' : 'plenary');

/** Place a day's timed sessions; the others are returned apart (printed under the grid). */
function placeDay(day: DayModel): { segments: Segment[]; unplaced: SessionModel[] } {
  const placed: Placed[] = [];
  const unplaced: SessionModel[] = [];
  for (const s of day.sessions) {
    if (s.start === null || s.end === null || s.end <= s.start) {
      unplaced.push(s);
      continue;
    }
    const timed: TimedItem[] = [];
    const parts: ItemModel[] = [];
    for (const it of s.items) {
      if (it.start !== null && it.end !== null && it.end > it.start && !it.untimed) timed.push({ item: it, start: it.start, end: it.end, sub: 0 });
      else parts.push(it);
    }
    // Items that overlap (an error) go side by side.
    const laneEnds: number[] = [];
    for (const t of [...timed].sort((a, b) => a.start - b.start || a.item.index - b.item.index)) {
      let l = laneEnds.findIndex((e) => e <= t.start);
      if (l < 0) l = laneEnds.push(0) - 1;
      laneEnds[l] = t.end;
      t.sub = l;
    }
    let start = s.start;
    let end = s.end;
    for (const t of timed) {
      start = Math.min(start, t.start);
      end = Math.max(end, t.end);
    }
    placed.push({ session: s, start, end, timed, parts, width: Math.max(1, laneEnds.length), column: columnOf(s), band: false, solitary: false });
  }
  placed.sort((a, b) => a.start - b.start || a.session.index - b.session.index);
  const segments: Segment[] = [];
  for (const p of placed) {
    const last = segments[segments.length - 1];
    if (last && p.start < last.end) {
      last.sessions.push(p);
      last.end = Math.max(last.end, p.end);
    } else segments.push({ start: p.start, end: p.end, sessions: [p] });
  }
  for (const seg of segments) {
    if (seg.sessions.length !== 1) continue;
    const p = seg.sessions[0];
    p.solitary = p.width === 1;
    p.band = p.solitary && p.timed.length === 0 && (p.session.kind === 'break' || p.session.kind === 'meal');
  }
  return { segments, unplaced };
}

interface Column {
  key: string;
  lanes: number;
}

/** The columns of a piece of a day (rooms, in the order the event declares them), with each session's lane. */
function columnsOf(segments: Segment[], model: EventModel): { columns: Column[]; laneOf: Map<Placed, number> } {
  const byColumn = new Map<string, Placed[]>();
  for (const seg of segments) {
    for (const p of seg.sessions) {
      if (p.solitary) continue;
      const list = byColumn.get(p.column);
      if (list) list.push(p);
      else byColumn.set(p.column, [p]);
    }
  }
  const order = ['plenary', ...[...model.rooms.keys()].map((id) => `room:${id}`), 'tbc'];
  const laneOf = new Map<Placed, number>();
  const columns: Column[] = [];
  for (const key of order) {
    const list = byColumn.get(key);
    if (!list) continue;
    // Sessions that overlap in one room take lanes side by side (first free run of lanes).
    const ends: number[] = [];
    for (const p of list) {
      let l = 0;
      for (; ; l++) {
        let free = true;
        for (let k = l; k < l + p.width; k++) if ((ends[k] ?? -Infinity) > p.start) free = false;
        if (free) break;
      }
      for (let k = l; k < l + p.width; k++) ends[k] = p.end;
      laneOf.set(p, l);
    }
    columns.push({ key, lanes: ends.length });
  }
  return { columns, laneOf };
}

// ---------------------------------------------------------------------------------------
// Cutting days into pages (estimates; the PDF engine fits each grid to its page)

const LINE = 9.9;
const PAD = 2.5;
/** Points per minute a block's text asks for at most: a longer text goes to a note rather than stretching the day. */
const SCALE_CAP = 3.2;
const SCALE_MIN = 1;

function lines(text: string, width: number, size: number): number {
  if (!text) return 0;
  return Math.max(1, Math.ceil((text.length * size * 0.47) / Math.max(24, width - 2 * PAD)));
}

function speakerText(it: ItemModel): string {
  return it.speakers.map((s) => (s.representedBy ?? s.person)?.name ?? s.org?.short ?? s.org?.name ?? '').join(', ');
}

/** What a segment asks of a page: its bands' height, its minutes, and the scale most of its blocks need. */
interface SegmentNeed {
  fixed: number;
  minutes: number;
  scale: number;
}

function segmentNeed(seg: Segment, laneWidth: number, paper: GridPaper): SegmentNeed {
  const needs: number[] = [];
  let band = 0;
  for (const p of seg.sessions) {
    const w = p.solitary ? paper.width - RULER_WIDTH : laneWidth * p.width;
    const text = (width: number) => (width >= WIDE_BLOCK ? 0 : LINE);
    if (p.band) {
      band = Math.max(band, 2 * PAD + LINE);
      continue;
    }
    const heading =
      text(w) + lines(p.session.title, w, 8.5) * 10 + LINE + p.parts.reduce((n, it) => n + lines(`${it.title} ${speakerText(it)}`, w, 7.5) * LINE, 0);
    if (p.timed.length) {
      band = Math.max(band, 2 * PAD + heading);
      const iw = w / p.width;
      for (const t of p.timed) {
        const h = 2 * PAD + text(iw) + lines(`${t.item.title} — ${speakerText(t.item)}`, iw - (iw >= WIDE_BLOCK ? 62 : 0), 7.5) * LINE;
        needs.push(Math.min(SCALE_CAP, h / (t.end - t.start)));
      }
    } else needs.push(Math.min(SCALE_CAP, (2 * PAD + heading) / (p.end - p.start)));
  }
  // The scale most blocks ask for: the few with the longest texts send the rest to a note
  // rather than stretching the whole page.
  needs.sort((a, b) => a - b);
  const scale = Math.max(SCALE_MIN, needs.length ? needs[Math.floor((needs.length - 1) * 0.8)] : SCALE_MIN);
  return { fixed: band, minutes: seg.sessions.every((p) => p.band) ? 0 : seg.end - seg.start, scale };
}

/** The column headers' height, estimated. */
const HEAD = 22;

/**
 * A day cut into pieces that each fit a page (estimated): whole if it fits; else in two at the
 * cut between segments that balances the halves best, preferring the lunch break; else filled
 * page by page. A piece that would leave most of its page empty is not cut off: the page is
 * squeezed instead. Linear in the number of segments.
 */
function cutDay(segments: Segment[], model: EventModel, paper: GridPaper, room: number): Segment[][] {
  const n = segments.length;
  const { columns } = columnsOf(segments, model);
  const lanes = Math.max(
    1,
    columns.reduce((k, c) => k + c.lanes, 0),
  );
  const needs = segments.map((seg) => segmentNeed(seg, (paper.width - RULER_WIDTH) / lanes, paper));
  const fixed = [0];
  const minutes = [0];
  needs.forEach((x, i) => {
    fixed.push(fixed[i] + x.fixed);
    minutes.push(minutes[i] + x.minutes);
  });
  const need = (i: number, j: number, scale: number) => HEAD + fixed[j] - fixed[i] + (minutes[j] - minutes[i]) * scale;
  let top = SCALE_MIN;
  for (const x of needs) top = Math.max(top, x.scale);
  const whole = need(0, n, top);
  if (n < 2 || whole <= room) return [segments];
  // The scale of [0, k) and of [k, n): running maxima from both ends.
  const left = [SCALE_MIN];
  for (let k = 0; k < n; k++) left.push(Math.max(left[k], needs[k].scale));
  const right = new Array<number>(n + 1).fill(SCALE_MIN);
  for (let k = n - 1; k >= 0; k--) right[k] = Math.max(right[k + 1], needs[k].scale);
  let best = -1;
  let bestCost = Infinity;
  for (let k = 1; k < n; k++) {
    const at = segments[k].start;
    const lunch = at >= 11 * 60 + 30 && at <= 14 * 60 + 30 ? 0.85 : 1;
    const cost = Math.max(need(0, k, left[k]), need(k, n, right[k])) * lunch;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  const a = need(0, best, left[best]);
  const b = need(best, n, right[best]);
  if (Math.min(a, b) < room * 0.4 && whole <= room * 1.3) return [segments];
  if (a <= room && b <= room) return [segments.slice(0, best), segments.slice(best)];
  // Page by page: as many segments as fit.
  const pieces: Segment[][] = [];
  let from = 0;
  let scale = SCALE_MIN;
  for (let k = 0; k < n; k++) {
    const s = Math.max(scale, needs[k].scale);
    if (k > from && need(from, k + 1, s) > room) {
      pieces.push(segments.slice(from, k));
      from = k;
      scale = needs[k].scale;
    } else scale = s;
  }
  pieces.push(segments.slice(from));
  return pieces;
}

// ---------------------------------------------------------------------------------------
// The view

export interface GridSpeakerView {
  name: string;
  /** "*": tentative or unconfirmed (see the legend). */
  mark: string | null;
  /** What the mark stands for ("pressentie", "sous réserve"): the mark's title in the HTML. */
  markTitle: string | null;
  /** Declined with nobody in their place: only in a draft, struck through. */
  declined: boolean;
  last: boolean;
}

export interface GridPartView {
  label: string | null;
  title: string;
  speakers: GridSpeakerView[];
}

export interface GridBlockView {
  when: string;
  /** "⚠ 1, 3": the numbered notes (draft) that point here. */
  flags: string | null;
  conflict: boolean;
  label: string | null;
  title: string;
  speakers: GridSpeakerView[];
}

export interface GridSessionView {
  when: string;
  flags: string | null;
  conflict: boolean;
  title: string;
  /** Room, chair, rapporteur, languages: one line ("Salle Opéra · Animation : …"). */
  meta: string | null;
  parts: GridPartView[];
}

export interface GridCellView {
  ruler: string | null;
  classes: string;
  rowspan: number | null;
  colspan: number | null;
  /** The cell's room, for the phone layout (the column headers are hidden there). */
  room: string | null;
  item: GridBlockView | null;
  session: GridSessionView | null;
  headings: GridSessionView[];
}

export interface GridRowView {
  classes: string;
  timed: boolean;
  start: number | null;
  end: number | null;
  /** CSS height of a timed row (the HTML page keeps durations proportional on a screen too). */
  height: string | null;
  /** A break or a meal as a band: the time it covers (not drawn to scale). */
  from: number | null;
  until: number | null;
  cells: GridCellView[];
}

export interface GridPageView {
  heading: string;
  date: string;
  start: number;
  end: number;
  /** Ruler step, minutes (15 or 30). */
  step: number;
  lanes: number;
  corner: string;
  columns: Array<{ name: string; lanes: number; colspan: number | null; toConfirm: boolean }>;
  rows: GridRowView[];
  legend: string | null;
  notesTitle: string;
  notes: Array<{ n: number; text: string }>;
  /** Sessions of the day without times (on the day's last page). */
  unplacedTitle: string;
  unplaced: Array<{ title: string; room: string | null }>;
}

export interface GridOptions {
  draft: boolean;
  /** Before each grid's heading ("Grille horaire — mardi …", in a programme that has other headings for the days). */
  title?: string;
  paper: GridPaper;
  notes?: readonly GridNote[];
  /** Room taken on the first page above the first grid (the document's header). */
  firstPageTaken?: number;
}

const ROOM_SPACE = 64; // the page heading, the legend, margins between them

/** Every grid page of the event, day by day. */
export function gridPages(m: EventModel, opts: GridOptions): GridPageView[] {
  const locale = m.locale as Locale;
  const also = m.labelsAlso;
  const notesBy = new Map<string, GridNote[]>();
  for (const n of opts.notes ?? []) {
    for (const t of n.targets) {
      const list = notesBy.get(t);
      if (list) list.push(n);
      else notesBy.set(t, [n]);
    }
  }
  const pages: GridPageView[] = [];
  const room = opts.paper.height - ROOM_SPACE;
  m.days.forEach((day) => {
    const { segments, unplaced } = placeDay(day);
    const taken = pages.length === 0 ? (opts.firstPageTaken ?? 0) : 0;
    const pieces = segments.length ? cutDay(segments, m, opts.paper, room - taken) : [];
    const named = pieceNames(pieces, locale, also);
    const dayPages: GridPageView[] = [];
    pieces.forEach((piece, pi) => {
      const { columns, laneOf } = columnsOf(piece, m);
      for (const group of columnGroups(columns, opts.paper.maxLanes)) {
        const part = group.count > 1 ? ` (${gridLabel('part', locale)} ${group.index + 1}/${group.count})` : '';
        dayPages.push(
          pageView(m, day, piece, group.columns, laneOf, {
            heading: `${opts.title ? `${opts.title} — ` : ''}${formatDate(day.date, locale)}${named[pi] ? ` — ${named[pi]}` : ''}${part}`,
            locale,
            also,
            notesBy,
            draft: opts.draft,
          }),
        );
      }
    });
    if (unplaced.length) {
      const list = unplaced.map((s) => ({ title: sessionTitle(s, locale, also), room: roomName(s, m, locale, also) }));
      if (dayPages.length) dayPages[dayPages.length - 1].unplaced = list;
      else {
        const empty = pageView(m, day, [], [], new Map(), {
          heading: `${opts.title ? `${opts.title} — ` : ''}${formatDate(day.date, locale)}`,
          locale,
          also,
          notesBy,
          draft: opts.draft,
        });
        empty.unplaced = list;
        dayPages.push(empty);
      }
    }
    for (const p of dayPages) pages.push(p);
  });
  return pages;
}

/** "matin" / "après-midi" for the two halves of a day; time ranges when that would not tell them apart. */
function pieceNames(pieces: Segment[][], locale: Locale, also: LabelLocale | null): Array<string | null> {
  if (pieces.length < 2) return pieces.map(() => null);
  const range = (p: Segment[]) => ({ start: p[0].start, end: p[p.length - 1].end });
  const names = pieces.map((p) => {
    const { start, end } = range(p);
    if (end <= 14 * 60 && start < 12 * 60) return gridLabel('morning', locale, also);
    if (start >= 12 * 60 && end <= 19 * 60 + 30) return gridLabel('afternoon', locale, also);
    if (start >= 18 * 60) return gridLabel('evening', locale, also);
    return null;
  });
  if (names.every((n) => n !== null) && new Set(names).size === names.length) return names;
  return pieces.map((p) => {
    const { start, end } = range(p);
    return formatTimeRange(start, end, locale);
  });
}

/** Columns in groups of at most `max` lanes, whole rooms only. */
function columnGroups(columns: Column[], max: number): Array<{ columns: Column[]; index: number; count: number }> {
  const groups: Column[][] = [];
  let cur: Column[] = [];
  let n = 0;
  for (const c of columns) {
    if (cur.length && n + c.lanes > max) {
      groups.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(c);
    n += c.lanes;
  }
  groups.push(cur);
  return groups.map((g, index) => ({ columns: g, index, count: groups.length }));
}

function roomName(s: SessionModel, m: EventModel, locale: Locale, also: LabelLocale | null): string | null {
  if (s.room) return s.room.name;
  if (s.roomUnassigned) return capitalise(label('roomToConfirm', locale, also));
  return null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function columnName(key: string, m: EventModel, locale: Locale, also: LabelLocale | null): string {
  if (key === 'plenary') return gridLabel('plenary', locale, also);
  if (key === 'tbc') return capitalise(label('roomToConfirm', locale, also));
  return m.rooms.get(key.slice('room:'.length))?.name ?? key;
}

function sessionTitle(s: SessionModel, locale: Locale, also: LabelLocale | null): string {
  const lab = sessionLabel(s, locale, also);
  if (lab) return `${lab} — ${s.title}`;
  return s.number ? `${s.number}. ${s.title}` : s.title;
}

function speakers(list: readonly SpeakerModel[], draft: boolean, locale: Locale): GridSpeakerView[] {
  const out: GridSpeakerView[] = [];
  for (const s of list) {
    const declined = s.status === 'declined' && s.representedBy === null;
    if (declined && !draft) continue;
    const who = s.representedBy ?? s.person;
    const name = who ? who.name : (s.org?.short ?? s.org?.name ?? '');
    if (!name) continue;
    const marked = !declined && (s.status === 'tentative' || s.status === 'unconfirmed');
    const civility = (s.representedBy ?? s.person)?.civility ?? null;
    out.push({ name, mark: marked ? '*' : null, markTitle: marked ? statusLabel(s.status, civility, !who, locale) : null, declined, last: false });
  }
  if (out.length) out[out.length - 1].last = true;
  return out;
}

interface PageContext {
  heading: string;
  locale: Locale;
  also: LabelLocale | null;
  notesBy: Map<string, GridNote[]>;
  draft: boolean;
}

function pageView(m: EventModel, day: DayModel, piece: Segment[], columns: Column[], laneOf: Map<Placed, number>, ctx: PageContext): GridPageView {
  const { locale, also, notesBy } = ctx;
  const start = piece.length ? piece[0].start : 0;
  const end = piece.length ? piece[piece.length - 1].end : 0;
  const step = end - start <= 180 ? 15 : 30;
  // Lanes: the columns' lanes side by side; a page with no parallel sessions has one lane.
  const first = new Map<string, number>();
  let lanes = 0;
  for (const c of columns) {
    first.set(c.key, lanes);
    lanes += c.lanes;
  }
  const singleColumn = lanes === 0;
  if (singleColumn) lanes = 1;
  const pageNotes = new Map<number, GridNote>();
  const flagsOf = (key: string): { flags: string | null; conflict: boolean } => {
    const list = notesBy.get(key);
    if (!list?.length) return { flags: null, conflict: false };
    for (const n of list) pageNotes.set(n.n, n);
    return { flags: `⚠\u00a0${list.map((n) => n.n).join(', ')}`, conflict: true };
  };
  let marked = false;
  const speakersOf = (list: readonly SpeakerModel[]) => {
    const v = speakers(list, ctx.draft, locale);
    if (v.some((s) => s.mark)) marked = true;
    return v;
  };
  const sessionView = (p: Placed, showRoom: boolean): GridSessionView => {
    const s = p.session;
    const meta: string[] = [];
    const r = roomName(s, m, locale, also);
    if (showRoom && r) meta.push(r);
    if (s.chair.length)
      meta.push(
        `${label('chair', locale, also)}${label('colon', locale)} ${listOf(
          s.chair.map((c) => c.name),
          locale,
        )}`,
      );
    if (s.rapporteur.length)
      meta.push(
        `${rapporteurLabel(s.rapporteur, locale)}${label('colon', locale)} ${listOf(
          s.rapporteur.map((c) => c.name),
          locale,
        )}`,
      );
    const langs = languagesView(s, locale, also);
    if (langs) meta.push(langs);
    return {
      when: formatTimeRange(s.start!, s.end!, locale),
      ...flagsOf(placeKey(s)),
      title: sessionTitle(s, locale, also),
      meta: meta.length ? meta.join(' · ') : null,
      parts: p.parts.map((it) => ({ label: it.label, title: it.title, speakers: speakersOf(it.speakers) })),
    };
  };
  const itemView = (p: Placed, t: TimedItem): GridBlockView => ({
    when: formatTimeRange(t.start, t.end, locale),
    ...flagsOf(placeKey(p.session, t.item)),
    label: t.item.label,
    title: t.item.title,
    speakers: speakersOf(t.item.speakers),
  });

  const rows: GridRowView[] = [];
  const cell = (c: Partial<GridCellView>): GridCellView => ({
    ruler: null,
    classes: '',
    rowspan: null,
    colspan: null,
    room: null,
    item: null,
    session: null,
    headings: [],
    ...c,
  });
  const span = (n: number) => (n > 1 ? n : null);
  // Where a placed session's lanes start, and how many it takes.
  const lanesOf = (p: Placed): { from: number; count: number } =>
    p.solitary || singleColumn ? { from: 0, count: lanes } : { from: (first.get(p.column) ?? 0) + (laneOf.get(p) ?? 0), count: p.width };
  const inPage = (p: Placed) => p.solitary || singleColumn || first.has(p.column);
  /** The room a block is in: its column's, or its own for a block across every column. */
  const roomOf = (p: Placed, lane: number): string | null => (p.solitary || singleColumn ? roomName(p.session, m, locale, also) : columnRoom(lane));
  const columnRoom = (lane: number): string | null => {
    if (singleColumn) return null;
    let n = 0;
    for (const c of columns) {
      if (lane < n + c.lanes) return columnName(c.key, m, locale, also);
      n += c.lanes;
    }
    return null;
  };

  for (const seg of piece) {
    const sessions = seg.sessions.filter(inPage);
    if (sessions.length === 0) continue;
    // A break or a meal alone: one band.
    if (sessions.length === 1 && sessions[0].band) {
      const p = sessions[0];
      rows.push({
        classes: 'grid-band grid-break',
        timed: false,
        start: null,
        end: null,
        height: null,
        from: p.start,
        until: p.end,
        cells: [
          cell({ classes: 'grid-gap' }),
          cell({
            classes: `grid-block grid-session session-${p.session.kind}${flagsOf(placeKey(p.session)).conflict ? ' grid-conflict' : ''}`,
            colspan: span(lanes),
            session: sessionView(p, true),
          }),
        ],
      });
      continue;
    }
    // The blocks: items of sessions with timed items, the others whole.
    interface Block {
      start: number;
      end: number;
      lane: number;
      lanes: number;
      make: () => GridCellView;
    }
    const blocks: Block[] = [];
    for (const p of sessions) {
      const { from, count } = lanesOf(p);
      if (p.timed.length) {
        const each = count / p.width;
        for (const t of p.timed) {
          const lane = from + t.sub * each;
          blocks.push({
            start: t.start,
            end: t.end,
            lane,
            lanes: each,
            make: () => {
              const v = itemView(p, t);
              return cell({
                classes: `grid-block grid-item item-${t.item.kind}${v.conflict ? ' grid-conflict' : ''}`,
                colspan: span(each),
                room: roomOf(p, lane),
                item: v,
              });
            },
          });
        }
      } else {
        blocks.push({
          start: p.start,
          end: p.end,
          lane: from,
          lanes: count,
          make: () => {
            const v = sessionView(p, p.solitary || singleColumn || m.rooms.size === 0);
            return cell({
              classes: `grid-block grid-session session-${p.session.kind}${v.conflict ? ' grid-conflict' : ''}`,
              colspan: span(count),
              room: roomOf(p, from),
              session: v,
            });
          },
        });
      }
    }
    // Row boundaries: the blocks' starts and ends, and the ruler's ticks.
    const bounds = new Set<number>([seg.start, seg.end]);
    for (const b of blocks) bounds.add(b.start).add(b.end);
    for (let t = Math.ceil((seg.start + 1) / step) * step; t < seg.end; t += step) bounds.add(t);
    const times = [...bounds].sort((a, b) => a - b);
    const rowOf = new Map<number, number>();
    times.forEach((t, i) => rowOf.set(t, i));
    const nRows = times.length - 1;
    const startsAt = new Map<string, Block>();
    /** Rows and lanes where a block starts, each lane it covers included. */
    const blockStarts = new Set<string>();
    for (const b of blocks) {
      const r = rowOf.get(b.start)!;
      startsAt.set(`${r}:${b.lane}`, b);
      for (let l = b.lane; l < b.lane + b.lanes; l++) blockStarts.add(`${r}:${l}`);
    }
    const busyUntil = new Array<number>(lanes).fill(0);
    // The headings of the sessions whose items are blocks: one band, each heading over its
    // lanes; a session shown whole that starts with the band starts in it (as tall as the others).
    const withItems = sessions.filter((p) => p.timed.length > 0);
    if (withItems.length) {
      const cells: GridCellView[] = [cell({ classes: 'grid-gap' })];
      const headed = [...withItems].sort((a, b) => lanesOf(a).from - lanesOf(b).from || a.start - b.start);
      for (let lane = 0, i = 0; lane < lanes;) {
        if (i < headed.length && lanesOf(headed[i]).from === lane) {
          const { from, count } = lanesOf(headed[i]);
          // Sessions sharing these lanes in the segment (one after the other) share the cell.
          const group: Placed[] = [];
          while (i < headed.length && lanesOf(headed[i]).from === from) group.push(headed[i++]);
          const views = group.map((p) => sessionView(p, p.solitary || singleColumn || m.rooms.size === 0));
          cells.push(
            cell({
              classes: `grid-block grid-session session-${group[0].session.kind}${views.some((v) => v.conflict) ? ' grid-conflict' : ''}`,
              colspan: span(count),
              room: roomOf(group[0], from),
              headings: views,
            }),
          );
          lane = from + count;
          continue;
        }
        const early = startsAt.get(`0:${lane}`);
        if (
          early &&
          early.start === seg.start &&
          !blocks.some((b) => b !== early && b.lane < early.lane + early.lanes && early.lane < b.lane + b.lanes && b.start < early.end && early.start < b.end)
        ) {
          const c = early.make();
          c.rowspan = 1 + rowOf.get(early.end)!;
          cells.push(c);
          startsAt.delete(`0:${lane}`);
          for (let k = lane; k < lane + early.lanes && k < lanes; k++) busyUntil[k] = rowOf.get(early.end)!;
          lane += early.lanes;
          continue;
        }
        cells.push(cell({ classes: 'grid-empty' }));
        lane++;
      }
      rows.push({ classes: 'grid-band', timed: false, start: null, end: null, height: null, from: null, until: null, cells });
    }
    // The cells, row by row: the ruler, then each lane (a block starting here, a free stretch, or nothing under a span).
    const segRows: GridRowView[] = [];
    for (let r = 0; r < nRows; r++) {
      const cells: GridCellView[] = [];
      const t = times[r];
      if (r === 0 || t % step === 0) {
        let k = r + 1;
        while (k < nRows && times[k] % step !== 0) k++;
        // A tick where no block starts: only the ruler's (the phone's list leaves it out).
        let starts = false;
        for (let q = r; q < k && !starts; q++)
          for (let l = 0; l < lanes && !starts; l++) starts = blockStarts.has(`${q}:${l}`) && !(q === 0 && busyUntil[l] > 0);
        cells.push(cell({ ruler: formatTime(t, locale), rowspan: span(k - r), classes: starts ? '' : 'grid-tick' }));
      }
      for (let lane = 0; lane < lanes;) {
        if (busyUntil[lane] > r) {
          lane++;
          continue;
        }
        const b = startsAt.get(`${r}:${lane}`);
        if (b) {
          const rs = rowOf.get(b.end)! - r;
          const c = b.make();
          c.rowspan = span(rs);
          cells.push(c);
          for (let k = lane; k < lane + b.lanes && k < lanes; k++) busyUntil[k] = r + rs;
          lane += b.lanes;
          continue;
        }
        // A free stretch of this lane: until a block starts in it.
        let k = r + 1;
        while (k < nRows && !blockStarts.has(`${k}:${lane}`)) k++;
        cells.push(cell({ classes: 'grid-empty', rowspan: span(k - r) }));
        busyUntil[lane] = k;
        lane++;
      }
      const minutes = times[r + 1] - t;
      segRows.push({
        classes: r === 0 ? 'grid-row grid-segment-start' : 'grid-row',
        timed: true,
        start: t,
        end: times[r + 1],
        height: `${(minutes * 1.6).toFixed(1)}px`,
        from: null,
        until: null,
        cells,
      });
    }
    append(rows, segRows);
  }
  const corner = gridLabel('time', locale, also);
  const cols = singleColumn
    ? [{ name: singleName(piece, m, locale, also), lanes: 1, colspan: null, toConfirm: false }]
    : columns.map((c) => ({ name: columnName(c.key, m, locale, also), lanes: c.lanes, colspan: span(c.lanes), toConfirm: c.key === 'tbc' }));
  return {
    heading: ctx.heading,
    date: day.date,
    start,
    end,
    step,
    lanes,
    corner,
    columns: cols,
    rows,
    legend: marked ? `* ${gridLabel('marked', locale, also)}` : null,
    notesTitle: gridLabel('conflicts', locale, also),
    notes: [...pageNotes.values()].sort((a, b) => a.n - b.n).map((n) => ({ n: n.n, text: n.text })),
    unplacedTitle: gridLabel('notOnGrid', locale, also),
    unplaced: [],
  };
}

/** The one column's heading of a page where nothing runs in parallel: its room when all share one. */
function singleName(piece: Segment[], m: EventModel, locale: Locale, also: LabelLocale | null): string {
  const keys = new Set<string>();
  for (const seg of piece) for (const p of seg.sessions) if (!p.band) keys.add(p.column);
  if (keys.size === 1) return columnName([...keys][0], m, locale, also);
  return gridLabel('sessions', locale, also);
}
