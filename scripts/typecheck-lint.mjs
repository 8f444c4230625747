// The type check and the linter in one process, on ONE TypeScript program: `tsc --noEmit` and
// type-aware ESLint (typescript-eslint) each used to build the same program of src/, test/ and
// bench/ (parse, bind, check), which was most of their time. Here the program is built once
// (incrementally, its build info under .cache/tsc/ as `npm run typecheck` keeps it), its
// diagnostics printed as tsc prints them, then handed to ESLint (`parserOptions.programs`), whose
// results are cached under .cache/eslint/ as `npm run lint` caches them.
// `npm run typecheck` and `npm run lint` still run each alone. Exit 1 if either finds a problem.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = path.join(import.meta.dirname, '..');
process.chdir(root);
const t0 = performance.now();

const parsed = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.json',
  { noEmit: true, incremental: true, tsBuildInfoFile: '.cache/tsc/tsconfig.tsbuildinfo' },
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
mkdirSync('.cache/tsc', { recursive: true });
const builder = ts.createIncrementalProgram({
  // vitest.config.ts is outside tsconfig.json (the linter's default project takes it alone).
  rootNames: [...parsed.fileNames, path.join(root, 'vitest.config.ts')],
  options: parsed.options,
  projectReferences: parsed.projectReferences,
  configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
});
const diagnostics = [
  ...builder.getConfigFileParsingDiagnostics(),
  ...builder.getOptionsDiagnostics(),
  ...builder.getGlobalDiagnostics(),
  ...builder.getSyntacticDiagnostics(),
  ...builder.getSemanticDiagnostics(),
];
builder.emit(); // with noEmit: the build info alone
const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
// As tsc prints them: with colours and context on a terminal, one line each otherwise.
const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
if (diagnostics.length > 0) process.stdout.write(format(diagnostics, host));
const t1 = performance.now();

// ESLint hashes its configuration into the cache key: the program stands there as its tsconfig.
const programs = Object.assign([builder.getProgram()], { toJSON: () => 'the program of tsconfig.json' });
const eslint = new ESLint({
  cwd: root,
  cache: true,
  cacheStrategy: 'content',
  cacheLocation: '.cache/eslint/',
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs } } }],
});
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const text = await formatter.format(results);
if (text) process.stdout.write(text);
const t2 = performance.now();
const lintProblems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
process.stdout.write(`typecheck ${((t1 - t0) / 1000).toFixed(1)} s, lint ${((t2 - t1) / 1000).toFixed(1)} s\n`);
process.exit(diagnostics.length > 0 || lintProblems > 0 ? 1 : 0);
