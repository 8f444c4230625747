/**
 * Handlebars, isolated and strict: a misspelled variable is an error, only known helpers
 * run, prototypes stay out of reach, every value is escaped unless a helper returns
 * sanitised HTML.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { packageRoot } from '../util/root.js';
import path from 'node:path';
import {
  formatDate,
  formatDateRange,
  formatDuration,
  formatNumericDate,
  formatShortDate,
  formatTime,
  formatTimeRange,
  formatTimeSpan,
  type Locale,
} from '../typography/index.js';
import { labels, representativeLabel, statusLabel, type LabelKey } from './labels.js';
import { markdownToHtml } from './markdown.js';
import type { PersonView, SpeakerView } from './view.js';

export const defaultTemplatesDir = path.join(packageRoot(), 'templates');

type HelperOptions = Handlebars.HelperOptions;
const esc = Handlebars.escapeExpression;
const safe = (s: string) => new Handlebars.SafeString(s);

function localeOf(options: HelperOptions): Locale {
  const root = options.data?.root as { locale?: Locale } | undefined;
  return root?.locale === 'en' ? 'en' : 'fr';
}

function personHtml(p: PersonView): string {
  const tail = [p.role, p.org].filter((x): x is string => !!x).map(esc);
  return `<strong class="name">${esc(p.name)}</strong>${tail.length ? `, ${tail.join(', ')}` : ''}`;
}

const helpers: Record<string, Handlebars.HelperDelegate> = {
  t(key: LabelKey, options: HelperOptions) {
    const table = labels[localeOf(options)];
    if (!(key in table)) throw new Error(`unknown label "${String(key)}"`);
    return table[key];
  },
  date(iso: string, ...rest: unknown[]) {
    const options = rest.pop() as HelperOptions;
    const form = rest[0];
    if (form === 'short') return formatShortDate(iso, localeOf(options));
    if (form === 'numeric') return formatNumericDate(iso, localeOf(options));
    return formatDate(iso, localeOf(options));
  },
  dateRange(a: string, b: string, options: HelperOptions) {
    return formatDateRange(a, b, localeOf(options));
  },
  time(m: number, options: HelperOptions) {
    return formatTime(m, localeOf(options));
  },
  timeRange(a: number | null, b: number | null, options: HelperOptions) {
    if (a === null || b === null) return '';
    return formatTimeRange(a, b, localeOf(options));
  },
  timeSpan(a: number, b: number, options: HelperOptions) {
    return formatTimeSpan(a, b, localeOf(options));
  },
  duration(m: number, options: HelperOptions) {
    return formatDuration(m, localeOf(options));
  },
  person(p: PersonView) {
    return safe(personHtml(p));
  },
  persons(list: PersonView[]) {
    return safe(list.map(personHtml).join(' ; '));
  },
  speaker(s: SpeakerView, options: HelperOptions) {
    const locale = localeOf(options);
    const notes: string[] = [];
    if (s.orRepresentative) notes.push(representativeLabel(locale));
    const st = statusLabel(s.status, s.civility as 'M.' | 'Mme' | null, s.isOrg, locale);
    let html = personHtml(s);
    if (notes.length) html += ` <span class="representative">(${esc(notes.join(', '))})</span>`;
    if (st) html += ` <em class="status status-${esc(s.status)}">(${esc(st)})</em>`;
    return safe(html);
  },
  status(s: SpeakerView, options: HelperOptions) {
    return statusLabel(s.status, s.civility as 'M.' | 'Mme' | null, s.isOrg, localeOf(options)) ?? '';
  },
  markdown(md: string | null) {
    return md ? safe(markdownToHtml(md)) : '';
  },
  join(list: string[], sep: unknown) {
    return list.join(typeof sep === 'string' ? sep : ', ');
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
};

export class Templates {
  private readonly hb = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly dirs: string[] = [defaultTemplatesDir]) {
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn);
  }

  /** The first of the template folders that has `name`: user templates override defaults. */
  private find(name: string): string {
    for (const dir of this.dirs) {
      const file = path.join(dir, name);
      try {
        return readFileSync(file, 'utf8');
      } catch {
        /* try the next folder */
      }
    }
    throw new Error(`template "${name}" not found in ${this.dirs.join(', ')}`);
  }

  render(name: string, data: unknown): string {
    let fn = this.cache.get(name);
    if (!fn) {
      fn = this.hb.compile(this.find(name), {
        strict: true,
        knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])),
        knownHelpersOnly: true,
      });
      this.cache.set(name, fn);
    }
    return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  }

  text(name: string): string {
    return this.find(name);
  }
}
