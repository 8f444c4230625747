import { wellFormedStrings } from '../../util/text.js';
import { sortDiagnostics, summarize, type Diagnostic } from '../types.js';

/** The machine-readable document of FORMAT.md §3. Pure. */
export function formatJson(diagnostics: Diagnostic[]): string {
  const sorted = sortDiagnostics(diagnostics).map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    rule: d.rule,
    messageId: d.messageId,
    message: d.message,
    ...(d.cause ? { cause: d.cause } : {}),
    ...(d.note ? { note: d.note } : {}),
  }));
  return JSON.stringify({ diagnostics: sorted, summary: summarize(diagnostics) }, wellFormedStrings, 2) + '\n';
}
