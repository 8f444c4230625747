/**
 * The one "made at" date of every output (PDF metadata, Word properties, calendar DTSTAMP,
 * schedule generation time), so that two builds of the same input give the same bytes:
 * SOURCE_DATE_EPOCH when it is set to a whole number of seconds (the reproducible-builds.org
 * convention: "1.5", "-5" or "soon" are not, and are ignored), else midnight UTC of `day`
 * (YYYY-MM-DD: an event's first day, a meeting's date), else the Unix epoch.
 */
export function reproducibleDate(env: NodeJS.ProcessEnv, day: string | undefined): Date {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw !== undefined && /^\d+$/.test(raw)) return new Date(Number(raw) * 1000);
  const d = day === undefined ? new Date(0) : new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}
