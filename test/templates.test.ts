import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const dir = path.join(import.meta.dirname, 'fixtures', 'templates');
const build = async (templates: string) => {
  const out = mkdtempSync(path.join(tmpdir(), 'coop-tpl-'));
  const r = await run(['build', 'event.yaml', '-o', out, '--only', 'programme.html,programme.pdf', '--templates', templates], dir);
  return { ...r, out };
};

describe('user templates', () => {
  it('override a default partial by file name, with the documented helpers', async () => {
    const r = await build('ok');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(r.out, 'programme.html'), 'utf8');
    expect(html).toContain('★ EXPOSÉ');
    expect(html).toContain('Anne LEFÈVRE (invitée)');
    expect(html).toContain('<h1>Modèles</h1>'); // the rest is the default programme
  });

  it('report a misspelled field with the template’s file:line, and write nothing', async () => {
    const r = await build('typo');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('typo/programme/programme.hbs:4:');
    expect(r.stderr).toContain('template/invalid');
    expect(r.stderr).toContain('{{sesions.length}}'); // the template line, under the message
    expect(r.stderr).toContain('misspelled');
    expect(readdirSync(r.out)).toEqual([]);
  });

  it('cannot reach prototypes', async () => {
    const r = await build('proto');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(r.out, 'programme.html'), 'utf8');
    expect(html).toContain('<p>Exposé [] []</p>');
    expect(html).not.toContain('function');
  });

  it('may use only coop’s helpers', async () => {
    const r = await build('helper');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown helper "shout"');
    expect(r.stderr).toContain('helper/partials/item.hbs:1:');
  });

  it('must stay inside the project folder', async () => {
    const r = await build('../../../..');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('est hors du dossier du projet');
  });
});
