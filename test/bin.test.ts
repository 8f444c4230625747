/**
 * The installed command as a user runs it: bin/coop.js over the esbuild bundle that `npm ci`
 * builds (prepare). Skipped only when dist/ has not been built.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventOutputs } from '../src/build.js';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const built = existsSync(path.join(repo, 'dist', 'cli-bundle', 'main.js'));
const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
const coop = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(repo, 'bin', 'coop.js'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe.skipIf(!built)('bin/coop.js (the bundle)', () => {
  it('prints its version and help', () => {
    const v = coop('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(coop('--help').stdout).toContain('build');
  });

  it('checks the seed example (exit 1) and builds the clean one (exit 0)', () => {
    const c = coop('check', 'examples/seminaire-2012/event.yaml');
    expect(c.status).toBe(1);
    expect(c.stdout).toContain('schedule/session-overlap');
    const out = mkdtempSync(path.join(tmpdir(), 'coop-bin-'));
    const b = coop('build', 'examples/universites-automne/event.yaml', '-o', out);
    expect(b.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...eventOutputs].sort());
  });

  it('holds no copy of linebreak: the PDF engine loads the one pdfkit imports (its Unicode table inflated once)', () => {
    // linebreak's class table, as base64 in its module: the mark of a bundled copy.
    const table = /"([A-Za-z0-9+/=]{200,})"/.exec(readFileSync(path.join(repo, 'node_modules', 'linebreak', 'dist', 'module.mjs'), 'utf8'))?.[1];
    expect(table).toBeDefined();
    const dir = path.join(repo, 'dist', 'cli-bundle');
    const copies = readdirSync(dir).filter((f) => readFileSync(path.join(dir, f), 'utf8').includes(table!.slice(0, 200)));
    expect(copies).toEqual([]);
  });

  it('writes a PDF without loading brotli (fontkit imports it for WOFF2); the stand-ins decode and look up as the real modules', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'coop-brotli-'));
    const b = spawnSync(
      process.execPath,
      [path.join(repo, 'bin', 'coop.js'), 'build', 'examples/universites-automne/event.yaml', '-o', out, '--only', 'programme.pdf', '--jobs', '1'],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NODE_DEBUG: 'module' },
      },
    );
    expect(b.status).toBe(0);
    expect(readdirSync(out)).toEqual(['programme.pdf']);
    // Node's module debug log names every CommonJS file it loads (fast-deep-equal: fontkit's).
    expect(b.stderr).toMatch(/fast-deep-equal/);
    expect(b.stderr).not.toMatch(/brotli[\\/]dec[\\/]dictionary/);
    // Called, the stand-ins load the real modules: brotli gives back what zlib packed, a
    // deferred table gives what the real UnicodeTrie gives for every code point (linebreak's).
    const linebreakTable = /"([A-Za-z0-9+/=]{200,})"/.exec(readFileSync(path.join(repo, 'node_modules', 'linebreak', 'dist', 'module.mjs'), 'utf8'))?.[1];
    const script = [
      `const { deferUnusedPdfCode } = await import(${JSON.stringify(path.join(repo, 'dist', 'render', 'pdf', 'deferred.js'))});`,
      'deferUnusedPdfCode();',
      "const { createRequire } = await import('node:module');",
      "const { brotliCompressSync } = await import('node:zlib');",
      `const req = createRequire(createRequire(${JSON.stringify(path.join(repo, 'package.json'))}).resolve('fontkit'));`,
      "const brotli = req.resolve('brotli/decompress.js');",
      "const trie = req.resolve('unicode-trie');",
      'const Lazy = req.cache[trie].exports;',
      "await import('fontkit');",
      "await import('linebreak');",
      "const deferred = req.cache[trie].exports === Lazy && !Object.keys(req.cache).some((k) => k.includes('dictionary'));",
      "const text = Buffer.from('Décision n° 3 : '.repeat(50));",
      'const decoded = Buffer.from(req.cache[brotli].exports(brotliCompressSync(text))).equals(text);',
      `const bytes = Buffer.from(${JSON.stringify(linebreakTable)}, 'base64');`,
      'const lazy = new Lazy(bytes);',
      'lazy.get(0);',
      'const real = new (req.cache[trie].exports)(bytes);',
      'let same = req.cache[trie].exports !== Lazy;',
      'for (let cp = 0; cp <= 0x10ffff; cp++) if (lazy.get(cp) !== real.get(cp)) same = false;',
      'console.log(deferred, decoded, same);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true true true');
  });

  it.skipIf(!hasBash)('stops quietly when the reader leaves (coop model … | head): no EPIPE crash', () => {
    // A model far larger than a pipe's buffer, so that writes are still pending when the
    // reader closes its end after the first chunk.
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-epipe-'));
    const sessions = Array.from({ length: 200 }, (_, i) => {
      const at = 8 * 60 + i * 3;
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}h${String(m % 60).padStart(2, '0')}`;
      return `      - title: "Séance ${i} ${'x'.repeat(300)}"\n        start: ${hm(at)}\n        end: ${hm(at + 2)}\n`;
    });
    writeFileSync(
      path.join(dir, 'event.yaml'),
      `event:\n  title: Grand\n  timezone: Europe/Paris\ndays:\n  - date: 2023-09-19\n    sessions:\n${sessions.join('')}`,
    );
    // Through a real pipe, as a shell makes it (node's own child pipes are socket pairs, where
    // the failure does not show): the exit status of coop, and its stderr.
    const r = spawnSync(
      'bash',
      ['-c', `"$0" "$1" model event.yaml | head -c 10 >/dev/null; exit "\${PIPESTATUS[0]}"`, process.execPath, path.join(repo, 'bin', 'coop.js')],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.status).toBe(0);
  });

  it('checks a seminar without micromark in memory; a minutes file loads it at its first parse (scripts/build.mjs, lazyMarkdown)', () => {
    // A copy of the bundle without the chunks that hold micromark's tokenizer: the seminar's
    // check must not need them, the minutes' check must.
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-lazy-markdown-'));
    cpSync(path.join(repo, 'bin'), path.join(dir, 'bin'), { recursive: true });
    cpSync(path.join(repo, 'dist'), path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(repo, 'package.json'), path.join(dir, 'package.json'));
    for (const d of ['node_modules', 'templates']) symlinkSync(path.join(repo, d), path.join(dir, d), 'dir');
    const bundle = path.join(dir, 'dist', 'cli-bundle');
    const micromark = readdirSync(bundle).filter((f) => readFileSync(path.join(bundle, f), 'utf8').includes('function createTokenizer('));
    expect(micromark.length).toBeGreaterThan(0);
    for (const f of micromark) rmSync(path.join(bundle, f));
    const check = (file: string) =>
      spawnSync(process.execPath, [path.join(dir, 'bin', 'coop.js'), 'check', file], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const seminar = check('examples/universites-automne/event.yaml');
    expect(seminar.stderr).toBe('');
    expect(seminar.status).toBe(0);
    expect(seminar.stdout).toBe(coop('check', 'examples/universites-automne/event.yaml').stdout);
    const minutes = check('examples/reunion-sud-est-2016/event.yaml');
    expect(minutes.status).toBe(2);
    expect(minutes.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });

  it('exits 2 on a usage mistake, without a stack trace', () => {
    const r = coop('check', 'nowhere.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!built)('rendering on several threads (the bundle has the worker)', () => {
  it('writes exactly the bytes a single-threaded build writes, minutes included', async () => {
    const one = mkdtempSync(path.join(tmpdir(), 'coop-j1-'));
    const two = mkdtempSync(path.join(tmpdir(), 'coop-j2-'));
    // Three render units (the programme, the minutes, the exports), PDF, Word and HTML among
    // them: enough for two threads to share; the other documents take the same paths.
    const only = ['--only', 'programme.pdf,compte-rendu.docx,compte-rendu.html,event.ics'];
    // One thread in-process (the source, as the other tests run it), two through the bundle:
    // the same bytes from both paths.
    expect((await run(['build', 'examples/reunion-sud-est-2016/event.yaml', '-o', one, '--jobs', '1', ...only], repo)).code).toBe(0);
    expect(coop('build', 'examples/reunion-sud-est-2016/event.yaml', '-o', two, '--jobs', '2', ...only).status).toBe(0);
    const files = readdirSync(one).sort();
    expect(files).toEqual(['compte-rendu.docx', 'compte-rendu.html', 'event.ics', 'programme.pdf']);
    expect(readdirSync(two).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(two, f)).equals(readFileSync(path.join(one, f))), `${f} (a stale dist/? npm run build)`).toBe(true);
  });

  it('renders again, in a fresh worker, what a worker left by running out of its heap: the same bytes, the build not failed', async () => {
    // The compiled build (dist/), whose pool finds the worker script: the worker's heap capped
    // at 4 MB (COOP_WORKER_HEAP_MB) dies of it on its first document.
    const { buildProject } = (await import(pathToFileURL(path.join(repo, 'dist', 'build.js')).href)) as typeof import('../src/build.js');
    const only = ['programme.pdf', 'compte-rendu.docx', 'compte-rendu.html', 'event.ics'];
    const event = path.join(repo, 'examples', 'reunion-sud-est-2016', 'event.yaml');
    const build = (outDir: string, heap?: string) =>
      buildProject([{ abs: event, display: 'event.yaml' }], { outDir, only, jobs: 2, cwd: repo, env: { ...process.env, COOP_WORKER_HEAP_MB: heap } });
    const capped = mkdtempSync(path.join(tmpdir(), 'coop-jcap-'));
    const plain = mkdtempSync(path.join(tmpdir(), 'coop-jplain-'));
    const [small, usual] = [await build(capped, '4'), await build(plain)];
    expect(small.ok).toBe(true);
    expect(usual.ok).toBe(true);
    // The worker had two of the three units (the programme stays here): both rendered again.
    expect(small.rerun).toBe(2);
    expect(usual.rerun).toBe(0);
    const files = readdirSync(plain).sort();
    expect(files).toEqual([...only].sort());
    expect(readdirSync(capped).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(capped, f)).equals(readFileSync(path.join(plain, f))), f).toBe(true);
  }, 60_000);

  it('reports a template error met in a worker at its file and line, and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-jerr-'));
    cpSync(path.join(repo, 'examples', 'universites-automne'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'tpl', 'attendees'), { recursive: true });
    // participants.pdf and badges.pdf cost the same: the first stays on the main thread, badges goes to the worker.
    writeFileSync(path.join(dir, 'tpl', 'attendees', 'badges.hbs'), '<div class="badges">\n{{#each badges}}<p>{{name}}</p>\n</div>\n');
    const out = path.join(dir, 'out');
    const r = spawnSync(
      process.execPath,
      [path.join(repo, 'bin', 'coop.js'), 'build', 'event.yaml', '-o', out, '--templates', 'tpl', '--only', 'participants.pdf,badges.pdf', '--jobs', '2'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/tpl\/attendees\/badges\.hbs:\d+:\d+/);
    expect(r.stderr).toContain('template/invalid');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!built)('a worker failing while the main thread renders', () => {
  it('is reported as the diagnostic a one-thread build gives, not a crash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coop-jfail-'));
    // 300 items, 600 attendees: the sign-in sheet (main thread) takes a few tenths of a second;
    // the programme, on the worker, fails at once on its broken template.
    spawnSync(process.execPath, [path.join(repo, 'bench', 'generate.js'), '300', dir], { env: { ...process.env, BENCH_ATTENDEES: '600' } });
    mkdirSync(path.join(dir, 'tpl', 'programme'), { recursive: true });
    writeFileSync(path.join(dir, 'tpl', 'programme', 'programme.hbs'), '<section>\n{{#each days}}<h2>{{date}}</h2>\n</section>\n');
    const inBundle = (jobs: string) =>
      spawnSync(
        process.execPath,
        [path.join(repo, 'bin', 'coop.js'), 'build', 'event.yaml', '-o', 'out', '--templates', 'tpl', '--only', 'emargement.pdf,programme.pdf', '--jobs', jobs],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
    const two = inBundle('2');
    expect(two.status).toBe(1);
    expect(two.stderr).toMatch(/tpl\/programme\/programme\.hbs:\d+:\d+/);
    expect(two.stderr).toContain('template/invalid');
    expect(two.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    // What one thread says (in-process: the same words as the bundle's single-threaded build).
    expect(two.stderr).toBe(
      (await run(['build', 'event.yaml', '-o', 'out', '--templates', 'tpl', '--only', 'emargement.pdf,programme.pdf', '--jobs', '1'], dir)).stderr,
    );
  }, 30_000);
});
