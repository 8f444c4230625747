/**
 * Every HTML output of every example checked by axe-core in a real browser (headless Chromium,
 * Debian's `chromium`, driven by playwright-core): no violation of impact serious or critical
 * (issue #19, RGAA / EN 301 549). One browser for all pages. Skipped when Chromium is absent
 * (`.ci/run` installs it).
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleInputs as inputsOf, run } from './helpers.js';

const require = createRequire(import.meta.url);
const repo = path.join(import.meta.dirname, '..');
const examples = path.join(repo, 'examples');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.COOP_CHROMIUM ?? ''].find((p) => p && existsSync(p));

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; html: string }>;
}

describe.skipIf(!CHROMIUM)('axe-core in headless Chromium: every HTML output of the examples', () => {
  type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;
  let browser: Browser;
  const pages: string[] = [];

  beforeAll(async () => {
    for (const dir of readdirSync(examples)) {
      const out = mkdtempSync(path.join(tmpdir(), `coop-axe-${dir}-`));
      // A draft: the PROJET banner and the grid's conflict marks are checked too.
      const r = await run(['build', ...inputsOf(dir), '-o', out, '-q', '--draft', '--only', '*.html']);
      expect(r.code, r.stderr).toBeLessThan(2);
      for (const f of readdirSync(out)) if (f.endsWith('.html')) pages.push(path.join(out, f));
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('no serious or critical violation (WCAG 2.1 A/AA rules and best practices)', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
    const page = await browser.newPage();
    const check = async () => {
      await page.addScriptTag({ path: require.resolve('axe-core') });
      return (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations;
      })) as Violation[];
    };
    // The harness finds what it must: an unlabelled checkbox is critical.
    await page.setContent('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><input type="checkbox"></main></body></html>');
    expect((await check()).map((v) => `${v.id} ${v.impact ?? 'none'}`)).toContain('label critical');
    const found: string[] = [];
    for (const file of pages) {
      await page.goto(pathToFileURL(file).href);
      const violations = await check();
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          found.push(
            `${path.relative(tmpdir(), file)}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.html)
              .join(' | ')}`,
          );
        }
      }
    }
    await page.close();
    expect(found).toEqual([]);
  }, 300_000);
});
