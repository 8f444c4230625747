/**
 * The pipeline's layers hold (docs/ARCHITECTURE.md): a module imports only from its own layer
 * or from lower ones, so that a stage never depends on a later one. Type-only and dynamic
 * imports count too: they couple the code as much as the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.join(import.meta.dirname, '..', 'src');

/** Lowest first. A path is relative to src/, with '/' separators. */
const LAYERS: Array<{ name: string; test: (p: string) => boolean }> = [
  {
    name: 'foundation (util, typography, i18n, errors, diagnostic type)',
    test: (p) => /^(util|typography|types)\//.test(p) || /^(i18n|errors|version)\.ts$/.test(p) || p === 'diagnostics/types.ts',
  },
  { name: 'source (read, decode, parse)', test: (p) => p.startsWith('source/') },
  { name: 'model (event, minutes, attendees)', test: (p) => /^(model|minutes|attendees)\//.test(p) || /^(load|actions)\.ts$/.test(p) },
  { name: 'diagnostics (reporters)', test: (p) => p.startsWith('diagnostics/') },
  { name: 'checks (rules, registry)', test: (p) => p.startsWith('checks/') },
  { name: 'render (documents, exports, diff)', test: (p) => /^(render|export|diff)\//.test(p) },
  { name: 'project and build (stage runners, write)', test: (p) => /^(project|build|write|layout|api)\.ts$/.test(p) },
  { name: 'library API', test: (p) => p === 'index.ts' },
  { name: 'command line', test: (p) => p.startsWith('cli/') },
];

/** Inside render/, only these reach into the PDF engine (they choose the back end). */
const PDF_DISPATCHERS = new Set(['render/units.ts', 'render/worker.ts', 'render/pool.ts']);

function layerOf(p: string): number {
  const i = LAYERS.findIndex((l) => l.test(p));
  if (i < 0) throw new Error(`src/${p} is in no layer: add it to LAYERS (test/layers.test.ts) and to docs/ARCHITECTURE.md`);
  return i;
}

function sourceFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return sourceFiles(dir, r);
    return r.endsWith('.ts') ? [r] : [];
  });
}

/** The src/ files a file imports (static, type-only, dynamic, re-exports), relative to src/. */
export function importsOf(file: string, text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((f) => f.startsWith('.'))
    .map((f) => path.posix.normalize(path.posix.join(path.posix.dirname(file), f)).replace(/\.js$/, '.ts'));
}

/** Every import that runs against the layers, as "from -> to". */
export function backwardImports(files: Array<{ file: string; text: string }>): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    for (const to of importsOf(file, text)) {
      const edge = `${file} -> ${to}`;
      if (layerOf(to) > layerOf(file)) out.push(`${edge} (${LAYERS[layerOf(file)].name} imports ${LAYERS[layerOf(to)].name})`);
      else if (to.startsWith('render/pdf/') && file.startsWith('render/') && !file.startsWith('render/pdf/') && !PDF_DISPATCHERS.has(file)) {
        out.push(`${edge} (the HTML and Word back ends do not use the PDF engine)`);
      }
    }
  }
  return out;
}

describe('layers', () => {
  const files = sourceFiles(src).map((file) => ({ file, text: readFileSync(path.join(src, file), 'utf8') }));

  it('no module imports from a later stage', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(backwardImports(files)).toEqual([]);
  });

  it('catches a backward import, a type-only one, a dynamic one, and a back end reaching into the PDF engine', () => {
    expect(backwardImports([{ file: 'checks/rules/x.ts', text: "import { statusLabel } from '../../render/labels.js';" }])).toHaveLength(1);
    expect(backwardImports([{ file: 'model/x.ts', text: "import type { Rule } from '../checks/types.js';" }])).toHaveLength(1);
    expect(backwardImports([{ file: 'source/x.ts', text: "const m = await import('../build.js');" }])).toHaveLength(1);
    expect(backwardImports([{ file: 'index.ts', text: "export { main } from './cli/main.js';" }])).toHaveLength(1);
    expect(backwardImports([{ file: 'render/docx/x.ts', text: "import { fontFor } from '../pdf/fonts.js';" }])).toHaveLength(1);
    expect(backwardImports([{ file: 'render/units.ts', text: "import { renderPdf } from './pdf/engine.js';" }])).toEqual([]);
    expect(backwardImports([{ file: 'cli/x.ts', text: "import { formatText } from '../diagnostics/reporters/text.js';" }])).toEqual([]);
  });
});
