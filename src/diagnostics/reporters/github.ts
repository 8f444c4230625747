import { sortDiagnostics, summarize, type Diagnostic } from '../types.js';

/** GitHub Actions workflow commands: a pull request shows each mistake on its line. Pure. */
export function formatGithub(diagnostics: Diagnostic[]): string {
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  const lines = sortDiagnostics(diagnostics).map((d) => {
    const props = [
      `file=${prop(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${prop(`coop ${d.rule}`)}`,
    ].join(',');
    const text = d.note ? `${d.message}\n${d.note}` : d.message;
    return `::${command[d.severity]} ${props}::${data(text)}`;
  });
  const s = summarize(diagnostics);
  lines.push(`coop: ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s)`);
  return lines.join('\n') + '\n';
}

// Escaping rules of the workflow-command syntax (actions/toolkit, command.ts).
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
