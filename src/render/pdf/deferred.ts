/**
 * Code the PDF engine's packages run at load and coop does not need then, deferred to its
 * first use. Each is a CommonJS module put in require's cache (which the ES module loader also
 * reads for CommonJS files) before the engine is imported, as a stand-in that loads the real
 * module when first used and hands it the same arguments, so that every result is the same:
 * - brotli's decoder (`brotli/decompress.js`), which fontkit imports for WOFF2 fonts; coop
 *   embeds TrueType files. Evaluating it reads, compiles and decodes its 756 kB dictionary
 *   module: 50 to 70 ms of CPU in every process and worker that writes a PDF.
 * - unicode-trie's tables: fontkit builds three at load (the Arabic, Indic and Universal
 *   shapers' character classes), unicode-properties and linebreak one each, every one
 *   inflated twice from its base64 source at once (~50 ms for the five). A table is now
 *   inflated by the first `get` on it: a French programme never inflates the shapers' three.
 *
 * `deferUnusedPdfCode` must run before fontkit is first imported: `renderPdfSafely`
 * (render/units.ts), the one way into the PDF engine (builds, workers, `coop diff`), calls it
 * before importing the engine. A module already
 * loaded (the tests, a library user who imported fontkit first) is left as it is.
 */
import Module, { createRequire } from 'node:module';

let deferred = false;

export function deferUnusedPdfCode(): void {
  if (deferred) return;
  deferred = true;
  const require = createRequire(import.meta.url);
  let fromFontkit: NodeJS.Require;
  try {
    fromFontkit = createRequire(require.resolve('fontkit'));
  } catch {
    return;
  }
  standIn(
    fromFontkit,
    'brotli/decompress.js',
    (load) =>
      function BrotliDecompressBuffer(...args: unknown[]): unknown {
        return (load() as (...a: unknown[]) => unknown)(...args);
      },
  );
  standIn(fromFontkit, 'unicode-trie', (load) => {
    type Trie = { get(codePoint: number): number };
    /** A UnicodeTrie whose data is inflated at its first `get` (the only method its users call). */
    return class UnicodeTrie {
      private source: unknown;
      constructor(data: unknown) {
        this.source = data;
      }
      get(codePoint: number): number {
        const Real = load() as new (data: unknown) => Trie;
        const real = new Real(this.source);
        this.source = null;
        this.get = real.get.bind(real);
        return real.get(codePoint);
      }
    };
  });
}

/** Put `make(load)` in require's cache for `id` (resolved by `from`), unless the module is loaded; `load()` gives the real module. */
function standIn(from: NodeJS.Require, id: string, make: (load: () => unknown) => unknown): void {
  let file: string;
  try {
    file = from.resolve(id);
  } catch {
    return; // another version of the package, without that file: nothing to defer
  }
  if (from.cache[file]) return;
  let real: unknown;
  const module = new Module(file);
  const load = (): unknown => {
    if (real === undefined) {
      if (from.cache[file] === module) delete from.cache[file];
      real = from(file);
    }
    return real;
  };
  module.filename = file;
  module.loaded = true;
  module.exports = make(load);
  from.cache[file] = module;
}
