/**
 * The ready workflows of `coop init --ci github|gitlab` (and their copies in docs/CI.md): valid
 * YAML with the right commands, shell that parses, and — run locally on the bundle, with no
 * network — steps that check, compare with the base revision and build as they say.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const repo = path.join(import.meta.dirname, '..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'coop-ci-'));
const built = existsSync(path.join(repo, 'dist', 'cli-bundle', 'main.js'));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface GithubWorkflow {
  on: { pull_request: unknown; push: { branches: string[] } };
  env: { EVENTS: string; COOP: string };
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}
interface GitlabJob {
  rules: Array<{ if: string }>;
  script: string[];
  artifacts: { paths: string[]; expose_as?: string; when?: string };
}

/** A network's repository: one folder per event. */
function network(): string {
  const dir = tmp();
  for (const [to, example] of [
    ['seminaire', 'seminaire-2012'],
    ['universites', 'universites-automne'],
  ]) {
    cpSync(path.join(repo, 'examples', example), path.join(dir, to), { recursive: true });
  }
  return dir;
}

const bashParses = (script: string) => spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });

describe('coop init --ci github', () => {
  it('writes a workflow that checks pull requests, summarises the changes and builds main', async () => {
    const dir = network();
    const r = await run(['init', '.', '--ci', 'github'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('écrit : .github/workflows/coop.yml');
    expect(r.stdout).toContain('add coop to the devDependencies of package.json');
    const text = readFileSync(path.join(dir, '.github', 'workflows', 'coop.yml'), 'utf8');
    const wf = load(text) as GithubWorkflow;
    expect(wf.on.pull_request).toBeDefined();
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.env).toEqual({ EVENTS: '*/event.yaml', COOP: 'node_modules/.bin/coop' });
    const steps = Object.values(wf.jobs)[0].steps;
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.['fetch-depth']).toBe(2);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
    const check = steps.find((s) => s.run?.includes(' check '))!;
    expect(check.run).toBe('$COOP check --format github $EVENTS');
    const diff = steps.find((s) => s.run?.includes(' diff '))!;
    expect(diff.if).toContain("github.event_name == 'pull_request'");
    expect(diff.if).toContain('!cancelled()');
    expect(diff.run).toContain('$COOP diff HEAD^1 "$f" --format markdown >> "$GITHUB_STEP_SUMMARY"');
    const build = steps.find((s) => s.run?.includes(' build '))!;
    expect(build.if).toContain("github.event_name == 'push'");
    expect(build.run).toBe('$COOP build $EVENTS -o out --quiet');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toEqual({ name: 'documents', path: 'out/' });
    for (const s of steps.filter((x) => x.run)) expect(bashParses(s.run!).status, s.run).toBe(0);
    // Never overwrites.
    const again = await run(['init', '.', '--ci', 'github'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('.github/workflows/coop.yml already exists');
    expect(readFileSync(path.join(dir, '.github', 'workflows', 'coop.yml'), 'utf8')).toBe(text);
  });

  it('lists the event files it finds when they do not follow one folder per event', async () => {
    const dir = tmp();
    cpSync(path.join(repo, 'test', 'fixtures', 'clean', 'event.yaml'), path.join(dir, 'seminaire-mars.yaml'));
    cpSync(path.join(repo, 'test', 'fixtures', 'clean', 'event.yaml'), path.join(dir, 'atelier-juin.yaml'));
    writeFileSync(path.join(dir, 'notes.yaml'), 'todo: [relancer les intervenants]\n');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ devDependencies: { coop: '^0.1.0' } }));
    const r = await run(['init', '.', '--ci', 'gitlab'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('devDependencies'); // package.json lists coop already
    const wf = load(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as { variables: Record<string, string> };
    expect(wf.variables.EVENTS).toBe('atelier-juin.yaml seminaire-mars.yaml');
    expect(existsSync(path.join(dir, 'event.yaml'))).toBe(false); // --ci writes the workflow only
  });

  it.skipIf(!built)('its steps, run on a repository with bash and the bundle, check, compare and build', () => {
    const dir = network();
    expect(spawnSync(process.execPath, [path.join(repo, 'bin', 'coop.js'), 'init', '.', '--ci', 'github'], { cwd: dir }).status).toBe(0);
    const wf = load(readFileSync(path.join(dir, '.github', 'workflows', 'coop.yml'), 'utf8')) as GithubWorkflow;
    const steps = Object.values(wf.jobs)[0].steps;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', '-c', 'user.name=CI', '-c', 'user.email=ci@example.org', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    // The pull request: the second day starts five minutes earlier; a new event.
    const file = path.join(dir, 'universites', 'event.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: "9h"', 'start: "8h55"'));
    mkdirSync(path.join(dir, 'nouveau'));
    cpSync(path.join(repo, 'test', 'fixtures', 'clean', 'event.yaml'), path.join(dir, 'nouveau', 'event.yaml'));
    git('add', '.');
    git('commit', '-q', '-m', 'pull request');
    const summary = path.join(dir, 'summary.md');
    const env = {
      ...process.env,
      ...wf.env,
      COOP: `${process.execPath} ${path.join(repo, 'bin', 'coop.js')}`,
      GITHUB_STEP_SUMMARY: summary,
      NO_COLOR: '1',
      CI: 'true',
    };
    const step = (needle: string) => spawnSync('bash', ['-e', '-c', steps.find((s) => s.run?.includes(needle))!.run!], { cwd: dir, env, encoding: 'utf8' });
    const check = step(' check ');
    expect(check.status).toBe(1); // the 2012 seminar has its overlap
    expect(check.stdout).toContain('::error file=seminaire/event.yaml,line=');
    expect(check.stdout).toMatch(/^coop: 1 error\(s\)/m);
    const diff = step(' diff ');
    expect(diff.stderr).toBe('');
    expect(diff.status).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('De <code>HEAD^1:universites/event.yaml</code> à <code>universites/event.yaml</code>\u00a0: 1\u00a0modification.');
    expect(md).toContain('- La séance « Restitution des ateliers et clôture » commence à 8\u00a0h\u00a055 au lieu de 9\u00a0h');
    expect(md).toContain('De <code>HEAD^1:seminaire/event.yaml</code> à <code>seminaire/event.yaml</code>\u00a0: aucune modification.');
    expect(md).toContain('### nouveau/event.yaml : nouvel événement');
    // The build step writes each event's folder (--draft for the seminar's known overlap: a real
    // main branch has no error).
    const build = spawnSync('bash', ['-e', '-c', `${steps.find((s) => s.run?.includes(' build '))!.run!} --draft --only programme.html`], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(build.status).toBe(1);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['nouveau', 'seminaire', 'universites']);
    expect(readdirSync(path.join(dir, 'out', 'universites'))).toEqual(['programme.html']);
  });
});

describe('coop init --ci gitlab', () => {
  it('writes a pipeline: the changes and the checks on merge requests, the documents on the default branch', async () => {
    const dir = network();
    expect((await run(['init', '.', '--ci', 'gitlab'], dir)).code).toBe(0);
    const wf = load(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, unknown> & { variables: Record<string, string> };
    expect(wf.variables).toMatchObject({ EVENTS: '*/event.yaml', COOP: 'node_modules/.bin/coop', GIT_DEPTH: '0' });
    const check = wf['coop-check'] as GitlabJob;
    expect(check.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(check.script.join('\n')).toContain('$COOP diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" "$f" --format markdown >> modifications.md');
    expect(check.script).toContain('$COOP check $EVENTS');
    expect(check.artifacts).toMatchObject({ paths: ['modifications.md'], when: 'always' });
    const build = wf['coop-build'] as GitlabJob;
    expect(build.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    expect(build.script).toEqual(['$COOP build $EVENTS -o out --quiet']);
    expect(build.artifacts.paths).toEqual(['out/']);
    for (const line of [...check.script, ...build.script]) expect(bashParses(line).status, line).toBe(0);
  });
});

describe('the documented workflows', () => {
  it('docs/CI.md shows exactly what coop init --ci writes', () => {
    const doc = readFileSync(path.join(repo, 'docs', 'CI.md'), 'utf8');
    for (const ci of ['github', 'gitlab']) {
      const template = readFileSync(path.join(repo, 'templates', 'ci', `${ci}.yml`), 'utf8').replace('__EVENTS__', '*/event.yaml');
      expect(doc).toContain('```yaml\n' + template + '```');
    }
  });

  it('the README shows the same steps (its In CI section)', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const block = /## In CI[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1];
    const shown = load(block) as GithubWorkflow;
    const written = load(readFileSync(path.join(repo, 'templates', 'ci', 'github.yml'), 'utf8').replace('__EVENTS__', '*/event.yaml')) as GithubWorkflow;
    const steps = (w: GithubWorkflow) => Object.values(w.jobs)[0].steps.map((x) => ({ uses: x.uses, run: x.run, if: x.if, with: x.with }));
    expect(steps(shown)).toEqual(steps(written));
    expect(shown.env).toEqual(written.env);
    expect(shown.on).toEqual(written.on);
  });

  it('coop init no longer points at npmjs.com/package/coop (another package)', () => {
    for (const file of ['templates/init/event.yaml', 'templates/init/minutes.md', 'src/diagnostics/reporters/sarif.ts', 'README.md']) {
      expect(readFileSync(path.join(repo, file), 'utf8'), file).not.toContain('npmjs.com/package/coop');
    }
  });
});
