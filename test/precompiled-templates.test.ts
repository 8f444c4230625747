/**
 * coop's own templates precompiled at build time (dist/templates.cjs, see templates.ts): every
 * template is in it, the file is what the templates give today, and its code renders what
 * run-time compilation renders, with coop's helpers, on the data of real documents.
 */
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { trackActions } from '../src/actions.js';
import { compareEvents } from '../src/diff/compare.js';
import { noticeDocument } from '../src/diff/notice.js';
import { loadEventFile } from '../src/load.js';
import { checkProject } from '../src/project.js';
import { actionsDocument } from '../src/render/actions.js';
import { badgesDocument, emargementDocument, participantsDocument, speakersDocument } from '../src/render/attendees.js';
import { toHtmlPage, type DocumentTree } from '../src/render/document.js';
import { grilleDocument } from '../src/render/grille.js';
import { minutesDocument } from '../src/render/minutes.js';
import { programmeDocument } from '../src/render/programme.js';
import { coopHandlebars, compileOptions, defaultTemplatesDir, precompiledFile, precompiledTemplates, Templates } from '../src/render/templates.js';
import { exampleInputs, fixturesRoot } from './helpers.js';

type Spec = Parameters<typeof Handlebars.template>[0];

function hbsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? hbsFiles(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : [],
  );
}

/** The templates a real rendering asks for, with the data it gives them. */
class Recording extends Templates {
  readonly calls: Array<[string, unknown]> = [];
  override render(name: string, data: unknown): string {
    this.calls.push([name, data]);
    return super.render(name, data);
  }
}

/** Every document of every example (and of an English event, and a diff and an actions list), rendered through `templates`. */
async function renderEverything(templates: Templates): Promise<void> {
  const repo = path.join(import.meta.dirname, '..');
  const examples = readdirSync(path.join(repo, 'examples')).flatMap((d) => exampleInputs(d));
  const inputs = [...examples, path.join(fixturesRoot, 'locale-en', 'event.yaml')].map((abs) => ({ abs, display: path.relative(repo, abs) }));
  const html = (doc: DocumentTree) => toHtmlPage(templates, doc);
  const minutesModels = [];
  for (const input of inputs) {
    const { events, minutes } = await checkProject([input], { cwd: path.dirname(input.abs), env: {} });
    for (const { checked } of events) {
      const m = checked.model!;
      for (const make of [programmeDocument, grilleDocument, participantsDocument, emargementDocument, speakersDocument, badgesDocument]) {
        html(make(m, templates, { draft: true, withContacts: true }));
      }
    }
    for (const { checked } of minutes) {
      minutesModels.push(checked.model!);
      html(minutesDocument(checked.model!, templates, { draft: false }));
    }
  }
  const diff = path.join(fixturesRoot, 'diff-universites-automne');
  const [before, after] = await Promise.all(['old.yaml', 'new.yaml'].map((f) => loadEventFile(path.join(diff, f), f)));
  const changes = compareEvents({ model: before.model!, source: before.source! }, { model: after.model!, source: after.source! });
  html(noticeDocument(after.model!, changes, templates, { date: '2026-03-02' }));
  const tracked = trackActions(minutesModels, '2026-03-02');
  html(
    actionsDocument(minutesModels, { open: tracked.filter((a) => !a.done), closed: tracked.filter((a) => a.done) }, templates, {
      today: '2026-03-02',
      locale: 'fr',
    }),
  );
}

describe('precompiled templates', () => {
  const module = { exports: {} as { key: string; specs: Array<[string, Spec]> } };
  vm.runInNewContext(precompiledTemplates(), { module });
  const { key, specs } = module.exports;
  const files = hbsFiles(defaultTemplatesDir);

  it('hold every template and partial of coop, by text, with the compiler and helpers they were made for', () => {
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    expect(specs.map(([t]) => t).sort()).toEqual(texts.sort());
    expect(key).toMatch(new RegExp(`^handlebars ${Handlebars.VERSION.replace(/\./g, '\\.')}; helpers t,date,`));
  });

  it.skipIf(!existsSync(precompiledFile))('dist/templates.cjs is what the templates give today (else run `npm run build`)', () => {
    expect(readFileSync(precompiledFile, 'utf8') === precompiledTemplates(), `${precompiledFile} is stale: run \`npm run build\``).toBe(true);
  });

  it('render what the templates compiled at run time render, on the data of every document of the examples', async () => {
    const recording = new Recording();
    await renderEverything(recording);
    const byName = new Map(files.map((f) => [path.relative(defaultTemplatesDir, f).split(path.sep).join('/'), readFileSync(f, 'utf8')]));
    // Every template but the partials was asked for (the partials through them).
    expect(new Set(recording.calls.map(([name]) => name))).toEqual(new Set([...byName.keys()].filter((n) => !n.startsWith('partials/'))));

    const precompiled = new Map(specs);
    /** coop's helpers and partials, each template made by `make`. */
    const environment = (make: (hb: typeof Handlebars, text: string) => Handlebars.TemplateDelegate) => {
      const hb = coopHandlebars();
      for (const [name, text] of byName) if (name.startsWith('partials/')) hb.registerPartial(path.basename(name, '.hbs'), make(hb, text));
      const made = new Map<string, Handlebars.TemplateDelegate>();
      return (name: string, data: unknown) => {
        let fn = made.get(name);
        if (!fn) made.set(name, (fn = make(hb, byName.get(name)!)));
        return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      };
    };
    const fromBuild = environment((hb, text) => hb.template(precompiled.get(text)!));
    const atRunTime = environment((hb, text) => hb.compile(text, compileOptions()));
    let compared = 0;
    for (const [name, data] of recording.calls) {
      const a = fromBuild(name, data);
      expect(a, name).toBe(atRunTime(name, data));
      expect(a.length, name).toBeGreaterThan(0);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  }, 120_000);
});
