/**
 * Stable identifiers for the exports: hashes, name-based UUIDs and slugs. Same input, same
 * identifier, on every machine and every run (calendar clients and schedule readers match
 * entries by them).
 */
import { createHash } from 'node:crypto';

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** RFC 4122 namespace for URLs, the one the c3voc schema suggests for person guids. */
const NS_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID (RFC 4122 version 5: SHA-1 of namespace + name, version and variant bits
 * set). Same name, same UUID, on every machine and every run.
 */
export function uuidV5(name: string, namespace: string = NS_URL): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "Pêche : Conseil Régional" → "peche-conseil-regional": ASCII, lower case, `sep` between words. */
export function slugify(text: string, sep = '-'): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .split(sep)
    .filter(Boolean)
    .join(sep);
}

/** Cut a slug at a word boundary to at most `max` characters. */
export function truncateSlug(slug: string, max: number, sep = '-'): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf(sep);
  return (at > 0 ? cut.slice(0, at) : slug.slice(0, max)).replace(new RegExp(`[${sep}]+$`), '');
}
