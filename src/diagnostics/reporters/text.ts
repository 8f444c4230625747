import { sortDiagnostics, summarize, type Diagnostic } from '../types.js';

export interface TextOptions {
  color: boolean;
  /** Source texts by file name, for the excerpt and caret. */
  sources: ReadonlyMap<string, string>;
}

const codes = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, cyan: 36 } as const;

/** Readable report: grouped by file, the source line with a caret, a summary line. Pure. */
export function formatText(diagnostics: Diagnostic[], options: TextOptions): string {
  const paint = (c: keyof typeof codes, s: string) => (options.color ? `\u001b[${codes[c]}m${s}\u001b[0m` : s);
  const sev = { error: paint('red', 'error'), warning: paint('yellow', 'warning'), info: paint('blue', 'info') };
  const out: string[] = [];
  let currentFile: string | undefined;
  const lines = new Map<string, string[]>();
  const lineOf = (file: string, n: number): string | undefined => {
    let l = lines.get(file);
    if (!l) {
      const text = options.sources.get(file);
      if (text === undefined) return undefined;
      l = text.split(/\r?\n/);
      lines.set(file, l);
    }
    return l[n - 1];
  };
  for (const d of sortDiagnostics(diagnostics)) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('bold', d.file));
      currentFile = d.file;
    }
    out.push(`${d.file}:${d.line}:${d.column}  ${sev[d.severity]}  ${d.message}  ${paint('dim', d.rule)}`);
    const src = lineOf(d.file, d.line);
    if (src !== undefined) {
      const gutter = String(d.line);
      const shown = src.replace(/\t/g, ' ');
      out.push(paint('dim', `  ${gutter} | `) + shown);
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, shown.length - d.column + 1);
      out.push(paint('dim', `  ${' '.repeat(gutter.length)} | `) + ' '.repeat(Math.max(0, d.column - 1)) + paint(d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'blue', '^'.repeat(Math.min(width, 80))));
    }
    if (d.cause) {
      out.push(`  ${paint('cyan', 'see')} ${d.cause.file}:${d.cause.line}:${d.cause.column}${d.cause.message ? `: ${d.cause.message}` : ''}`);
    }
    if (d.note) out.push(`  ${paint('cyan', 'note')} ${d.note}`);
  }
  const s = summarize(diagnostics);
  if (out.length) out.push('');
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`;
  out.push(s.errors ? paint('red', `✖ ${summary}`) : s.warnings ? paint('yellow', `⚠ ${summary}`) : paint('bold', `✔ ${summary}`));
  return out.join('\n') + '\n';
}
