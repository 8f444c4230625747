import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvModule from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { eventJsonSchema } from '../src/model/json-schema.js';
import { eventOutputs } from '../src/build.js';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
type AjvType = typeof AjvModule.default;
const AjvClass: AjvType = (AjvModule as unknown as { default?: AjvType }).default ?? (AjvModule as unknown as AjvType);

describe('coop schema', () => {
  it('prints the JSON Schema, identical to the committed schema/event.schema.json', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(readFileSync(path.join(repo, 'schema', 'event.schema.json'), 'utf8')).toBe(r.stdout); // regenerate: coop schema > schema/event.schema.json
  });

  it('validates every example, and rejects what coop rejects', () => {
    const ajv = new AjvClass({ strict: false, allErrors: true });
    const validate = ajv.compile(eventJsonSchema());
    // Standalone minutes (a meeting without an event) have no event.yaml.
    const examples = readdirSync(path.join(repo, 'examples'))
      .map((d) => path.join(repo, 'examples', d, 'event.yaml'))
      .filter((f) => existsSync(f));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const file of examples) {
      const ok = validate(load(readFileSync(file, 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ event: { title: 'T', titel: 'x' }, days: [] })).toBe(false); // unknown key
    expect(validate({ event: { title: 'T' }, days: [{ date: '2012-03-01', sessions: [{ title: 'S', room: 3 }] }] })).toBe(false);
    const first = readFileSync(examples[0], 'utf8').split('\n')[0];
    expect(first).toMatch(/^# yaml-language-server: \$schema=/);
  });
});

describe('coop init', () => {
  it('writes a working event and minutes, then refuses to overwrite them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-init-'));
    const init = await run(['init', 'projet'], dir);
    expect(init.code).toBe(0);
    const event = readFileSync(path.join(dir, 'projet', 'event.yaml'), 'utf8');
    expect(event.split('\n')[0]).toBe('# yaml-language-server: $schema=./event.schema.json');
    const built = await run(['build', 'projet/event.yaml', '-o', 'out'], dir);
    expect(built.code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(
      [...eventOutputs, 'reunion-du-bureau.html', 'reunion-du-bureau.pdf', 'reunion-du-bureau.docx'].sort(),
    );
    const again = await run(['init', 'projet'], dir);
    expect(again.code).toBe(2);
    expect(readFileSync(path.join(dir, 'projet', 'event.yaml'), 'utf8')).toBe(event);
  });
});
