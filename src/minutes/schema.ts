/** The minutes front matter (FORMAT.md §2 and §5.2) as zod schemas; objects are strict. */
import * as z from 'zod';
import { Civility, InlinePerson, IsoDate, Organisation, Person, PersonRefs, VisibleText } from '../model/schema.js';
import { parseTime } from '../model/time.js';

/**
 * The time of a meeting as people write it: "14:00-17:00", "14h-17h", "14 h 30 – 17 h",
 * "de 15h30 à 17h30", "from 15:30 to 17:30"; or a start alone, "15h30", "à 15h30".
 */
export const TimeRange = z
  .string()
  .transform((v, ctx) => {
    const written = v
      .trim()
      .replace(/^(?:de|from|à partir de|à|at)\s+/i, '')
      .replace(/\.$/, '');
    const parts = written.split(/\s*[-–—]\s*|\s+(?:à|a|to|jusqu’à|jusqu'à)\s+/i);
    const start = parts.length <= 2 ? parseTime(parts[0]) : undefined;
    const end = parts.length === 2 ? parseTime(parts[1]) : null;
    if (start === undefined || end === undefined || (end !== null && end <= start)) {
      ctx.addIssue({ code: 'custom', message: 'timeRange' });
      return z.NEVER;
    }
    return { start, end };
  })
  .describe('The time of the meeting: "14:00-17:00", "14h-17h", "de 15h30 à 17h30", or a start alone, "15h30".');

/** An organisation present (or excused, absent) without a named person: `{ org: arf }`. */
export const OrgPresence = z
  .strictObject({
    org: VisibleText.describe('An organisation id, or a plain organisation name.'),
    role: z.string().optional().describe("The unnamed representative's function, when known."),
    civility: Civility.optional().describe('The unnamed representative\'s civility ("la représentante": Mme), for agreement.'),
  })
  .describe('An organisation represented by someone unnamed.');

/** Who attends: a person id, an inline person, or an organisation without a named person. */
export const Participant = z
  .union([VisibleText, InlinePerson, OrgPresence])
  .describe('A person id from `people`, an inline person { name, role, org }, or an organisation without a named person { org }.');

export const Proxy = z
  .strictObject({
    from: Participant.describe('The member who gives the proxy (printed "représenté·e par …").'),
    to: Participant.describe('The member present who holds it.'),
  })
  .describe('A proxy (pouvoir): a member represented by another.');

export const MinutesFront = z.strictObject({
  kind: z
    .enum(['minutes', 'decisions', 'synthesis', 'pv'])
    .optional()
    .describe('minutes (compte rendu, default) | decisions (relevé de décisions) | synthesis | pv (procès-verbal)'),
  title: VisibleText,
  event: z.string().optional().describe('The event file people and organisations are also resolved against, relative to this file.'),
  organisers: z.array(z.string()).optional().describe('Organisation ids or plain names: the body that holds the meeting (the PDF author).'),
  date: IsoDate,
  time: TimeRange.optional(),
  place: z.string().optional(),
  chair: PersonRefs.optional(),
  secretary: PersonRefs.optional(),
  present: z.array(Participant).optional(),
  excused: z.array(Participant).optional(),
  absent: z.array(Participant).optional(),
  members: z.number().int().positive().optional().describe('Procès-verbal: the number of voting members.'),
  quorum: z.number().int().positive().optional().describe('Procès-verbal: the number of members, present or represented, required.'),
  proxies: z.array(Proxy).optional().describe('Procès-verbal: proxies, [{ from, to }].'),
  attachments: z.array(z.string()).optional().describe('"Documents joints".'),
  distribution: z.array(z.string()).optional().describe('"Diffusion": present, excused, absent, or names.'),
  next_meeting: z.strictObject({ date: IsoDate, time: TimeRange.optional(), place: z.string().optional() }).optional(),
  status: z.enum(['draft', 'approved']).optional(),
  approved_on: IsoDate.optional(),
  locale: z.enum(['fr', 'en']).optional(),
  organisations: z.record(z.string(), Organisation).optional().describe('Organisations of standalone minutes (id -> organisation), as in an event file.'),
  people: z.record(z.string(), Person).optional().describe('People of standalone minutes (id -> person), as in an event file.'),
});

export type MinutesFrontData = z.output<typeof MinutesFront>;
export type ParticipantData = z.output<typeof Participant>;

/** The JSON Schema of the front matter (for editors and CI), generated like the event's. */
export function minutesJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MinutesFront, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://coop.invalid/schema/minutes.schema.json',
    title: 'coop minutes front matter',
    description: 'The YAML front matter of minutes, a relevé de décisions or a procès-verbal for coop (see docs/FORMAT.md).',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
