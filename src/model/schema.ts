/**
 * The event file format (FORMAT.md §1) as zod schemas. Objects are strict: an unknown
 * key is an error, reported with a "did you mean" suggestion.
 */
import * as z from 'zod';
import { isRealDate, parseDuration, parseTime } from './time.js';
import { hasVisibleText } from '../source/clean.js';
import { isTimeZone } from '../util/time-zones.js';

// No code generated with `new Function` for object schemas: coop validates each file once per
// process, so compiling a fast path costs more than it saves (loading the seminar example: 72
// against 107 ms, median of 5; the 10,000-item event is not slower either).
z.config({ jitless: true });

const text = z
  .string()
  .min(1, 'expected a non-empty text')
  // A name of a space, a NUL or a zero-width space is no name (issue #13).
  .refine((s) => s === '' || hasVisibleText(s), { message: 'invisible' });

/** A text with something to see (minutes' titles and names use it too). */
export const VisibleText = text;

export const Time = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const t = parseTime(v);
    if (t === undefined) {
      ctx.addIssue({ code: 'custom', message: 'time' }); // worded in zod-issues.ts, in both languages
      return z.NEVER;
    }
    return t;
  })
  .describe('A time of day: "09:30", "9:30", "9h30", "9h" or "09 h 30".');

export const Duration = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const d = parseDuration(v);
    if (d === undefined) {
      ctx.addIssue({ code: 'custom', message: 'duration' });
      return z.NEVER;
    }
    return d;
  })
  .describe('A duration: "10min", "10 min", "1h", "1h30", "90m", or a whole number of minutes.');

export const IsoDate = z
  .string()
  .refine((s) => isRealDate(s), { message: 'date' })
  .describe('An ISO calendar date, YYYY-MM-DD.');

export const Civility = z.enum(['M.', 'Mme']).describe('M. or Mme: used for French agreement (pressenti / pressentie).');

export const InlinePerson = z
  .strictObject({
    name: text.describe('The name as printed, family name usually in capitals: Michel DELEBARRE.'),
    civility: Civility.optional(),
    role: z.string().optional().describe('Function, as printed after the name.'),
    org: z.string().optional().describe('An organisation id, or a plain organisation name.'),
    email: z.string().optional(),
    phone: z.string().optional(),
  })
  .describe('A person written inline.');

export const PersonRef = z.union([text, InlinePerson]).describe('A person: an id from `people`, or an inline person { name, role, org }.');

export const PersonRefs = z.union([PersonRef, z.array(PersonRef)]).describe('One person or a list of persons.');

export const SpeakerStatus = z
  .enum(['confirmed', 'tentative', 'unconfirmed', 'declined'])
  .describe('confirmed (default), tentative (pressenti·e), unconfirmed (sous réserve), declined.');

export const SpeakerObject = z
  .strictObject({
    person: z.string().optional().describe('A person id from `people`.'),
    name: z.string().optional().describe('An inline speaker name (no `people` entry).'),
    civility: Civility.optional(),
    role: z.string().optional(),
    org: z.string().optional().describe('An organisation id or name; alone, the organisation speaks (no named person yet).'),
    email: z.string().optional(),
    phone: z.string().optional(),
    status: SpeakerStatus.optional(),
    or_representative: z.boolean().optional().describe('Printed "(ou son représentant)".'),
    // Second release (FORMAT.md §5.1).
    topic: text.optional().describe('What the speaker talks about, printed with the speaker.'),
    represented_by: PersonRef.optional().describe(
      'The person who speaks in this person\'s place: printed "X, …, représenté par Y, …"; Y is the one booked for every check.',
    ),
  })
  .refine((s) => s.person !== undefined || s.name !== undefined || s.org !== undefined, { message: 'speaker' });

export const Speaker = z.union([text, SpeakerObject]).describe('A speaker: a person id, or { person | name | org, status, or_representative }.');

/** A language code (BCP 47, as ISO 639 with an optional region or script): fr, zh, en-GB, zh-Hant. */
export const LanguageCode = z
  .string()
  .refine((v) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), { message: 'language' })
  .describe('A language code: fr, en, zh, ar, es, pt-BR…');

export const ItemKind = z.enum(['talk', 'debate', 'welcome', 'keynote', 'roundtable', 'break', 'discussion', 'meal']);
export const SessionKind = z.enum(['plenary', 'workshop', 'roundtable', 'break', 'meal']);

export const Item = z.strictObject({
  label: z.union([z.string(), z.number()]).optional().describe('Printed before the title: "a", "b"...'),
  title: text,
  kind: ItemKind.optional().describe('talk (default) | debate | welcome | keynote | roundtable | break | discussion | meal'),
  start: Time.optional().describe('Default: the end of the previous item, or the session start.'),
  end: Time.optional(),
  duration: Duration.optional(),
  speakers: z.array(Speaker).optional(),
  description: z.string().optional().describe('Markdown.'),
});

export const Session = z.strictObject({
  id: z.string().optional(),
  number: z.union([z.string(), z.number()]).optional().describe('A label printed before the title: I, II...'),
  title: text,
  kind: SessionKind.optional(),
  room: z.string().optional().describe('A room id; sessions in different rooms may run in parallel.'),
  start: Time.optional(),
  end: Time.optional(),
  slot: Duration.optional().describe('Default duration per speaker ("10 minutes par intervenant").'),
  chair: PersonRefs.optional(),
  rapporteur: PersonRefs.optional(),
  description: z.string().optional().describe('Markdown.'),
  items: z.array(Item).optional(),
  // Second release (FORMAT.md §5.1).
  languages: z.array(LanguageCode).min(1).optional().describe('The languages the session runs in: [fr, zh].'),
  interpretation: z.boolean().optional().describe("Interpretation between the session's languages is provided."),
});

export const Day = z.strictObject({
  date: IsoDate,
  title: z.string().optional(),
  sessions: z.array(Session),
});

export const Venue = z.union([
  text,
  z.strictObject({
    name: text,
    address: z.string().optional(),
    city: z.string().optional(),
  }),
]);

/** The languages coop has printed labels for (src/render/labels.ts). */
export const LabelLocale = z.enum(['fr', 'en', 'zh']);

export const CheckLevel = z.enum(['off', 'info', 'warning', 'error']);

export const EventInfo = z.strictObject({
  title: text,
  subtitle: z.string().optional(),
  kind: z.enum(['seminar', 'conference', 'workshop', 'meeting']).optional(),
  organisers: z.array(z.string()).optional().describe('Organisation ids or plain names.'),
  support: z.array(z.string()).optional().describe('"Avec le soutien de": organisation ids or plain names.'),
  audience: z.string().optional(),
  capacity: z.number().int().positive().optional(),
  locale: z.enum(['fr', 'en']).optional(),
  logos: z
    .array(
      z.strictObject({
        file: z.string().min(1).describe('A PNG or JPEG file inside the project folder (relative to this file).'),
        alt: z.string().optional().describe('What the logo says, for a screen reader ("Cités Unies France"); without it: a11y/image-alt.'),
      }),
    )
    .max(30)
    .optional()
    .describe('Logos printed in a row at the top of the programme (organisers, partners).'),
  timezone: z
    .string()
    .refine((tz) => isTimeZone(tz), { message: 'timezone' })
    .optional()
    .describe('An IANA time zone name, default Europe/Paris.'),
  venue: Venue.optional(),
  description: z.string().optional().describe('Markdown.'),
  questions: z.array(z.string()).optional(),
  // Second release (FORMAT.md §5.1).
  labels_also: LabelLocale.optional().describe('A second language for the labels coop prints (Animation / 主持): zh, en or fr. Content is printed as written.'),
});

export const Organisation = z.strictObject({
  name: text,
  short: z.string().optional(),
  url: z.string().optional(),
});

export const Person = z.strictObject({
  name: text,
  civility: Civility.optional(),
  role: z.string().optional(),
  org: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export const Room = z.strictObject({
  name: text,
  capacity: z.number().int().positive().optional(),
  // Second release (FORMAT.md §5.1): an off-site room; calendars and schedules use it instead of the venue's.
  address: z.string().optional().describe("The room's own address, when it is not at the venue."),
  city: z.string().optional(),
});

export const AttendeeFile = z.strictObject({
  file: text.describe('A CSV (UTF-8, Windows-1252, ISO-8859-15 or UTF-16 with BOM), .xlsx or .ods attendee list, relative to this file.'),
  sheet: z
    .union([text, z.number().int().min(1)])
    .optional()
    .describe('For a workbook: the sheet to read, by name or by position (1 = first tab). Default: the first visible sheet.'),
  name_order: z
    .enum(['given-first', 'family-first'])
    .optional()
    .describe('How a CSV with two name columns prints names: "Prénom NOM" (given-first, default) or "NOM Prénom" (family-first: LI Na).'),
});
export const Attendee = z.union([text, InlinePerson, AttendeeFile]);

const ListColumn = z.enum(['name', 'family', 'given', 'civility', 'role', 'org', 'email', 'phone']);
const SheetColumn = z.enum(['name', 'family', 'given', 'civility', 'role', 'org']);

/** Per-document options. Contact details (e-mail, phone) print only where asked; never on the sign-in sheet. */
export const Documents = z.strictObject({
  pdfa: z.boolean().optional().describe('Every PDF of the event, and of the minutes that link to it, also PDF/A-2 level A (archiving), as with --pdfa.'),
  participants: z
    .strictObject({
      group_by: z.enum(['none', 'org']).optional().describe('Group the list by organisation.'),
      columns: z.array(ListColumn).min(1).optional().describe('Default: family, given, role, org.'),
      with_contacts: z.boolean().optional().describe('Add e-mail and phone columns (RGPD: only for lists that do not circulate).'),
    })
    .optional(),
  emargement: z
    .strictObject({
      columns: z.array(SheetColumn).min(1).optional().describe('Default: family, given, role, org. Never contact details.'),
      blank_rows: z.number().int().min(0).max(500).optional().describe('Empty rows for walk-ins (default 5).'),
    })
    .optional(),
  intervenants: z.strictObject({ with_contacts: z.boolean().optional() }).optional(),
  badges: z
    .strictObject({
      layout: z.enum(['2x4', '2x5']).optional().describe('Badges per A4 sheet: 2x4 (105 x 74 mm) or 2x5 (105 x 59 mm).'),
      blank: z.number().int().min(0).max(500).optional().describe('Blank badges for walk-ins.'),
      speakers: z.boolean().optional().describe('Also a badge for every speaker, chair and rapporteur who is not an attendee (default true).'),
    })
    .optional(),
  // The timetable grid (issue #18, FORMAT.md §5.4).
  grille: z
    .strictObject({
      paper: z.enum(['a4', 'a3']).optional().describe('Paper of grille.pdf, landscape: a4 (default, up to 8 rooms side by side) or a3 (up to 12).'),
    })
    .optional(),
  programme: z
    .strictObject({
      grid: z.boolean().optional().describe('Start the programme with the timetable grid of each day (default false).'),
    })
    .optional(),
});

export const EventFile = z.strictObject({
  event: EventInfo,
  organisations: z.record(z.string(), Organisation).optional(),
  people: z.record(z.string(), Person).optional(),
  rooms: z.record(z.string(), Room).optional(),
  attendees: z.array(Attendee).optional(),
  minutes: z.array(z.string()).optional(),
  checks: z.record(z.string(), CheckLevel).optional().describe('Rule id -> off | info | warning | error.'),
  documents: Documents.optional(),
  templates: z.string().optional().describe('A folder of templates that override the defaults by file name (relative to this file).'),
  days: z.array(Day).min(1, 'expected at least one day'),
});

export type EventFileInput = z.input<typeof EventFile>;
export type EventFileData = z.output<typeof EventFile>;
export type DocumentsData = z.output<typeof Documents>;
export type SpeakerData = z.output<typeof Speaker>;
export type PersonRefData = z.output<typeof PersonRef>;
export type InlinePersonData = z.output<typeof InlinePerson>;
