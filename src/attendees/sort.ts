/**
 * French name order for attendee lists and sign-in sheets: by family name, then given name,
 * the way a French secretariat files them. The family name is the word (or words) written in
 * capitals ("Pierre de SAINTIGNON", "DUPONT Jean"); nobiliary particles ("de", "du", "d'",
 * "van", "von") are not part of the sort key, so M. de SAINTIGNON is filed under S. Accents,
 * ligatures and case are ignored by the collator (É with E, Œ with OE).
 */
import { fold } from '../util/names.js';

export interface NameParts {
  /** Given name(s), in the order written ("Jean-Paul"); '' when none. */
  given: string;
  /** Family name without its particle ("SAINTIGNON", "LA FONTAINE"); '' only for an empty name. */
  family: string;
  /** The particle(s) written before the family name ("de", "d'", "van der"); '' when none. */
  particle: string;
}

/**
 * Particles that are always particles, whatever their case: "De SAINTIGNON" and
 * "de SAINTIGNON" are the same person, filed under S.
 */
const STRONG_PARTICLES = new Set(['de', "d'", 'd’', 'du', 'des', 'van', 'von', 'der', 'den', 'ter', 'zu']);
/**
 * Articles: in French usage the article is part of the name when capitalised ("Jean de
 * LA FONTAINE" is filed under L, "Marine LE PEN" under L), but a particle when written in
 * lowercase ("Anne le GOFF" as the user typed it). We follow what the user wrote.
 */
const ARTICLES = new Set(['le', 'la', 'les']);

const LETTER = /\p{L}/gu;

/**
 * A word written in capitals: at least two letters, all upper case ("DUPONT", "D'ALEMBERT",
 * "BACHY-ROUX"). A check splits every attendee's name (2,000 in the bench's event): an ASCII
 * word is decided a character at a time, without the regular expression and the two case
 * mappings (`isCapsByRule`, which any other word takes; test/attendees.test.ts compares both).
 */
export function isCaps(word: string): boolean {
  let letters = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // A lowercase a–z: no character upper-cases to one, so the word differs from its upper case.
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x80) return isCapsByRule(word);
    if (c >= 0x41 && c <= 0x5a) letters++;
  }
  // ASCII without a–z is its own upper case, and with a letter A–Z not its own lower case.
  return letters >= 2;
}

/** `isCaps` as a rule, for any text. */
export function isCapsByRule(word: string): boolean {
  const letters = word.match(LETTER);
  return letters !== null && letters.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function isStrongParticle(word: string): boolean {
  return STRONG_PARTICLES.has(word.toLowerCase());
}

/** A particle as the user wrote it: strong particles in any case, articles only in lowercase. */
function isParticle(word: string): boolean {
  return isStrongParticle(word) || ARTICLES.has(word);
}

/** Words, with a glued elision split off: "d'ALEMBERT" → "d'", "ALEMBERT". */
function words(name: string): string[] {
  const out: string[] = [];
  for (const w of name.trim().split(/\s+/u)) {
    if (w === '') continue;
    // Only a word that starts with d' or d’ can be split (tested first: most names have none).
    const c0 = w.charCodeAt(0);
    const c1 = w.charCodeAt(1);
    const m = (c0 === 0x64 || c0 === 0x44) && (c1 === 0x27 || c1 === 0x2019) ? /^([dD]['’])(\p{L}.*)$/u.exec(w) : null;
    if (m) out.push(m[1], m[2]);
    else out.push(w);
  }
  return out;
}

/** Join words back, without a space after an elided particle ("d'" + "ALEMBERT"). */
function join(ws: string[]): string {
  let s = '';
  for (const w of ws) {
    const last = s.charCodeAt(s.length - 1);
    s += s === '' || last === 0x27 || last === 0x2019 ? w : ` ${w}`;
  }
  return s;
}

/**
 * A family name as printed in a list: in capitals, leading particles in lowercase
 * ("de Saintignon" → "de SAINTIGNON", "D'Alembert" → "d'ALEMBERT", "van der Berg" →
 * "van der BERG"). A capitalised article is part of the name ("La Fontaine" → "LA FONTAINE");
 * one the user wrote in lowercase stays a lowercase particle ("le Goff" → "le GOFF").
 */
export function formatFamilyName(family: string): string {
  const ws = words(family);
  const out: string[] = [];
  let i = 0;
  while (i < ws.length - 1 && isParticle(ws[i])) out.push(ws[i++].toLowerCase());
  for (; i < ws.length; i++) out.push(ws[i].toUpperCase());
  return join(out);
}

/**
 * Split a name as printed into given name, particle and family name.
 *
 * - The family name is the first run of words in capitals: "Pierre de SAINTIGNON" →
 *   given "Pierre", particle "de", family "SAINTIGNON"; "DUPONT Jean" → family "DUPONT",
 *   given "Jean"; "Jean de LA FONTAINE" → family "LA FONTAINE".
 * - With no word in capitals (or a name written all in capitals, where capitals tell nothing),
 *   the last word is the family name, with any capitalised article just before it
 *   ("Jean de La Fontaine" → "La Fontaine"), and the particles before that.
 */
export function splitName(name: string): NameParts {
  const ws = words(name);
  if (ws.length === 0) return { given: '', family: '', particle: '' };
  const first = ws.findIndex(isCaps);
  const allCaps = first !== -1 && ws.every((w) => isCaps(w) || isParticle(w));
  if (first !== -1 && !(allCaps && ws.length > 1)) {
    let end = first;
    // "GISCARD D'ESTAING": an elided particle between words in capitals belongs to the name.
    while (end < ws.length && (isCaps(ws[end]) || (/^[dD]['’]$/u.test(ws[end]) && end + 1 < ws.length && isCaps(ws[end + 1])))) end++;
    const family = ws.slice(first, end);
    // "Pierre DE SAINTIGNON": a particle typed in capitals is still a particle.
    const upperParticles: string[] = [];
    while (family.length > 1 && isStrongParticle(family[0])) upperParticles.push(family.shift() as string);
    let start = first;
    while (start > 0 && isParticle(ws[start - 1])) start--;
    return {
      given: join([...ws.slice(0, start), ...ws.slice(end)]),
      family: join(family),
      particle: join([...ws.slice(start, first), ...upperParticles]),
    };
  }
  let start = ws.length - 1;
  // A capitalised article belongs to the name ("La Fontaine", "LE PEN").
  while (start > 0 && ARTICLES.has(ws[start - 1].toLowerCase()) && ws[start - 1] !== ws[start - 1].toLowerCase()) start--;
  let particleStart = start;
  while (particleStart > 0 && isParticle(ws[particleStart - 1])) particleStart--;
  return {
    given: join(ws.slice(0, particleStart)),
    family: join(ws.slice(start)),
    particle: join(ws.slice(particleStart, start)),
  };
}

/**
 * The sort key: family name, a tab, given name. The tab sorts before any space, hyphen or
 * letter in the collator, so a family name that is a prefix of another comes first
 * ("LA\tZoé" before "LA FONTAINE\tJean", "DUPONT\tJean" before "DUPONTEL\tAnne"): that is
 * "by family name, then given name", not letter by letter over the whole string.
 */
export function familySortKey(name: string): string {
  // Memoised: sorting 2,000 attendees asks for each name's key some twenty times.
  let key = sortKeys.get(name);
  if (key === undefined) {
    const { given, family } = splitName(name);
    key = `${family}\t${given}`;
    if (sortKeys.size > 100_000) sortKeys.clear();
    sortKeys.set(name, key);
  }
  return key;
}

const sortKeys = new Map<string, string>();

/**
 * French collation at base strength: accents, ligatures (Œ = OE) and case are ignored. Made on
 * first use (the first collator of a process costs ~10 ms of ICU data; a check sorts no names).
 */
let collator: Intl.Collator | undefined;
/** Tie-break for names equal at base strength, so that the order never depends on the input order. */
let strict: Intl.Collator | undefined;

/** Compare two names as printed, by family name then given name (for `Array.prototype.sort`). */
export function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator('fr', { sensitivity: 'base', ignorePunctuation: false });
  strict ??= new Intl.Collator('fr', { sensitivity: 'variant', ignorePunctuation: false });
  const c = collator.compare(familySortKey(a), familySortKey(b));
  if (c !== 0) return c;
  // Same person for the reader ("Pierre de SAINTIGNON" / "Pierre SAINTIGNON", "Éric" / "Eric"):
  // still order them the same way every time, so that builds are reproducible.
  return strict.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The identity of a name for merging lists (FORMAT.md §5.1, "same person, same name"): family
 * and given names, accents, case and hyphens folded, in whatever order they were written
 * ("DESHAYES Marie" = "Marie Deshayes" = "Marie DESHAYES"). "Li WEI" and "Wei LI" differ: the
 * family name is not the same one.
 */
export function personNameKey(name: string): string {
  // Memoised: a check merges the attendees with the people twice (after the event file, after
  // its attendee files: 2 x 2,044 names in the bench's event), the lists of a build again.
  let key = personKeys.get(name);
  if (key === undefined) {
    const { given, family } = splitName(name);
    // `fold`: accents and marks dropped, lower case, each run of non-letters one space (a Latin
    // name through its table, without normalising the string).
    key = `${fold(family)}|${fold(given)}`;
    if (personKeys.size > 100_000) personKeys.clear();
    personKeys.set(name, key);
  }
  return key;
}

const personKeys = new Map<string, string>();
