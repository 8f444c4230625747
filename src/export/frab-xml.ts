/**
 * EventModel → frab schedule XML (the older sibling of the c3voc JSON, read by Giggity,
 * EventFahrplan, the engelsystem…; XSD: voc/schedule `validator/xsd/schedule.xml.xsd`).
 *
 * It is written from the c3voc JSON object, so both files always carry the same ids,
 * guids, slugs and times. Element order follows the XSD (`<xs:all>` for events allows any
 * order; the schedule and conference sequences are kept in the XSD's order).
 */
import type { EventModel } from '../model/event.js';
import { eventToScheduleJson, type ScheduleEvent, type ScheduleOptions } from './schedule-json.js';
import { append } from '../util/arrays.js';

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF) are dropped; the five special characters are escaped.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, value: string | number) => `<${name}>${escapeXml(String(value))}</${name}>`;
const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter((kv): kv is [string, string | number] => kv[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
// The XSD types every URL in the XML as http(s); a `urn:uuid:` from the JSON is left out.
const isHttp = (u: string | undefined): u is string => !!u && /^https?:\/\//.test(u);

function eventXml(e: ScheduleEvent, indent: string): string[] {
  const i = `${indent}  `;
  const lines = [
    `${indent}<event${attrs({ guid: e.guid, id: e.id })}>`,
    i + el('room', e.room),
    i + el('title', e.title),
    i + el('subtitle', e.subtitle ?? ''),
    i + el('type', e.type),
    i + el('date', e.date),
    i + el('start', e.start),
    i + el('duration', e.duration),
    i + el('abstract', e.abstract ?? ''),
    i + el('slug', e.slug),
    i + el('track', e.track ?? ''),
    i + el('language', e.language),
    i + el('description', e.description ?? ''),
  ];
  if (e.persons.length) {
    lines.push(`${i}<persons>`);
    for (const p of e.persons) lines.push(`${i}  <person${attrs({ guid: p.guid })}>${escapeXml(p.name)}</person>`);
    lines.push(`${i}</persons>`);
  } else lines.push(`${i}<persons/>`);
  lines.push(`${i}<links/>`, `${i}<attachments/>`);
  if (isHttp(e.url)) lines.push(i + el('url', e.url));
  lines.push(`${indent}</event>`);
  return lines;
}

export function eventToFrabXml(model: EventModel, options: ScheduleOptions = {}): string {
  const json = eventToScheduleJson(model, options);
  const c = json.schedule.conference;
  const guidOf = new Map(c.rooms.map((r) => [r.name, r.guid]));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    `  <generator${attrs({ name: json.generator.name, version: json.generator.version })}/>`,
  ];
  if (isHttp(c.url)) lines.push(`  ${el('url', c.url)}`);
  lines.push(`  ${el('version', json.schedule.version)}`, '  <conference>');
  lines.push(`    ${el('title', c.title)}`, `    ${el('acronym', c.acronym)}`);
  if (c.start) lines.push(`    ${el('start', c.start)}`);
  if (c.end) lines.push(`    ${el('end', c.end)}`);
  lines.push(`    ${el('days', c.daysCount)}`, `    ${el('timeslot_duration', c.timeslot_duration)}`);
  if (isHttp(c.url)) lines.push(`    ${el('url', c.url)}`);
  if (c.time_zone_name) lines.push(`    ${el('time_zone_name', c.time_zone_name)}`);
  lines.push('  </conference>');
  for (const day of c.days) {
    lines.push(`  <day${attrs({ index: day.index, date: day.date, start: day.day_start, end: day.day_end })}>`);
    for (const [name, events] of Object.entries(day.rooms)) {
      lines.push(`    <room${attrs({ name, guid: guidOf.get(name) })}>`);
      for (const e of events) append(lines, eventXml(e, '      '));
      lines.push('    </room>');
    }
    lines.push('  </day>');
  }
  lines.push('</schedule>');
  return lines.join('\n') + '\n';
}
