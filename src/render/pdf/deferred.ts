/**
 * Code the PDF engine's packages load and coop never runs, deferred to its first use. fontkit
 * imports brotli's decoder at load, for WOFF2 fonts; coop embeds TrueType files. Evaluating
 * the decoder reads, compiles and decodes its 756 kB dictionary module: 50 to 70 ms of CPU in
 * every process and worker that writes a PDF. Its entry (`brotli/decompress.js`, CommonJS, which
 * the ES module loader also takes from require's cache) is put in that cache as a function that
 * loads the real decoder on its first call and hands it the arguments: a WOFF2 font would still
 * be read, with the same bytes.
 *
 * `deferUnusedPdfCode` must run before fontkit is first imported: `renderPdfSafely`
 * (render/units.ts) and `coop diff` call it before importing the engine. When fontkit is
 * already loaded (the tests, a library user who imported it first), it changes nothing.
 */
import Module, { createRequire } from 'node:module';

let deferred = false;

export function deferUnusedPdfCode(): void {
  if (deferred) return;
  deferred = true;
  const require = createRequire(import.meta.url);
  let fromFontkit: NodeJS.Require;
  let file: string;
  try {
    fromFontkit = createRequire(require.resolve('fontkit'));
    file = fromFontkit.resolve('brotli/decompress.js');
  } catch {
    return; // another fontkit, without brotli: nothing to defer
  }
  if (require.cache[file]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function BrotliDecompressBuffer(...args: unknown[]): unknown {
    if (!real) {
      if (require.cache[file] === standIn) delete require.cache[file];
      real = fromFontkit(file) as (...args: unknown[]) => unknown;
    }
    return real(...args);
  };
  require.cache[file] = standIn;
}
