/**
 * Untrusted event bundles (issue #13): each finding of the second attack, as the attacker
 * wrote it, with the rule and place coop must give. Every bundle is made in a temporary
 * folder: an event, its CSV, its minutes, sometimes its templates, and a "secret" outside the
 * project that no output and no message may ever contain.
 *
 * Findings and where they are tested: 1 symlinked files (templates, partials, style.css, CSV,
 * the event itself), 3 spreads and nesting, 4 pathological Markdown, 5 attendee limit,
 * 6 output collisions, 7/17 temporary files, 8 XMP, 9/10 terminal and CI-log injection,
 * 11 untrusted templates, 12 watch after atomic saves, 13 check = build, 14 well-formed JSON,
 * 15 years, 16 I/O errors, 18 the smaller items. Finding 2 (PDF layout) is the PDF engine's.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { Capture, run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const STACK = /\n\s+at /;
const SECRET = 'SECRET_TOKEN_8c1f2e';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A bundle: `files` written under DIR/project, a secret file in DIR/outside. */
function bundle(files: Record<string, string | Buffer>): { root: string; project: string; outside: string; secret: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'coop-sec-'));
  temps.push(root);
  const project = path.join(root, 'project');
  const outside = path.join(root, 'outside');
  mkdirSync(project);
  mkdirSync(outside);
  const secret = path.join(outside, 'secret.txt');
  writeFileSync(secret, `${SECRET}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), content);
  }
  return { root, project, outside, secret };
}

const DAYS = 'days:\n  - date: 2016-05-19\n    sessions:\n      - title: Matin\n        start: "9h"\n        end: "12h"\n        items:\n          - { title: Ouverture, duration: 30min }\n';
const EVENT = `event: { title: Séminaire }\n${DAYS}`;

/** Every file under `dir`, with its text (binary files as latin1), for "the secret is nowhere" checks. */
function everything(dir: string): string {
  if (!existsSync(dir)) return '';
  let all = '';
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) all += readFileSync(path.join(e.parentPath, e.name), 'latin1');
  }
  return all;
}

function expectNoCrash(r: { stdout: string; stderr: string }): void {
  expect(r.stdout + r.stderr, 'a stack trace was printed').not.toMatch(STACK);
  expect(r.stderr).not.toContain('internal error');
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

async function checkJson(file: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = await run(['check', '--format', 'json', file], cwd, env);
  expectNoCrash(r);
  const report = JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] };
  return { ...r, diagnostics: report.diagnostics };
}

const errorsOf = (d: JsonDiagnostic[]) => d.filter((x) => x.severity === 'error');

/** Link annotations of every page of a PDF: their URI actions. */
async function pdfLinks(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    for (const a of await (await doc.getPage(i)).getAnnotations()) {
      if (a.subtype === 'Link') out.push(String(a.url ?? a.unsafeUrl ?? a.dest ?? ''));
    }
  }
  await doc.destroy();
  return out;
}

// ---------------------------------------------------------------------------------------
// 1. Files read through symbolic links

describe('1. every file coop reads stays inside the project (realpath), in check as in build', () => {
  const cases: Array<[string, string]> = [
    ['style.css', 'tpl/style.css'],
    ['a document template', 'tpl/programme/programme.hbs'],
    ['a partial', 'tpl/partials/item.hbs'],
    ['the page layout', 'tpl/layout.hbs'],
  ];
  for (const [what, link] of cases) {
    it(`a symlinked ${what} is ref/outside-project, and the secret reaches no output and no message`, async () => {
      const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, 'tpl/README.txt': 'modèles' });
      mkdirSync(path.dirname(path.join(b.project, link)), { recursive: true });
      symlinkSync(b.secret, path.join(b.project, link));
      const checked = await checkJson('event.yaml', b.project);
      expect(checked.code).toBe(1);
      const e = errorsOf(checked.diagnostics);
      expect(e.map((d) => d.rule)).toEqual(['ref/outside-project']);
      expect(e[0].file).toBe(link);
      expect(checked.stdout).not.toContain(SECRET);
      const built = await run(['build', 'event.yaml', '-o', 'out'], b.project);
      expectNoCrash(built);
      expect(built.code).toBe(1);
      expect(built.stderr).toContain('ref/outside-project');
      expect(built.stdout + built.stderr).not.toContain(SECRET);
      expect(existsSync(path.join(b.project, 'out')) ? readdirSync(path.join(b.project, 'out')) : []).toEqual([]);
      // --draft does not render with a file it refused either
      const draft = await run(['build', 'event.yaml', '-o', 'out', '--draft'], b.project);
      expect(draft.code).toBe(1);
      expect(everything(path.join(b.project, 'out'))).not.toContain(SECRET);
    });
  }

  it('--templates with a symlinked file is refused the same way', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    mkdirSync(path.join(b.project, 'tpl'));
    symlinkSync(b.secret, path.join(b.project, 'tpl', 'style.css'));
    const built = await run(['build', 'event.yaml', '-o', 'out', '--templates', 'tpl'], b.project);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('ref/outside-project');
    expect(everything(path.join(b.project, 'out')) + built.stdout + built.stderr).not.toContain(SECRET);
  });

  it('a partials folder that is a link out of the project is refused', async () => {
    const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}` });
    mkdirSync(path.join(b.project, 'tpl'));
    writeFileSync(path.join(b.outside, 'item.hbs'), SECRET);
    symlinkSync(b.outside, path.join(b.project, 'tpl', 'partials'));
    const checked = await checkJson('event.yaml', b.project);
    expect(errorsOf(checked.diagnostics).map((d) => d.rule)).toEqual(['ref/outside-project']);
  });

  it('a link inside the project is fine; a FIFO or a device is refused without blocking', async () => {
    const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, 'shared/style.css': 'h1 { color: #123456; }' });
    mkdirSync(path.join(b.project, 'tpl'));
    symlinkSync(path.join(b.project, 'shared', 'style.css'), path.join(b.project, 'tpl', 'style.css'));
    const ok = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.html'], b.project);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(path.join(b.project, 'out', 'programme.html'), 'utf8')).toContain('#123456');
    rmSync(path.join(b.project, 'tpl', 'style.css'));
    execFileSync('mkfifo', [path.join(b.project, 'tpl', 'style.css')]);
    const t0 = Date.now();
    const fifo = await checkJson('event.yaml', b.project);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(errorsOf(fifo.diagnostics).map((d) => d.rule)).toEqual(['ref/unknown']);
    expect(errorsOf(fifo.diagnostics)[0].message).toContain('pas un fichier ordinaire');
  });

  it('an attendee CSV, a minutes file or the event itself linked out of the project', async () => {
    const b = bundle({ 'event.yaml': `event: { title: Séminaire }\nattendees:\n  - file: liste.csv\n${DAYS}` });
    writeFileSync(path.join(b.outside, 'liste.csv'), `Nom;Prénom\n${SECRET};Jean\n`);
    symlinkSync(path.join(b.outside, 'liste.csv'), path.join(b.project, 'liste.csv'));
    const csv = await checkJson('event.yaml', b.project);
    expect(errorsOf(csv.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['ref/outside-project', 3, 11]]);
    expect(csv.stdout).not.toContain(SECRET);

    writeFileSync(path.join(b.outside, 'event.yaml'), `event: { title: "${SECRET}" }\n${DAYS}`);
    symlinkSync(path.join(b.outside, 'event.yaml'), path.join(b.project, 'lien.yaml'));
    const linked = await checkJson('lien.yaml', b.project);
    expect(linked.code).toBe(1);
    expect(errorsOf(linked.diagnostics).map((d) => [d.rule, d.file, d.line])).toEqual([['ref/outside-project', 'lien.yaml', 1]]);
    expect(linked.stdout).not.toContain(SECRET);
    const text = await run(['check', 'lien.yaml'], b.project);
    expect(text.stdout).not.toContain(SECRET);
  });
});

// ---------------------------------------------------------------------------------------
// 13. check finds what build refuses

describe('13. check finds everything that would make build fail', () => {
  it('a templates: folder outside the project, or missing, is an error of check, at `templates:`', async () => {
    const b = bundle({ 'event.yaml': `templates: ../outside\n${EVENT}` });
    const outside = await checkJson('event.yaml', b.project);
    expect(errorsOf(outside.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['ref/outside-project', 1, 12]]);
    writeFileSync(path.join(b.project, 'event.yaml'), `templates: modeles\n${EVENT}`);
    const missing = await checkJson('event.yaml', b.project);
    expect(errorsOf(missing.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['ref/unknown', 1, 12]]);
  });

  it('a user template with a misspelled field fails check, at its line', async () => {
    const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, 'tpl/partials/item.hbs': '<div class="item">\n<p>{{titel}}</p>\n</div>\n' });
    const checked = await checkJson('event.yaml', b.project);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line])).toEqual([['template/invalid', 'tpl/partials/item.hbs', 2]]);
    const built = await run(['build', 'event.yaml', '-o', 'out'], b.project);
    expect(built.code).toBe(1);
  });

  it('two minutes files with the same name are an error of check, not a crash of build', async () => {
    const minutes = '---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\nTexte.\n';
    const b = bundle({ 'event.yaml': `event: { title: Séminaire }\nminutes: ["a/*.md", "b/*.md"]\n${DAYS}`, 'a/cr.md': minutes, 'b/cr.md': minutes });
    const checked = await checkJson('event.yaml', b.project);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['output/collision', 'event.yaml', 2, 21]]);
    const built = await run(['build', 'event.yaml', '-o', 'out'], b.project);
    expectNoCrash(built);
    expect(built.code).toBe(1);
    expect(existsSync(path.join(b.project, 'out'))).toBe(false);
  });

  it('deep blockquotes in a description are an error of check, in the event file (not coop’s programme.hbs:1:1)', async () => {
    const b = bundle({ 'event.yaml': `event:\n  title: Séminaire\n  description: |\n    Intro.\n\n    ${'>'.repeat(2000)} fin\n${DAYS}` });
    const checked = await checkJson('event.yaml', b.project);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['syntax/markdown', 'event.yaml', 6, 5]]);
    const built = await run(['build', 'event.yaml', '-o', 'out', '--draft'], b.project);
    expectNoCrash(built);
    expect(built.stderr).not.toContain('programme.hbs');
  });
});

// ---------------------------------------------------------------------------------------
// 6. Output names

describe('6. minutes outputs never overwrite the event’s documents', () => {
  for (const name of ['programme.md', 'badges.md', 'Emargement.md', 'schedule.md']) {
    it(`minutes named ${name}: output/collision at the minutes: entry, nothing written`, async () => {
      const b = bundle({
        'event.yaml': `event: { title: Séminaire }\nminutes: [minutes/*.md]\n${DAYS}`,
        [`minutes/${name}`]: '---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\nTexte.\n',
      });
      const checked = await checkJson('event.yaml', b.project);
      expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['output/collision', 'event.yaml', 2, 11]]);
      expect(errorsOf(checked.diagnostics)[0].message).toContain(name);
      const built = await run(['build', 'event.yaml', '-o', 'out', '--draft'], b.project);
      expectNoCrash(built);
      expect(built.code).toBe(1);
      expect(existsSync(path.join(b.project, 'out'))).toBe(false);
    });
  }

  it('minutes given on the command line: placed at the file, and the note says how to fix it', async () => {
    const b = bundle({ 'programme.md': '---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\nTexte.\n' });
    const checked = await checkJson('programme.md', b.project);
    const e = errorsOf(checked.diagnostics);
    expect(e.map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['output/collision', 'programme.md', 1, 1]]);
    // The fix the message suggests makes the error go away.
    renameSync(path.join(b.project, 'programme.md'), path.join(b.project, 'cr-programme.md'));
    expect((await checkJson('cr-programme.md', b.project)).code).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// 3. Stack overflows: spreads and nesting

describe('3. nothing spreads an unbounded array; Markdown nesting is bounded like YAML', () => {
  it('no `push(...x)`, `unshift(...x)` or `Math.min/max(...x)` in coop’s sources (outside the PDF engine, issue #14)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (path.relative(repo, f) !== path.join('src', 'render', 'pdf')) walk(f);
        } else if (f.endsWith('.ts')) {
          readFileSync(f, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/\.(push|unshift)\(\s*\.\.\.|Math\.(min|max)\(\s*\.\.\.|fromCharCode\(\s*\.\.\.|fromCodePoint\(\s*\.\.\./.test(line) && !/^\s*(\*|\/\/)/.test(line)) {
                offenders.push(`${path.relative(repo, f)}:${i + 1}: ${line.trim()}`);
              }
            });
        }
      }
    };
    walk(path.join(repo, 'src'));
    expect(offenders).toEqual([]);
  });

  it('minOf, maxOf and append take 300,000 values', async () => {
    const { append, maxOf, minOf } = await import('../src/util/arrays.js');
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    expect(minOf(big)).toBe(0);
    expect(maxOf(big)).toBe(299_999);
    expect(append([-1], big).length).toBe(300_001);
  });

  const minutes = (body: string) => `---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\n${body}\n`;
  const limits: Array<[string, string, number, number]> = [
    // name, body, line, column (the front matter takes lines 1–4, the body starts on line 6)
    ['2,000 nested > (2 KB)', `${'>'.repeat(2000)} citation`, 6, 1],
    ['10,000 nested list items on one line', `${'- '.repeat(10_000)}point`, 6, 1],
    // refused before parsing, where the indentation passes 128 columns (item 66)
    ['2,000 list items nested by indentation', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- point ${i}`).join('\n'), 6 + 65, 1],
    // nested 33 deep at 2 columns a level: measured on the parsed tree
    ['33 list items nested by indentation', Array.from({ length: 33 }, (_, i) => `${'  '.repeat(i)}- point ${i}`).join('\n'), 6 + 32, 65],
    ['33 nested quotes, one per line', Array.from({ length: 33 }, (_, i) => `${'> '.repeat(i + 1)}niveau ${i + 1}`).join('\n'), 6 + 32, 1],
  ];
  for (const [name, body, line, column] of limits) {
    it(`${name}: syntax/markdown at ${line}:${column}, in check and in build, quickly`, async () => {
      const b = bundle({ 'cr.md': minutes(body) });
      const t0 = performance.now();
      const checked = await checkJson('cr.md', b.project);
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(checked.code).toBe(1);
      expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['syntax/markdown', line, column]]);
      const built = await run(['build', 'cr.md', '-o', 'out', '--draft'], b.project);
      expectNoCrash(built);
      expect(built.code).toBe(1);
      expect(existsSync(path.join(b.project, 'out'))).toBe(false);
    });
  }

  it('32 nested quotes are fine (the limit is documented as 32)', async () => {
    const b = bundle({ 'cr.md': minutes(Array.from({ length: 32 }, (_, i) => `${'> '.repeat(i + 1)}niveau ${i + 1}`).join('\n')) });
    const checked = await checkJson('cr.md', b.project);
    expect(errorsOf(checked.diagnostics)).toEqual([]);
    const built = await run(['build', 'cr.md', '-o', 'out'], b.project);
    expect(built.code, built.stderr).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// 4. Pathological Markdown

describe('4. pathological Markdown is refused in bounded time, with its place', () => {
  const minutes = (body: string) => `---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\n${body}\n`;
  const cases: Array<[string, string, number, number]> = [
    ['`*a` x 50,000 (49 s before)', '*a'.repeat(50_000), 6, 2001],
    // the 20,001st cell
    ['a 100,000-column table (21 s and 2.6 GB before)', `|${'a|'.repeat(100_000)}\n|${'-|'.repeat(100_000)}`, 6, 40_001],
    // 400 references to a 100 KB address: the 10th passes 1,000,000 characters
    ['a link-reference bomb (60 s and 3.4 GB before)', `[x]: http://example.org/${'a'.repeat(100_000)}\n\n${'[x] '.repeat(400)}`, 8, 37],
    // the 1,001st marker of the paragraph
    ['`[x]` x 50,000 references', `[x]: http://a\n\n${'[x]'.repeat(50_000)}`, 8, 1501],
  ];
  for (const [name, body, line, column] of cases) {
    it(`${name}: syntax/markdown at ${line}:${column} in under 3 s`, async () => {
      const b = bundle({ 'cr.md': minutes(body) });
      const t0 = performance.now();
      const checked = await checkJson('cr.md', b.project);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(3000);
      expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['syntax/markdown', line, column]]);
    });
  }

  it('the same limits hold in an event’s descriptions, placed in the YAML block', async () => {
    const b = bundle({ 'event.yaml': `event:\n  title: Séminaire\n  description: |\n    Intro.\n\n    ${'*a'.repeat(600)}\n    ${'*a'.repeat(600)}\n${DAYS}` });
    const checked = await checkJson('event.yaml', b.project);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.line, d.column])).toEqual([['syntax/markdown', 7, 5 + 2 * 400]]);
  });

  it('a template that renders an unscanned field as Markdown meets the same limits (template/invalid, not a hang)', async () => {
    const title = '*a'.repeat(5000);
    const b = bundle({ 'event.yaml': `templates: tpl\nevent: { title: "${title}" }\n${DAYS}`, 'tpl/partials/item.hbs': '<div>{{markdown @root.event.title}}</div>\n' });
    const t0 = performance.now();
    const checked = await checkJson('event.yaml', b.project);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(errorsOf(checked.diagnostics).map((d) => d.rule)).toEqual(['template/invalid']);
  });
});

// ---------------------------------------------------------------------------------------
// 5. Attendees

describe('5. attendees beyond the documented limit are refused up front, with their place', () => {
  it('a CSV row past COOP_MAX_ATTENDEES: syntax/size at that row', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `PERSONNE${i};Anne${String.fromCharCode(97 + (i % 26))}${i}`).join('\n');
    const b = bundle({ 'event.yaml': `event: { title: Séminaire }\nattendees:\n  - file: liste.csv\n${DAYS}`, 'liste.csv': `Nom;Prénom\n${rows}\n` });
    const checked = await checkJson('event.yaml', b.project, { COOP_MAX_ATTENDEES: '50' });
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line])).toEqual([['syntax/size', 'liste.csv', 52]]);
    expect(errorsOf(checked.diagnostics)[0].message).toContain('COOP_MAX_ATTENDEES');
    const ok = await checkJson('event.yaml', b.project, { COOP_MAX_ATTENDEES: '60' });
    expect(errorsOf(ok.diagnostics)).toEqual([]);
  });

  it('the default limit is 10,000', async () => {
    const { maxAttendees } = await import('../src/check.js');
    expect(maxAttendees({})).toBe(10_000);
    expect(maxAttendees({ COOP_MAX_ATTENDEES: '200000' })).toBe(200_000);
  });
});
