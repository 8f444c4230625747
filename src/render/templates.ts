/**
 * Handlebars, isolated and strict: a misspelled variable is an error, only known helpers
 * run, prototypes stay out of reach, every value is escaped unless a helper returns
 * sanitised HTML.
 */
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { confinedFolderSync, readConfinedSync, refusalRule } from '../source/read.js';
import { decodeText } from '../source/text.js';
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
import { MarkdownLimitError, markdownToHtml } from './markdown.js';
import type { PersonView, SpeakerView } from './view.js';
import { splitName } from '../attendees/sort.js';
import { listOf, rapporteurLabel } from './list-labels.js';
import type { Text } from '../i18n.js';
import { formatMessage } from '../diagnostics/types.js';
import { templateMessages } from '../checks/project-messages.js';

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
  date(iso: string | null, ...rest: unknown[]) {
    const options = rest.pop() as HelperOptions;
    const form = rest[0];
    if (iso === null) return '';
    if (form === 'short') return formatShortDate(iso, localeOf(options));
    if (form === 'numeric') return formatNumericDate(iso, localeOf(options));
    return formatDate(iso, localeOf(options));
  },
  dateRange(a: string | null, b: string | null, options: HelperOptions) {
    if (a === null || b === null) return '';
    return formatDateRange(a, b, localeOf(options));
  },
  time(m: number | null, options: HelperOptions) {
    if (m === null) return '';
    return formatTime(m, localeOf(options));
  },
  timeRange(a: number | null, b: number | null, options: HelperOptions) {
    if (a === null || b === null) return '';
    return formatTimeRange(a, b, localeOf(options));
  },
  timeSpan(a: number | null, b: number | null, options: HelperOptions) {
    if (a === null || b === null) return '';
    return formatTimeSpan(a, b, localeOf(options));
  },
  duration(m: number | null, options: HelperOptions) {
    if (m === null) return '';
    return formatDuration(m, localeOf(options));
  },
  person(p: PersonView | null) {
    return p === null ? '' : safe(personHtml(p));
  },
  persons(list: PersonView[] | null) {
    return list === null ? '' : safe(list.map(personHtml).join(' ; '));
  },
  /**
   * "**Jean-Marc DUPONT**, Maire de Nantes, représenté par **Sophie LE BRETON**, adjointe
   * (pressentie) — le rôle des gouvernements locaux…": the person, "(ou son représentant)",
   * the representative, the status (the representative's when there is one), the topic. A
   * speaker who declined and sends nobody is struck through, "à remplacer" (drafts only).
   */
  speaker(s: SpeakerView | null, options: HelperOptions) {
    if (s === null) return '';
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
  status(s: SpeakerView | null, options: HelperOptions) {
    if (s === null) return '';
    return statusLabel(s.status, s.civility as 'M.' | 'Mme' | null, s.isOrg, localeOf(options)) ?? '';
  },
  markdown(md: string | null) {
    return md ? safe(markdownToHtml(md)) : '';
  },
  /** "Michel Delebarre" → "Michel DELEBARRE": the family name in capitals, particles kept ("Pierre de SAINTIGNON"). */
  family(name: string | null) {
    if (name === null) return '';
    const { given, particle, family } = splitName(String(name));
    return [given, particle, family.toLocaleUpperCase('fr')].filter(Boolean).join(' ');
  },
  upper(text: string | null) {
    return text === null ? '' : String(text).toLocaleUpperCase('fr');
  },
  /** {{plural n "participant" "participants"}} → "1 participant", "12 participants" (0 takes the singular in French). */
  plural(n: number | null, one: string, many: string, options: HelperOptions) {
    n ??= 0;
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
  and(list: string[] | null, options: HelperOptions) {
    if (list === null) return '';
    return listOf(list.map(String), localeOf(options));
  },
  /** {{rapporteurLabel people}} → "Rapporteure" for Mme, "Rapporteur·e" when unknown, plural for several. */
  rapporteurLabel(list: PersonView[] | null, options: HelperOptions) {
    if (list === null) return '';
    // The second label language (`labels_also`), as `t` prints it: "Rapporteure / 报告人".
    const locale = localeOf(options);
    const also = alsoOf(options);
    const second = also && also !== locale ? labelIn('rapporteur', also) : undefined;
    const main = rapporteurLabel(list, locale);
    return second ? `${main} / ${second}` : main;
  },
  join(list: string[] | null, sep: unknown) {
    if (list === null) return '';
    return list.join(typeof sep === 'string' ? sep : ', ');
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
};

/** The least number of arguments each helper takes (a call with fewer is a mistake in the template). */
const ARITY: Record<string, number> = {
  t: 1,
  date: 1,
  dateRange: 2,
  time: 1,
  timeRange: 2,
  timeSpan: 2,
  duration: 1,
  person: 1,
  persons: 1,
  speaker: 1,
  status: 1,
  markdown: 1,
  family: 1,
  upper: 1,
  plural: 3,
  agree: 3,
  join: 1,
  eq: 2,
  and: 1,
  rapporteurLabel: 1,
};

/** A mistake in a (user) template: where it is, and what Handlebars said. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
    /** The rule it is reported under: template/invalid, or ref/outside-project for a file that leaves the project. */
    readonly rule: string = 'template/invalid',
    /** The template's text, when it was read (for the excerpt under the message). */
    public text?: string,
    /** The message in both languages, when coop wrote it (a refused file). */
    readonly words?: Text,
  ) {
    super(message);
  }
}

interface HandlebarsFailure {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** Where a helper call is (Handlebars gives it in `options.loc`, columns from 0). */
type Loc = { start: { line: number; column: number } } | undefined;

/** A failure inside a helper, at the helper's place in the template. */
class HelperFailure extends Error {
  constructor(
    message: string,
    readonly loc: Loc,
  ) {
    super(message);
  }
}

/**
 * A template folder and the project folder its files must stay in once their links are
 * resolved; `root` null for coop's own templates.
 */
export interface TemplateDir {
  dir: string;
  root: string | null;
}

/** The largest template, partial or style sheet coop reads (coop's own are under 5 KB). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Loop iterations a document's rendering may take: 100,000, plus 10 per value of its data.
 * coop's templates visit each value about once; nine nested `{{#each @root.days}}` would take
 * days^9 and stop here, in well under a second. Characters produced by loops are bounded too.
 */
const BASE_ITERATIONS = 100_000;
const ITERATIONS_PER_VALUE = 10;
const MAX_LOOP_OUTPUT = 256 * 1024 * 1024;

/** How many values (array elements, object fields) a view holds: the rendering budget is proportional to it. */
function sizeOf(data: unknown): number {
  let n = 0;
  const stack: unknown[] = [data];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const values = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    n += values.length;
    for (const x of values) if (x !== null && typeof x === 'object') stack.push(x);
  }
  return n;
}

/**
 * The options every template is compiled with, Handlebars.compile's default (`data`) written
 * out so that a template compiled here and one precompiled at build time are the same code.
 */
export function compileOptions() {
  return {
    strict: true,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])) as Record<string, boolean>,
    knownHelpersOnly: true,
    data: true,
  };
}

/** What compiled code depends on besides a template's text: the compiler and the helpers it may call. */
const COMPILER_KEY = `handlebars ${Handlebars.VERSION}; helpers ${Object.keys(helpers).join(',')}`;

/** Compiled templates by text, for the whole process (a watching build or many events compile each once). */
const specs = new Map<string, TemplateSpecification>();
/** Entries kept before starting afresh (a `--watch` session editing its templates adds one per save). */
const MAX_SPECS = 500;

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

interface HandlebarsCompilers {
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification };
}

/**
 * coop's own templates compiled by `npm run build` (scripts/build.mjs writes it with
 * `precompiledTemplates`), so that a command compiles none of them: a file next to the
 * compiled code, read once; ignored when missing or made by another compiler or helper list.
 */
export const precompiledFile = path.join(packageRoot(), 'dist', 'templates.cjs');
let seeded = false;

function seedSpecs(): void {
  if (seeded) return;
  seeded = true;
  if (!existsSync(precompiledFile)) return;
  try {
    const m = createRequire(import.meta.url)(precompiledFile) as { key?: unknown; specs?: Array<[string, TemplateSpecification]> };
    if (m.key !== COMPILER_KEY || !Array.isArray(m.specs)) return;
    for (const [text, spec] of m.specs) specs.set(text, spec);
  } catch {
    // A damaged file: the templates are compiled when used, as without it.
  }
}

/** A template's compiled code (Handlebars.compile's steps, without binding it to an environment). */
function specOf(hb: typeof Handlebars, text: string): TemplateSpecification {
  seedSpecs();
  let spec = specs.get(text);
  if (!spec) {
    const options = compileOptions();
    const c = hb as typeof hb & HandlebarsCompilers;
    const environment = new c.Compiler().compile(hb.parse(text, options as Handlebars.ParseOptions), options);
    spec = new c.JavaScriptCompiler().compile(environment, options, undefined, true);
    if (specs.size >= MAX_SPECS) specs.clear();
    specs.set(text, spec);
  }
  return spec;
}

/**
 * The source of dist/templates.cjs: every template and partial of coop's own folder,
 * precompiled (run by scripts/build.mjs).
 */
export function precompiledTemplates(): string {
  const entries: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.hbs')) {
        const text = readFileSync(file, 'utf8');
        entries.push(`[${JSON.stringify(text)},${String(Handlebars.precompile(text, compileOptions()))}]`);
      }
    }
  };
  walk(defaultTemplatesDir);
  return `// coop's templates, precompiled by scripts/build.mjs (see src/render/templates.ts).\nmodule.exports = { key: ${JSON.stringify(COMPILER_KEY)}, specs: [\n${entries.join(',\n')}\n] };\n`;
}

/**
 * A Handlebars environment with coop's helpers, each refusing a missing or undefined argument:
 * the one every Templates renders with (which adds its loop limits).
 */
export function coopHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, guarded(name, fn));
  return hb;
}

export class Templates {
  private readonly hb = coopHandlebars();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  readonly sources: TemplateDir[];
  /** Iterations left for the document being rendered. */
  private budget = { iterations: Infinity, output: Infinity, file: '' };

  /**
   * `dirs`: the template folders, first match wins, so a user folder before the defaults
   * overrides any template or partial by file name. Partials are the `partials/*.hbs` files.
   * A folder given as a plain path is confined to itself; coop's own folder is not confined.
   */
  constructor(
    dirs: Array<string | TemplateDir> = [defaultTemplatesDir],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.sources = dirs.map((d) => (typeof d === 'string' ? { dir: d, root: d === defaultTemplatesDir ? null : d } : d));
    this.installLimits();
    const partials = new Map<string, { file: string; root: string | null }>();
    for (const { dir, root } of [...this.sources].reverse()) {
      const folder = path.join(dir, 'partials');
      const listed = confinedFolderSync(folder, root);
      if ('refused' in listed) {
        if (listed.refused === 'outside')
          throw new TemplateError(folder, 1, 1, 'the partials folder leads outside the project folder (a symbolic link?)', 'ref/outside-project');
        continue;
      }
      let entries: string[];
      try {
        entries = readdirSync(listed.real).filter((f) => f.endsWith('.hbs'));
      } catch {
        continue; // not a folder
      }
      for (const f of entries.sort()) {
        const name = f.replace(/\.hbs$/, '');
        if (!/^[A-Za-z0-9_-]+$/.test(name)) {
          throw new TemplateError(path.join(folder, f), 1, 1, `partial name "${name}": a partial's file name may hold only letters, digits, "-" and "_"`);
        }
        partials.set(name, { file: path.join(folder, f), root });
      }
    }
    for (const [name, { file, root }] of partials) {
      this.hb.registerPartial(name, this.compile(this.read(file, root), file));
    }
  }

  /** The template folders, in order of precedence. */
  get dirs(): string[] {
    return this.sources.map((s) => s.dir);
  }

  /**
   * Bounds on what a template may make coop do: loops take from the document's budget (their
   * place is reported when it runs out), `log` writes nothing to the terminal.
   */
  private installLimits(): void {
    const builtinEach = this.hb.helpers.each as Handlebars.HelperDelegate;
    const budget = () => this.budget;
    this.hb.registerHelper('each', function (this: unknown, context: unknown, options: HelperOptions) {
      const fn = options.fn;
      const loc = (options as { loc?: Loc }).loc;
      const counted = Object.assign((ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
        const b = budget();
        if (--b.iterations < 0) {
          throw new HelperFailure('this loop runs too many times for the data it is given (loops nested over the whole programme?): rendering stopped', loc);
        }
        const out = fn(ctx, opts);
        b.output -= out.length;
        if (b.output < 0) throw new HelperFailure('the loops of this template produce more than 256 million characters: rendering stopped', loc);
        return out;
      }, fn);
      return builtinEach.call(this, context, { ...options, fn: counted });
    });
    this.hb.registerHelper('log', function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as { loc?: Loc };
      throw new HelperFailure('the "log" helper is not available: a template writes nothing to the terminal', options.loc);
    });
  }

  /** A template file, read inside its project folder (at most MAX_TEMPLATE_BYTES). */
  private load(file: string, root: string | null) {
    return readConfinedSync(file, root, { ...this.env, COOP_MAX_INPUT_MB: String(MAX_TEMPLATE_BYTES / 1024 / 1024) });
  }

  /** A template file's text, or the error that says why it cannot be used. */
  private textOf(r: ReturnType<Templates['load']>, file: string): string {
    if ('refused' in r) {
      const words =
        r.refused === 'too-large'
          ? formatMessage('syntax/size', templateMessages, { messageId: 'templateTooLarge', data: { mb: String(MAX_TEMPLATE_BYTES / 1024 / 1024) } })
          : r.message;
      throw new TemplateError(file, 1, 1, words.en, refusalRule(r.refused), undefined, words);
    }
    const text = decodeText(r.bytes);
    if (text.text === undefined) throw new TemplateError(file, 1, 1, text.problem.message.en, 'syntax/encoding', undefined, text.problem.message);
    return text.text;
  }

  private read(file: string, root: string | null): string {
    return this.textOf(this.load(file, root), file);
  }

  private compile(text: string, file: string): Handlebars.TemplateDelegate {
    this.texts.set(file, text);
    let fn: Handlebars.TemplateDelegate | undefined;
    // Compiled on first use, as Handlebars.compile does: run errors and parse errors alike
    // surface at the first call.
    return (data: unknown, options?: Handlebars.RuntimeOptions) => {
      try {
        fn ??= this.hb.template(specOf(this.hb, text));
        return fn(data, options);
      } catch (err) {
        throw this.failure(err, file);
      }
    };
  }

  /** What went wrong while rendering `file`, as a TemplateError at its place (with the text when it is this file's). */
  private failure(err: unknown, file: string): TemplateError {
    const e = this.failureOf(err, file);
    if (e.text === undefined && e.file === file) e.text = this.texts.get(file);
    return e;
  }

  private readonly texts = new Map<string, string>();

  private failureOf(err: unknown, file: string): TemplateError {
    if (err instanceof TemplateError) return err;
    if (err instanceof HelperFailure) return new TemplateError(file, err.loc?.start.line ?? 1, (err.loc?.start.column ?? 0) + 1, err.message);
    if (err instanceof RangeError) {
      // "Maximum call stack size exceeded" (a partial that includes itself), "Invalid string length".
      // No regular expression here: this runs at the bottom of an exhausted stack, where V8
      // compiling one (lazily, on first use) aborts the whole process ("RegExpCompiler
      // Allocation failed - process out of memory") instead of throwing.
      return new TemplateError(
        file,
        1,
        1,
        err.message.includes('call stack') ? 'the template calls itself without end (a partial that includes itself?)' : 'the template produces too much text',
      );
    }
    if (err instanceof MarkdownLimitError) return new TemplateError(file, 1, 1, err.message);
    return toTemplateError(err as HandlebarsFailure, file);
  }

  private readonly found = new Map<string, { text: string; file: string }>();

  /** The first of the template folders that has `name`. */
  private find(name: string): { text: string; file: string } {
    const known = this.found.get(name);
    if (known) return known;
    for (const { dir, root } of this.sources) {
      const file = path.join(dir, name);
      const r = this.load(file, root);
      if ('refused' in r && r.refused === 'missing') continue;
      const hit = { text: this.textOf(r, file), file };
      this.found.set(name, hit);
      return hit;
    }
    throw new Error(`template "${name}" not found in ${this.dirs.join(', ')}`);
  }

  /** Whether `name` comes from a user folder (not coop's own). */
  isUser(name: string): boolean {
    return this.find(name).file !== path.join(defaultTemplatesDir, name);
  }

  render(name: string, data: unknown): string {
    let fn = this.cache.get(name);
    if (!fn) {
      const { text, file } = this.find(name);
      fn = this.compile(text, file);
      this.cache.set(name, fn);
    }
    this.budget = { iterations: BASE_ITERATIONS + ITERATIONS_PER_VALUE * sizeOf(data), output: MAX_LOOP_OUTPUT, file: name };
    try {
      return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } finally {
      this.budget = { iterations: Infinity, output: Infinity, file: '' };
    }
  }

  /** A template folder's file as text (a style sheet), read inside its project folder. */
  text(name: string): string {
    return this.find(name).text;
  }

  /** The file a template name resolves to (for messages). */
  fileOf(name: string): string {
    return this.find(name).file;
  }
}

/**
 * A helper that refuses an argument that is undefined (a misspelled field: strict mode does
 * not check helper arguments, and `{{upper titel}}` would print "UNDEFINED") or missing.
 */
function guarded(name: string, fn: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  const least = ARITY[name] ?? 0;
  return function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as { loc?: Loc };
    const given = args.length - 1;
    if (given < least) {
      throw new HelperFailure(`the helper "${name}" takes ${least} argument${least > 1 ? 's' : ''}, it was given ${given}`, options.loc);
    }
    for (let i = 0; i < given; i++) {
      if (args[i] === undefined) {
        throw new HelperFailure(`argument ${i + 1} of the helper "${name}" is undefined: the field is misspelled or absent`, options.loc);
      }
    }
    try {
      return (fn as (...a: unknown[]) => unknown).apply(this, args);
    } catch (err) {
      if (err instanceof HelperFailure || err instanceof TemplateError) throw err;
      throw new HelperFailure(`the helper "${name}" failed: ${err instanceof Error ? err.message : String(err)}`, options.loc);
    }
  };
}

function toTemplateError(err: HandlebarsFailure, file: string): TemplateError {
  const msg = String(err.message ?? err);
  // Parse errors: "Parse error on line 3:\n…"; strict lookups: '"foo" not defined in [object Object] - 3:5'.
  const parse = /Parse error on line (\d+)/.exec(msg);
  const loc = / - (\d+):(\d+)$/.exec(msg.split('\n')[0]);
  const line = err.lineNumber ?? (parse ? Number(parse[1]) : loc ? Number(loc[1]) : 1);
  const column = (err.column ?? (loc ? Number(loc[2]) : 0)) + 1;
  let text = msg
    .split('\n')[0]
    .replace(/ - \d+:\d+$/, '')
    .replace(/ in \[object Object\]/, '');
  const missing = /^"(.+)" not defined$/.exec(text);
  if (missing) text = `"${missing[1]}" is not a field of the data this template receives (a misspelled name?)`;
  const inUndefined = /^"(.+)" not defined in undefined$/.exec(text);
  if (inUndefined) text = `"${inUndefined[1]}" is looked up on nothing: the field before it is misspelled or absent`;
  const helper = /^You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(text);
  if (helper) text = `unknown helper "${helper[1]}": only coop's documented helpers are allowed`;
  return new TemplateError(file, line, column, text);
}
