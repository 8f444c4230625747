/**
 * Every HTML output of every example checked by axe-core in a real browser (headless Chromium,
 * Debian's `chromium`, driven by playwright-core): no violation of impact serious or critical
 * (issue #19, RGAA / EN 301 549). One browser for all pages; axe-core registered once as an
 * init script (Chromium compiles it once and runs it in each new document: injecting it with
 * addScriptTag per page took 44 of the 73 s), two tabs at a time, and the pages of one folder
 * written into the open document rather than navigated to (below). The outputs are those
 * the tagged-PDF test reads when both run on one worker (builtExample), else the HTML alone.
 * Skipped when Chromium is absent (`.ci/run` installs it).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExample, exampleDirs } from './helpers.js';

const require = createRequire(import.meta.url);
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
    const { chromium } = await import('playwright-core');
    // Chromium starts while the examples are built.
    const launched = chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      // A draft: the PROJET banner and the grid's conflict marks are checked too.
      for (const dir of exampleDirs()) {
        const out = await builtExample(dir, '*.html');
        for (const f of readdirSync(out).sort()) if (f.endsWith('.html')) pages.push(path.join(out, f));
      }
    } finally {
      browser = await launched;
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('no serious or critical violation (WCAG 2.1 A/AA rules and best practices)', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(20);
    const context = await browser.newContext();
    await context.addInitScript({ content: readFileSync(require.resolve('axe-core'), 'utf8') });
    type Page = Awaited<ReturnType<typeof context.newPage>>;
    const check = async (page: Page) => {
      return (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations;
      })) as Violation[];
    };
    // The harness finds what it must: an unlabelled checkbox is critical (in a file, loaded
    // the way the outputs are, so that the init script is what brings axe-core in).
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'coop-axe-')), 'probe.html');
    writeFileSync(probe, '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><input type="checkbox"></main></body></html>');
    // A page of the folder the tab is in is written into the open document (document.open,
    // write, close: the window and its axe-core stay) instead of navigated to: a navigation
    // and axe-core's start cost ~0.2 s a page, half of this test (27 pages: 9.6 s → 5.9 s on
    // one tab, the same violations). Relative links resolve the same: same folder.
    const open = async (page: Page, file: string) => {
      if (page.url() !== 'about:blank' && path.dirname(fileURLToPath(page.url())) === path.dirname(file)) {
        await page.evaluate(
          (html) => {
            document.open();
            document.write(html);
            document.close();
            return document.fonts.ready.then(() => undefined);
          },
          readFileSync(file, 'utf8'),
        );
      } else await page.goto(pathToFileURL(file).href);
    };
    const first = await context.newPage();
    await open(first, probe);
    expect((await check(first)).map((v) => `${v.id} ${v.impact ?? 'none'}`)).toContain('label critical');
    // …and so does a page written into an open one.
    const probe2 = path.join(path.dirname(probe), 'probe2.html');
    writeFileSync(probe2, '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>');
    await open(first, probe2);
    expect((await check(first)).map((v) => `${v.id} ${v.impact ?? 'none'}`)).toContain('image-alt critical');
    const found: string[] = [];
    const queue = [...pages];
    const tab = async (page: Page) => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        await open(page, file);
        const violations = await check(page);
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
    };
    await Promise.all([tab(first), context.newPage().then(tab)]);
    await context.close();
    expect(found.sort()).toEqual([]);
  }, 300_000);
});
