/**
 * Pagination: slices placed on pages, top to bottom. A slice that does not fit starts a new
 * page, unless it is kept with the slice before (a heading with its first two lines, the
 * orphans and widows of a paragraph, a row with the header): then the page ends at the last
 * place a break is allowed, and what follows moves on. A table that goes on to a new page gets
 * its header rows again; the blank rows of a sign-in sheet fill its last page. A page is handed
 * to the drawing code when it is complete, so a 5,000-page document is never held whole.
 */
import { Break, type Group, type Slice } from './boxes.js';

export interface Placed {
  slice: Slice;
  /** Top of the slice on its page. */
  y: number;
}

/** Why a page ended where it did (for the page-fill check and `--debug` tooling). */
export type PageEnd = 'page-break' | 'row' | 'kept' | 'keep' | 'full' | 'end';

export interface PageInfo {
  /** Height used, from the top of the content area to the bottom of the last slice. */
  used: number;
  room: number;
  end: PageEnd;
}

export class Paginator {
  private page: Placed[] = [];
  private y: number;
  pages = 0;

  constructor(
    private readonly top: number,
    private readonly bottom: number,
    private readonly emit: (placed: Placed[], info: PageInfo) => void,
  ) {
    this.y = top;
  }

  add(s: Slice): void {
    if (s.brk === Break.Always && this.hasContent()) this.close('page-break');
    if (this.page.length === 0) {
      this.startWith(s);
      return;
    }
    const y0 = this.y + s.before;
    if (y0 + s.height <= this.bottom + 1e-6) {
      this.place(s, y0);
      return;
    }
    // It does not fit: break before it, or at the last place a break is allowed.
    let k = this.page.length;
    if (s.brk !== Break.Auto) {
      const first = this.firstContent();
      k = -1;
      for (let i = this.page.length - 1; i > first; i--) {
        if (this.page[i].slice.brk === Break.Auto) {
          k = i;
          break;
        }
      }
    }
    if (k < 0) {
      // Kept together over more than a page: broken where it must be.
      this.close(s.unit ?? 'full');
      this.startWith(s);
      return;
    }
    const moved = this.page.splice(k);
    // What the page ends for: the block that did not fit, if it could not be cut, else the keep.
    let end: PageEnd = s.unit ?? (moved.length ? 'keep' : 'full');
    for (const m of moved) if (m.slice.unit) end = m.slice.unit;
    this.close(end);
    for (const m of moved) this.add(m.slice);
    this.add(s);
  }

  /** Close the last page (a document always has one). */
  finish(): void {
    if (this.page.length || this.pages === 0) this.close('end');
  }

  private hasContent(): boolean {
    return this.page.some((p) => !p.slice.artifact);
  }

  /** Index of the first slice that is not a repeated header: the page never ends right after those. */
  private firstContent(): number {
    let i = 0;
    while (i < this.page.length && this.page[i].slice.artifact) i++;
    return i;
  }

  /** The first slice of a page, under the header of its table. */
  private startWith(s: Slice): void {
    this.y = this.top;
    if (s.header && !s.header.includes(s)) {
      for (const h of s.header) {
        this.place({ ...h, artifact: true, brk: Break.Auto }, this.y);
      }
    }
    this.place(s, this.page.length ? this.y + s.before : this.top);
  }

  private place(s: Slice, y: number): void {
    this.page.push({ slice: s, y });
    this.y = y + s.height;
    if (s.fill) this.fillWith(s.fill);
  }

  /** Copies of a blank row down to the bottom of the page, each with its own frame. */
  private fillWith(row: Slice): void {
    while (this.y + row.height <= this.bottom + 1e-6) {
      const groups = row.groups ? row.groups.map((g, i, all): Group => (i === all.length - 1 ? { ...g } : g)) : null;
      this.page.push({ slice: { ...row, groups, fill: undefined, brk: Break.Auto }, y: this.y });
      this.y += row.height;
    }
  }

  private close(end: PageEnd): void {
    const placed = this.page;
    const last = placed[placed.length - 1];
    const used = last ? last.y + last.slice.height - this.top : 0;
    this.page = [];
    this.y = this.top;
    this.pages++;
    this.emit(placed, { used, room: this.bottom - this.top, end });
  }
}
