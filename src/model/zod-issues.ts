/** Turn zod issues into positioned, human diagnostics ("what was found, what was expected"). */
import { truncate } from '../util/text.js';
import type * as z from 'zod';
import type { Path, YamlSource } from '../source/yaml.js';
import { stageMessage, type MessageData, type Messages, type Problem } from '../diagnostics/types.js';
import { closest } from '../util/suggest.js';
import { tx, type Text } from '../i18n.js';
import { append } from '../util/arrays.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function issuesToProblems(issues: readonly Issue[], source: YamlSource, schema: AnySchema): Problem[] {
  const out: Problem[] = [];
  const flat = flatten(issues, []);
  // A refinement on an object that also has unknown keys repeats the same mistake: keep the key.
  const unknownAt = new Set(flat.filter((i) => i.issue.code === 'unrecognized_keys').map((i) => i.path.join('\u0000')));
  for (const { issue, path, expected } of flat) {
    if (issue.code === 'custom' && unknownAt.has(path.join('\u0000'))) continue;
    const where = describePath(path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const guess = closest(
          key,
          allowed.filter((k) => k !== key),
        );
        out.push({
          rule: 'schema/invalid',
          ...(guess ? said('unknownKeyGuess', { key, where, guess }) : said('unknownKey', { key, where, allowed: allowed.join(', ') })),
          place: source.placeOfKey(path, key),
        });
      }
      continue;
    }
    const value = valueAt(source.value, path);
    const last = path[path.length - 1];
    if ((issue.code === 'invalid_type' || (issue.code === 'invalid_union' && expected)) && value === undefined) {
      const parent = describePath(path.slice(0, -1));
      const t = issue.code === 'invalid_type' ? typeName(issue.expected) : tx(expected!.map((e) => e.fr).join(' ou '), expected!.map((e) => e.en).join(' or '));
      const from = tx(path.length === 1 ? 'du fichier' : `de ${parent.fr}`, parent.en);
      out.push({
        rule: 'schema/invalid',
        ...said('missingKey', { key: String(last), from, expected: tx(`${t.fr} ${agreed(t.fr)}`, t.en) }),
        place: source.placeOf(path.slice(0, -1)),
      });
      continue;
    }
    out.push({ rule: 'schema/invalid', ...messageFor(issue, where, value, expected), place: source.placeOf(path) });
  }
  return out;
}

interface Located {
  issue: Issue;
  path: Path;
  /** For a union that matched no branch: what the branches expected. */
  expected?: Text[];
}

function flatten(issues: readonly Issue[], prefix: Path): Located[] {
  const out: Located[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Prefer the branch that got furthest: one whose errors are not a mere type mismatch at its root.
      const deep = issue.errors.filter((b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (deep.length > 0) {
        deep.sort((a, b) => a.length - b.length);
        append(out, flatten(deep[0], path));
        continue;
      }
      const names = new Map<string, Text>();
      for (const i of issue.errors.flat()) if (i.code === 'invalid_type') names.set(i.expected, typeName(i.expected));
      out.push({ issue, path, expected: [...names.values()] });
      continue;
    }
    out.push({ issue, path });
  }
  return out;
}

/**
 * The messages of `schema/invalid` found by validation: they say what was found and what was
 * expected, where ({where}: "« start » of item 3 of session 1 of day 1").
 */
export const schemaMessages = {
  unknownKeyGuess: tx('Clé inconnue « {key} » dans {where} : vouliez-vous dire « {guess} » ?', 'Unknown key "{key}" in {where}; did you mean "{guess}"?'),
  unknownKey: tx('Clé inconnue « {key} » dans {where} ; clés attendues : {allowed}.', 'Unknown key "{key}" in {where}; expected one of: {allowed}.'),
  missingKey: tx('Clé obligatoire « {key} » absente {from} : {expected}.', 'Missing required key "{key}" in {from}: expected {expected}.'),
  noBranch: tx('Valeur invalide pour {where} : {expected}, trouvé {found}.', 'Invalid {where}: expected {expected}, found {found}.'),
  wrongType: tx('Type incorrect pour {where} : {expected}, trouvé {found}.', 'Wrong type for {where}: expected {expected}, found {found}.'),
  invalidValue: tx('Valeur {found} invalide pour {where} : valeurs possibles {values}.', 'Invalid value {found} for {where}: expected one of {values}.'),
  emptyList: tx('{where} est vide : au moins un élément attendu.', '{where} is empty: expected at least one entry.'),
  emptyText: tx('{where} est vide : un texte attendu.', '{where} is empty: expected a non-empty text.'),
  tooSmall: tx('{where} est trop petit : au moins {minimum} attendu, trouvé {found}.', '{where} is too small: expected at least {minimum}, found {found}.'),
  tooBig: tx('{where} est trop grand : au plus {maximum} attendu, trouvé {found}.', '{where} is too large: expected at most {maximum}, found {found}.'),
  notTime: tx(
    'Valeur invalide pour {where} : {found} n’est pas une heure ; une heure comme "09:30", "9h30", "9h" ou "09 h 30" attendue.',
    'Invalid {where}: {found} is not a time; expected a time of day such as "09:30", "9h30", "9h" or "09 h 30".',
  ),
  notDuration: tx(
    'Valeur invalide pour {where} : {found} n’est pas une durée ; une durée positive comme "10min", "1h30", "90m" ou un nombre de minutes attendue.',
    'Invalid {where}: {found} is not a duration; expected a positive duration such as "10min", "1h30", "90m" or a number of minutes.',
  ),
  notDate: tx(
    'Valeur invalide pour {where} : {found} n’est pas une date du calendrier ; une date existante écrite AAAA-MM-JJ, comme 2012-03-01, attendue.',
    'Invalid {where}: {found} is not a calendar date; expected an existing date written YYYY-MM-DD, such as 2012-03-01.',
  ),
  notTimeZone: tx(
    'Valeur invalide pour {where} : {found} n’est pas un fuseau horaire connu ; un nom IANA comme "Europe/Paris" ou "America/Montreal" attendu.',
    'Invalid {where}: {found} is not a known time zone; expected an IANA name such as "Europe/Paris" or "America/Montreal".',
  ),
  notTimeRange: tx(
    'Valeur invalide pour {where} : {found} n’est pas une plage horaire ; une plage comme "14:00-17:00", "14h-17h" ou "de 15h30 à 17h30", ou une heure de début comme "15h30", attendue.',
    'Invalid {where}: {found} is not a time range; expected a range such as "14:00-17:00", "14h-17h" or "from 15:30 to 17:30", or a start such as "15h30".',
  ),
  notLanguage: tx(
    'Valeur invalide pour {where} : {found} n’est pas un code de langue ; un code comme "fr", "en", "zh" ou "pt-BR" attendu.',
    'Invalid {where}: {found} is not a language code; expected a code such as "fr", "en", "zh" or "pt-BR".',
  ),
  invisible: tx(
    'Valeur invalide pour {where} : {found} n’a aucun caractère visible (seulement des espaces, des caractères invisibles ou de contrôle) ; un texte lisible attendu.',
    'Invalid {where}: {found} has no visible character (only spaces, invisible or control characters); expected a readable text.',
  ),
  speakerWho: tx(
    'Valeur invalide pour {where} : un intervenant a besoin de `person` (un identifiant), `name` (en ligne) ou `org` (un organisme).',
    'Invalid {where}: a speaker needs `person` (an id), `name` (inline) or `org` (an organisation).',
  ),
  other: tx('Valeur invalide pour {where} : {issue}.', 'Invalid {where}: {issue}.'),
} satisfies Messages;

const said = (id: keyof typeof schemaMessages, data: MessageData) => stageMessage('schema/invalid', schemaMessages, id, data);

/** The schema's custom refinements (model/schema.ts, minutes/schema.ts), by their code, and the message of each. */
const customMessages: Record<string, keyof typeof schemaMessages> = {
  time: 'notTime',
  duration: 'notDuration',
  date: 'notDate',
  timezone: 'notTimeZone',
  timeRange: 'notTimeRange',
  language: 'notLanguage',
  invisible: 'invisible',
  speaker: 'speakerWho',
};

/** The message of one issue: what was found, what was expected. */
function messageFor(issue: Issue, where: Text, value: unknown, expected?: Text[]): ReturnType<typeof stageMessage> {
  const found = describeValue(value);
  if (expected) {
    const fr = `${expected.map((e) => e.fr).join(' ou ')} ${expected.every((e) => agreed(e.fr) === 'attendue') ? 'attendue' : 'attendu'}`;
    return said('noBranch', { where, found, expected: tx(fr, expected.map((e) => e.en).join(' or ')) });
  }
  switch (issue.code) {
    case 'invalid_type': {
      const t = typeName(issue.expected);
      return said('wrongType', { where, found, expected: tx(`${t.fr} ${agreed(t.fr)}`, t.en) });
    }
    case 'invalid_value':
      return said('invalidValue', { where, found, values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
    case 'too_small': {
      const Where = tx(cap(where.fr), cap(where.en));
      if (issue.origin === 'array') return said('emptyList', { where: Where });
      if (issue.origin === 'string') return said('emptyText', { where: Where });
      return said('tooSmall', { where: Where, minimum: String(issue.minimum), found });
    }
    case 'too_big':
      return said('tooBig', { where: tx(cap(where.fr), cap(where.en)), maximum: String(issue.maximum), found });
    case 'custom': {
      const id = Object.hasOwn(customMessages, issue.message) ? customMessages[issue.message] : undefined;
      if (id === 'speakerWho') return said(id, { where });
      if (id) return said(id, { where, found });
      return said('other', { where, issue: issue.message });
    }
    default:
      return said('other', { where, issue: issue.message });
  }
}

/** « attendu » agreed with what is expected: « une liste attendue », « un texte attendu ». */
function agreed(what: string): 'attendu' | 'attendue' {
  return what.startsWith('une ') ? 'attendue' : 'attendu';
}

function typeName(expected: string): Text {
  switch (expected) {
    case 'string':
      return tx('un texte', 'a text');
    case 'number':
      return tx('un nombre', 'a number');
    case 'int':
      return tx('un nombre entier', 'a whole number');
    case 'boolean':
      return tx('true ou false', 'true or false');
    case 'array':
      return tx('une liste', 'a list');
    case 'object':
    case 'record':
      return tx('un bloc clé: valeur', 'a mapping (key: value)');
    default:
      return tx(expected, expected);
  }
}

export function describeValue(value: unknown): Text {
  if (value === undefined) return tx('rien', 'nothing');
  if (value === null) return tx('une valeur vide', 'an empty value');
  if (Array.isArray(value)) return tx('une liste', 'a list');
  if (typeof value === 'object') return tx('un bloc clé: valeur', 'a mapping');
  if (typeof value === 'string') {
    const s = JSON.stringify(value.length > 40 ? truncate(value, 38, '') + '...' : value);
    return tx(s, s);
  }
  if (typeof value === 'number') return tx(`le nombre ${value}`, `the number ${value}`);
  return tx(String(value), String(value));
}

const nouns: Record<string, [fr: string, gender: 'm' | 'f', en: string]> = {
  days: ['jour', 'm', 'day'],
  sessions: ['séance', 'f', 'session'],
  items: ['point', 'm', 'item'],
  speakers: ['intervenant', 'm', 'speaker'],
  attendees: ['participant', 'm', 'attendee'],
  chair: ['animateur', 'm', 'chair'],
  rapporteur: ['rapporteur', 'm', 'rapporteur'],
  questions: ['question', 'f', 'question'],
  organisers: ['organisateur', 'm', 'organiser'],
  support: ['soutien', 'm', 'supporter'],
  languages: ['langue', 'f', 'language'],

  // minutes (#16)
  present: ['présent', 'm', 'present'],
  excused: ['excusé', 'm', 'excused'],
  absent: ['absent', 'm', 'absent'],
  proxies: ['pouvoir', 'm', 'proxy'],
};

/** "session 2 of day 1" / "séance 2 du jour 1"; "\"start\" of item 3 of session 1 of day 1". */
export function describePath(path: Path): Text {
  if (path.length === 0) return tx('le fichier', 'the file');
  const fr: Array<[string, 'm' | 'f' | 'k']> = [];
  const en: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const k = String(path[i]);
    const next = path[i + 1];
    if (typeof next === 'number') {
      const n = nouns[k] ?? [k, 'm', k];
      fr.push([`${n[0]} ${next + 1}`, n[1]]);
      en.push(`${n[2]} ${next + 1}`);
      i++;
    } else if (i === path.length - 1) {
      fr.push([`« ${k} »`, 'k']);
      en.push(`"${k}"`);
    } else if (['people', 'organisations', 'rooms'].includes(k) && next !== undefined) {
      fr.push([`${k}.${String(next)}`, 'k']);
      en.push(`${k}.${String(next)}`);
      i++;
    } else {
      fr.push([k, 'k']);
      en.push(k);
    }
  }
  fr.reverse();
  const frText = fr.map(([w, g], i) => (i === 0 ? w : g === 'f' ? `de la ${w}` : g === 'm' ? `du ${w}` : `de ${w}`)).join(' ');
  return tx(frText, en.reverse().join(' of '));
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  innerType?: AnySchema;
  in?: AnySchema;
}

/**
 * A schema's definition, with the fields the walk reads (each present only on the kinds that
 * have it: `shape` on objects, `element` on arrays…), typed as zod's own definition is.
 */
function defOf(s: AnySchema): Def {
  const def: z.core.$ZodTypeDef & Partial<Omit<Def, 'type'>> = s._zod.def;
  return def;
}

/** The keys an object schema accepts at `path` (for "did you mean"). */
export function keysAt(schema: AnySchema, path: Path): string[] {
  let candidates: AnySchema[] = [schema];
  for (const key of path) {
    const next: AnySchema[] = [];
    for (const c of candidates.flatMap(unwrap)) {
      const d = defOf(c);
      if (d.type === 'object' && d.shape && typeof key === 'string' && key in d.shape) next.push(d.shape[key]);
      else if (d.type === 'array' && d.element && typeof key === 'number') next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    candidates = next;
  }
  const keys = new Set<string>();
  for (const c of candidates.flatMap(unwrap)) {
    const d = defOf(c);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

function unwrap(s: AnySchema): AnySchema[] {
  const d = defOf(s);
  if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
  if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.in) return unwrap(d.in);
  return [s];
}
