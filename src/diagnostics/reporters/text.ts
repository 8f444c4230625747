import { sortDiagnostics, summarize, type Diagnostic } from '../types.js';
import { visible } from '../../util/visible.js';
import { cliWords, type Locale } from '../../i18n.js';

export interface TextOptions {
  color: boolean;
  /** Source texts by file name, for the excerpt and caret. */
  sources: ReadonlyMap<string, string>;
  /** Language of the summary line and of "see"/"note" (the messages are already in it). */
  lang: Locale;
  /**
   * Counted in the summary line, not listed (a build shows what must be fixed; infos are for
   * `coop check`).
   */
  hideInfos?: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, cyan: 36 } as const;

/**
 * Readable report: grouped by file, the source line with a caret, a summary line. Pure. Every
 * text that comes from the input (file names, messages, source lines) goes through `visible`:
 * no control character from the input reaches the terminal, and none can start a line.
 */
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
  const listed = options.hideInfos ? diagnostics.filter((d) => d.severity !== 'info') : diagnostics;
  for (const d of sortDiagnostics(listed)) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('bold', visible(d.file)));
      currentFile = d.file;
    }
    out.push(`${visible(d.file)}:${d.line}:${d.column}  ${sev[d.severity]}  ${visible(d.message)}  ${paint('dim', visible(d.rule))}`);
    const src = lineOf(d.file, d.line);
    if (src !== undefined) {
      const gutter = String(d.line);
      // Long lines are shown around the column (a 1 MB line is not printed whole).
      const raw = src.replace(/\t/g, ' ');
      const from = raw.length > 200 ? Math.max(0, Math.min(d.column - 1 - 60, raw.length - 200)) : 0;
      const piece = raw.slice(from, from + 200);
      // Escapes are wider than the characters they show: the caret follows them.
      const before = visible(piece.slice(0, Math.max(0, d.column - 1 - from))).length + (from > 0 ? 1 : 0);
      const shown = (from > 0 ? '…' : '') + visible(piece) + (from + 200 < raw.length ? '…' : '');
      out.push(paint('dim', `  ${gutter} | `) + shown);
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, raw.length - d.column + 1);
      out.push(
        paint('dim', `  ${' '.repeat(gutter.length)} | `) +
          ' '.repeat(before) +
          paint(d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'blue', '^'.repeat(Math.min(width, 80))),
      );
    }
    if (d.cause) {
      out.push(
        `  ${paint('cyan', cliWords.see[options.lang])} ${visible(d.cause.file)}:${d.cause.line}:${d.cause.column}${d.cause.message ? `: ${visible(d.cause.message)}` : ''}`,
      );
    }
    if (d.note) out.push(`  ${paint('cyan', cliWords.note[options.lang])} ${visible(d.note)}`);
  }
  const s = summarize(diagnostics);
  if (out.length) out.push('');
  const summary = cliWords.summary(s.errors, s.warnings, s.infos)[options.lang];
  out.push(s.errors ? paint('red', `✖ ${summary}`) : s.warnings ? paint('yellow', `⚠ ${summary}`) : paint('bold', `✔ ${summary}`));
  return out.join('\n') + '\n';
}
