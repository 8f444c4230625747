import { sortDiagnostics, summarize, type Diagnostic } from '../types.js';
import { visible } from '../../util/visible.js';

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

// Escaping rules of the workflow-command syntax (actions/toolkit, command.ts); other control
// characters (ESC, BEL…) from the input are made visible, so that the log shows them inert.
function data(s: string): string {
  const lines = s.split(/(\r\n|\r|\n)/);
  const safe = lines.map((piece, i) => (i % 2 === 1 ? piece : visible(piece))).join('');
  return safe.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
