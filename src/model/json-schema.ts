/** The JSON Schema of the event file, generated from the zod schemas (for editors and CI). */
import * as z from 'zod';
import { EventFile } from './schema.js';

export function eventJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(EventFile, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://coop.invalid/schema/event.schema.json',
    title: 'coop event file',
    description: 'A seminar, conference, workshop or meeting programme for coop (see docs/FORMAT.md).',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
