import { wellFormedStrings } from '../../util/text.js';
import { sortDiagnostics, type Diagnostic, type RuleInfo } from '../types.js';

/** SARIF 2.1.0, for code-scanning dashboards. Pure. */
export function formatSarif(diagnostics: Diagnostic[], rules: readonly RuleInfo[], version: string): string {
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (p: { line: number; column: number; endLine: number; endColumn: number }) => ({
    startLine: p.line,
    startColumn: p.column,
    endLine: p.endLine,
    endColumn: Math.max(p.endColumn, p.endLine === p.line ? p.column + 1 : 1),
  });
  const results = sortDiagnostics(diagnostics).map((d) => ({
    ruleId: d.rule,
    ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
    level: level[d.severity],
    message: { id: d.messageId, text: d.note ? `${d.message} ${d.note}` : d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri(d.file) }, region: region(d) } }],
    ...(d.cause
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: d.cause.message ?? 'related' },
              physicalLocation: { artifactLocation: { uri: uri(d.cause.file) }, region: region(d.cause) },
            },
          ],
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coop',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: level[r.severity] },
            })),
          },
        },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, wellFormedStrings, 2) + '\n';
}

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
