/** The minutes front matter (FORMAT.md §2) as zod schemas; objects are strict. */
import { z } from 'zod';
import { IsoDate, PersonRef, PersonRefs } from '../model/schema.js';
import { parseTime } from '../model/time.js';

/** "14:00-17:00", "14h-17h", "14 h 30 – 17 h" */
export const TimeRange = z
  .string()
  .transform((v, ctx) => {
    const parts = v.split(/\s*[-–—]\s*|\s+(?:à|to)\s+/);
    const start = parts.length === 2 ? parseTime(parts[0]) : undefined;
    const end = parts.length === 2 ? parseTime(parts[1]) : undefined;
    if (start === undefined || end === undefined || end <= start) {
      ctx.addIssue({ code: 'custom', message: 'timeRange' });
      return z.NEVER;
    }
    return { start, end };
  })
  .describe('A time range: "14:00-17:00", "14h-17h".');

export const MinutesFront = z.strictObject({
  kind: z.enum(['minutes', 'decisions', 'synthesis']).optional().describe('minutes (compte rendu, default) | decisions (relevé de décisions) | synthesis'),
  title: z.string().min(1),
  event: z.string().optional().describe('The event file people and organisations are resolved against, relative to this file.'),
  date: IsoDate,
  time: TimeRange.optional(),
  place: z.string().optional(),
  chair: PersonRefs.optional(),
  secretary: PersonRefs.optional(),
  present: z.array(PersonRef).optional(),
  excused: z.array(PersonRef).optional(),
  absent: z.array(PersonRef).optional(),
  attachments: z.array(z.string()).optional().describe('"Documents joints".'),
  distribution: z.array(z.string()).optional().describe('"Diffusion": present, excused, absent, or names.'),
  next_meeting: z
    .strictObject({ date: IsoDate, time: TimeRange.optional(), place: z.string().optional() })
    .optional(),
  status: z.enum(['draft', 'approved']).optional(),
  approved_on: IsoDate.optional(),
  locale: z.enum(['fr', 'en']).optional(),
});

export type MinutesFrontData = z.output<typeof MinutesFront>;
