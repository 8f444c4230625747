import { checkProject } from '../project.js';
import { allRules } from '../checks/registry.js';
import { formatGithub } from '../diagnostics/reporters/github.js';
import { formatJson } from '../diagnostics/reporters/json.js';
import { formatSarif } from '../diagnostics/reporters/sarif.js';
import { formatText } from '../diagnostics/reporters/text.js';
import { version } from '../version.js';
import { inputFile, useColor, type Io } from './io.js';
import { cliWords } from '../i18n.js';

export interface CheckFlags {
  format: 'text' | 'json' | 'github' | 'sarif';
  strict?: boolean;
  lang?: 'fr' | 'en';
  /** Exit 1 past this many warnings. */
  maxWarnings?: number;
}

export async function runCheck(io: Io, files: string[], opts: CheckFlags): Promise<number> {
  const inputs = [];
  for (const f of files) inputs.push(await inputFile(io, f));
  const { diagnostics, sources, locale } = await checkProject(inputs, { strict: opts.strict, lang: opts.lang, cwd: io.cwd, env: io.env });
  const out =
    opts.format === 'json'
      ? formatJson(diagnostics)
      : opts.format === 'github'
        ? formatGithub(diagnostics)
        : opts.format === 'sarif'
          ? formatSarif(diagnostics, allRules, version, locale)
          : formatText(diagnostics, { color: useColor(io, io.stdout), sources, lang: locale });
  io.stdout.write(out);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    // On stderr: stdout stays the one document --format asked for.
    io.stderr.write(`coop: ${cliWords.maxWarnings(warnings, opts.maxWarnings)[locale]}\n`);
    return 1;
  }
  return 0;
}
