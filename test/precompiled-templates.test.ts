/**
 * coop's own templates precompiled at build time (dist/templates.cjs, see templates.ts): every
 * template is in it, and its code renders what Handlebars.compile's would.
 */
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { defaultTemplatesDir, precompiledTemplates } from '../src/render/templates.js';

type Spec = Parameters<typeof Handlebars.template>[0];

function hbsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? hbsFiles(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : [],
  );
}

describe('precompiled templates', () => {
  const module = { exports: {} as { key: string; specs: Array<[string, Spec]> } };
  vm.runInNewContext(precompiledTemplates(), { module });
  const { key, specs } = module.exports;

  it('hold every template and partial of coop, by text, with the compiler and helpers they were made for', () => {
    const texts = hbsFiles(defaultTemplatesDir).map((f) => readFileSync(f, 'utf8'));
    expect(specs.map(([t]) => t).sort()).toEqual(texts.sort());
    expect(key).toMatch(new RegExp(`^handlebars ${Handlebars.VERSION.replace(/\./g, '\\.')}; helpers t,date,`));
  });

  it('render what the template compiled at run time renders', () => {
    const hb = Handlebars.create();
    hb.registerHelper('t', (k: string) => `«${k}»`);
    hb.registerHelper('upper', (s: string) => s.toUpperCase());
    const text = '{{#each items}}<p>{{t "x"}} {{upper name}}{{#if @last}}.{{/if}}</p>{{/each}}';
    const module = { exports: {} as { specs: Array<[string, Spec]> } };
    vm.runInNewContext(
      `module.exports = { specs: [[${JSON.stringify(text)}, ${String(hb.precompile(text, { strict: true, knownHelpers: { t: true, upper: true }, knownHelpersOnly: true, data: true }))}]] };`,
      { module },
    );
    const data = { items: [{ name: 'a' }, { name: 'b' }] };
    const compiled = hb.compile(text, { strict: true, knownHelpers: { t: true, upper: true }, knownHelpersOnly: true })(data);
    expect(hb.template(module.exports.specs[0][1])(data)).toBe(compiled);
    expect(compiled).toBe('<p>«x» A</p><p>«x» B.</p>');
  });
});
