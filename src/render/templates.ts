/**
 * Handlebars, isolated and strict: a misspelled variable is an error, only known helpers
 * run, prototypes stay out of reach, every value is escaped unless a helper returns
 * sanitised HTML.
 */
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
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
import { isLabelKey, label, labelIn, representativeLabel, representedLabel, statusLabel, type LabelLocale } from './labels.js';
import { markdownToHtml } from './markdown.js';
import type { PersonView, SpeakerView } from './view.js';
import { splitName } from '../attendees/sort.js';
import { listOf, rapporteurLabel } from './list-labels.js';

export const defaultTemplatesDir = path.join(packageRoot(), 'templates');

type HelperOptions = Handlebars.HelperOptions;
const esc = Handlebars.escapeExpression;
const safe = (s: string) => new Handlebars.SafeString(s);

function localeOf(options: HelperOptions): Locale {
  const root = options.data?.root as { locale?: Locale } | undefined;
  return root?.locale === 'en' ? 'en' : 'fr';
}

/** The event's second label language (`labels_also`), when its document data says one. */
function alsoOf(options: HelperOptions): LabelLocale | null {
  const root = options.data?.root as { labelsAlso?: unknown } | undefined;
  const also = root?.labelsAlso;
  return also === 'fr' || also === 'en' || also === 'zh' ? also : null;
}

function personHtml(p: PersonView): string {
  const tail = [p.role, p.org].filter((x): x is string => !!x).map(esc);
  return `<strong class="name">${esc(p.name)}</strong>${tail.length ? `, ${tail.join(', ')}` : ''}`;
}

const helpers: Record<string, Handlebars.HelperDelegate> = {
  t(key: string, options: HelperOptions) {
    if (!isLabelKey(key)) throw new Error(`unknown label "${String(key)}"`);
    return label(key, localeOf(options), alsoOf(options));
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
  /**
   * "**Jean-Marc DUPONT**, Maire de Nantes, représenté par **Sophie LE BRETON**, adjointe
   * (pressentie) — le rôle des gouvernements locaux…": the person, "(ou son représentant)",
   * the representative, the status (the representative's when there is one), the topic. A
   * speaker who declined and sends nobody is struck through, "à remplacer" (drafts only).
   */
  speaker(s: SpeakerView, options: HelperOptions) {
    const locale = localeOf(options);
    const civility = s.civility as 'M.' | 'Mme' | null;
    let html = personHtml(s);
    if (s.orRepresentative) html += ` <span class="representative">(${esc(representativeLabel(locale))})</span>`;
    if (s.representedBy) html += `, <span class="represented-by">${esc(representedLabel(civility, s.isOrg, locale))}</span> ${personHtml(s.representedBy)}`;
    if (s.declined) {
      const st = [statusLabel('declined', civility, s.isOrg, locale), labelIn('toReplace', locale)].filter(Boolean).join(', ');
      html = `<del class="declined">${html}</del> <em class="status status-declined">(${esc(st)})</em>`;
    } else {
      // Someone who declined but sends a representative is not "excusé": the representative comes.
      const st =
        s.representedBy && s.status === 'declined'
          ? null
          : statusLabel(s.status, (s.representedBy?.civility ?? civility) as 'M.' | 'Mme' | null, s.isOrg && !s.representedBy, locale);
      if (st) html += ` <em class="status status-${esc(s.status)}">(${esc(st)})</em>`;
    }
    if (s.topic) html += ` <span class="topic">— ${esc(s.topic)}</span>`;
    return safe(html);
  },
  status(s: SpeakerView, options: HelperOptions) {
    return statusLabel(s.status, s.civility as 'M.' | 'Mme' | null, s.isOrg, localeOf(options)) ?? '';
  },
  markdown(md: string | null) {
    return md ? safe(markdownToHtml(md)) : '';
  },
  /** "Michel Delebarre" → "Michel DELEBARRE": the family name in capitals, particles kept ("Pierre de SAINTIGNON"). */
  family(name: string) {
    const { given, particle, family } = splitName(String(name));
    return [given, particle, family.toLocaleUpperCase('fr')].filter(Boolean).join(' ');
  },
  upper(text: string) {
    return String(text).toLocaleUpperCase('fr');
  },
  /** {{plural n "participant" "participants"}} → "1 participant", "12 participants" (0 takes the singular in French). */
  plural(n: number, one: string, many: string, options: HelperOptions) {
    const fr = localeOf(options) === 'fr';
    return `${n}\u00a0${n === 1 || (fr && n === 0) ? one : many}`;
  },
  /** {{agree civility "pressenti" "pressentie"}}: the feminine form for Mme, masculine for M., both (·) when unknown. */
  agree(civility: string | null, masculine: string, feminine: string) {
    if (civility === 'Mme') return feminine;
    if (civility === 'M.') return masculine;
    return feminine.startsWith(masculine) ? `${masculine}·${feminine.slice(masculine.length)}` : `${masculine}/${feminine}`;
  },
  /** {{and list}} → "A, B et C" (en: "A, B and C"). */
  and(list: string[], options: HelperOptions) {
    return listOf(list.map(String), localeOf(options));
  },
  /** {{rapporteurLabel people}} → "Rapporteure" for Mme, "Rapporteur·e" when unknown, plural for several. */
  rapporteurLabel(list: PersonView[], options: HelperOptions) {
    // The second label language (`labels_also`), as `t` prints it: "Rapporteure / 报告人".
    const locale = localeOf(options);
    const also = alsoOf(options);
    const second = also && also !== locale ? labelIn('rapporteur', also) : undefined;
    const main = rapporteurLabel(list, locale);
    return second ? `${main} / ${second}` : main;
  },
  join(list: string[], sep: unknown) {
    return list.join(typeof sep === 'string' ? sep : ', ');
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
};

/** A mistake in a (user) template: where it is, and what Handlebars said. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

interface HandlebarsFailure {
  message: string;
  lineNumber?: number;
  column?: number;
}

export class Templates {
  private readonly hb = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  /**
   * `dirs`: the template folders, first match wins, so a user folder before the defaults
   * overrides any template or partial by file name. Partials are the `partials/*.hbs` files.
   */
  constructor(readonly dirs: string[] = [defaultTemplatesDir]) {
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn);
    const partials = new Map<string, string>();
    for (const dir of [...dirs].reverse()) {
      let entries: string[] = [];
      try {
        entries = readdirSync(path.join(dir, 'partials')).filter((f) => f.endsWith('.hbs'));
      } catch {
        continue;
      }
      for (const f of entries) partials.set(f.replace(/\.hbs$/, ''), path.join(dir, 'partials', f));
    }
    for (const [name, file] of partials) {
      const text = readFileSync(file, 'utf8');
      this.hb.registerPartial(name, this.compile(text, file));
    }
  }

  private compile(text: string, file: string): Handlebars.TemplateDelegate {
    const fn = this.hb.compile(text, {
      strict: true,
      knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])),
      knownHelpersOnly: true,
    });
    // Handlebars compiles lazily: run errors and parse errors alike surface at the first call.
    return (data: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        return fn(data, options);
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        throw toTemplateError(err as HandlebarsFailure, file);
      }
    };
  }

  /** The first of the template folders that has `name`. */
  private find(name: string): { text: string; file: string } {
    for (const dir of this.dirs) {
      const file = path.join(dir, name);
      try {
        return { text: readFileSync(file, 'utf8'), file };
      } catch {
        /* try the next folder */
      }
    }
    throw new Error(`template "${name}" not found in ${this.dirs.join(', ')}`);
  }

  render(name: string, data: unknown): string {
    let fn = this.cache.get(name);
    if (!fn) {
      const { text, file } = this.find(name);
      fn = this.compile(text, file);
      this.cache.set(name, fn);
    }
    return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  }

  text(name: string): string {
    return this.find(name).text;
  }
}

function toTemplateError(err: HandlebarsFailure, file: string): TemplateError {
  const msg = String(err.message ?? err);
  // Parse errors: "Parse error on line 3:\n…"; strict lookups: '"foo" not defined in [object Object] - 3:5'.
  const parse = /Parse error on line (\d+)/.exec(msg);
  const loc = / - (\d+):(\d+)$/.exec(msg.split('\n')[0]);
  const line = err.lineNumber ?? (parse ? Number(parse[1]) : loc ? Number(loc[1]) : 1);
  const column = (err.column ?? (loc ? Number(loc[2]) : 0)) + 1;
  let text = msg.split('\n')[0].replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]/, '');
  const missing = /^"(.+)" not defined$/.exec(text);
  if (missing) text = `"${missing[1]}" is not a field of the data this template receives (a misspelled name?)`;
  const inUndefined = /^"(.+)" not defined in undefined$/.exec(text);
  if (inUndefined) text = `"${inUndefined[1]}" is looked up on nothing: the field before it is misspelled or absent`;
  const helper = /^You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(text);
  if (helper) text = `unknown helper "${helper[1]}": only coop's documented helpers are allowed`;
  return new TemplateError(file, line, column, text);
}
