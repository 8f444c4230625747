import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventFile } from '../src/project.js';
import { eventToJson } from '../src/model/json.js';
import { fixturesRoot } from './helpers.js';

const fixture = (name: string) => path.join(fixturesRoot, name, 'event.yaml');

describe('computed item times', () => {
  it('fills every start and end the way FORMAT.md says', async () => {
    const checked = await checkEventFile(fixture('computed-times'), 'event.yaml');
    expect(checked.diagnostics).toEqual([]);
    const json = eventToJson(checked.model!) as {
      days: Array<{ sessions: Array<{ start: string; end: string; items: Array<{ title: string; start: string; end: string }> }> }>;
    };
    const [morning, afternoon] = json.days[0].sessions;
    expect(morning.items.map((i) => [i.start, i.end])).toEqual([
      ['09:30', '09:50'], // slot 10min x 2 speakers
      ['09:50', '11:20'], // duration 1h30
      ['11:20', '11:30'], // end given
      ['11:30', '12:00'], // until the next item's given start
      ['12:00', '12:15'], // start given, duration as a bare number of minutes
    ]);
    expect([morning.start, morning.end]).toEqual(['09:30', '12:15']); // end derived from the items
    expect(afternoon.items.map((i) => [i.start, i.end])).toEqual([
      ['14:00', '14:30'],
      ['14:30', '15:00'], // the last item runs to the session end
    ]);
  });
});
