// The build run by `npm ci` (prepare) and `npm run build`:
// 1. tsc compiles src/ to dist/ with type declarations: the library API (`import ... from 'coop'`);
// 2. esbuild bundles the command-line program into dist/cli-bundle/, so that `coop` starts by
//    reading a few files instead of resolving hundreds of small ESM modules (the unified
//    ecosystem alone is ~200). pdfkit, fontkit and the fonts stay outside (pdfkit reads data files
//    next to its own code) and are loaded only when a PDF is built;
// 3. coop's own templates are precompiled into dist/templates.cjs, read at run time instead of
//    compiling them in every process (src/render/templates.ts); the Latin faces' glyph metrics
//    and kerning into dist/latin-metrics.json, so Latin words skip fontkit's shaping (latin.ts); the
//    offsets of Europe/Paris into dist/zone-table.json, so a check in that zone makes no Intl date
//    formatter (util/time-zones.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const { precompiledTemplates, precompiledFile } = await import(path.join(root, 'dist/render/templates.js'));
writeFileSync(precompiledFile, precompiledTemplates());
const { makeLatinMetrics, latinMetricsFile } = await import(path.join(root, 'dist/render/pdf/fonts.js'));
const latin = makeLatinMetrics();
for (const [face, m] of Object.entries(latin))
  if (m.problem) console.warn(`coop build: no Latin metrics for the ${face} face (${m.problem}): fontkit shapes every word`);
writeFileSync(latinMetricsFile, JSON.stringify(latin));
const { makeZoneTable, zoneTableFile } = await import(path.join(root, 'dist/util/time-zones.js'));
const zones = makeZoneTable();
if (zones) writeFileSync(zoneTableFile, JSON.stringify(zones));
const esbuild = await import('esbuild');

/**
 * The Markdown parsers (src/source/markdown.ts: micromark, mdast-util-from-markdown and their
 * extensions, 240 kB of the bundle, 30 to 40 ms of CPU to compile at every start) are an entry
 * of their own, dist/cli-bundle/markdown.js; every other module that imports them gets a stand-in
 * with the same exports that loads that entry on its first call, synchronously (require of an
 * ES module, Node >= 20.19). A seminar's check, whose texts MarkdownScanner passes as plain,
 * never compiles micromark; a check with minutes loads it at their first parse. The
 * sources, vitest and dist/ (tsc) keep the static import.
 */
const markdownModule = path.join(root, 'src/source/markdown.ts');
const markdownExports = [...readFileSync(markdownModule, 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const lazyMarkdown = {
  name: 'lazy-markdown',
  setup(build) {
    build.onResolve({ filter: /(^|\/)markdown\.js$/ }, (args) => {
      if (args.kind === 'entry-point' || path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) !== markdownModule) return undefined;
      return { path: 'markdown-on-first-use', namespace: 'lazy-markdown' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-markdown' }, () => ({
      loader: 'js',
      contents: [
        "import { createRequire } from 'node:module';",
        'let parsers;',
        "const load = () => (parsers ??= createRequire(import.meta.url)('./markdown.js'));",
        ...markdownExports.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
      ].join('\n'),
    }));
  },
};

await esbuild.build({
  // The command-line program, the rendering worker it starts (src/render/pool.ts), and the
  // Markdown parsers it loads on first use (lazyMarkdown).
  entryPoints: { main: path.join(root, 'src/cli/main.ts'), worker: path.join(root, 'src/render/worker.ts'), markdown: markdownModule },
  plugins: [lazyMarkdown],
  outdir: path.join(root, 'dist/cli-bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // linebreak too: pdfkit imports it itself (its ESM build, as coop's bundle would), so a copy
  // bundled here was a second one, loaded and its Unicode table inflated again in every PDF build.
  external: ['pdfkit', 'fontkit', 'dejavu-fonts-ttf', 'linebreak'],
  // CommonJS dependencies inside an ESM bundle need a `require`.
  banner: { js: "import { createRequire as __coopRequire } from 'node:module'; const require = __coopRequire(import.meta.url);" },
  legalComments: 'none',
  // Half the bytes for V8 to decode and compile at every start (3.6 MB → 2.1 MB); identifiers
  // are kept, so a stack trace still names its functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
