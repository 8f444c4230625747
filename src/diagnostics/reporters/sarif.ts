import type { Locale } from '../../i18n.js';
import { wellFormedStrings } from '../../util/text.js';
import { placeholders, sortDiagnostics, type Diagnostic, type RuleInfo } from '../types.js';

/**
 * SARIF 2.1.0, for code-scanning dashboards. Pure. Each rule lists its messages
 * (`messageStrings`, §3.49.11) in `locale`, the language of the diagnostics; a result names its
 * message by `id`, with its placeholders' values as `arguments` (§3.11.11), and gives its text.
 */
export function formatSarif(diagnostics: Diagnostic[], rules: readonly RuleInfo[], version: string, locale: Locale = 'fr'): string {
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const byId = new Map(rules.map((r) => [r.id, r]));
  /**
   * A result's message by id: its rule's message string and the values of its placeholders,
   * in the order of the string's {0}, {1}…; nothing when the rule does not list that message or
   * the diagnostic lacks a value (the text alone then, never an id a viewer cannot fill).
   */
  const byIdOf = (d: Diagnostic): { id: string; arguments?: string[] } | undefined => {
    const template = d.messageId ? byId.get(d.rule)?.messages?.[d.messageId] : undefined;
    if (!d.messageId || !template) return undefined;
    const names = placeholders(template[locale]);
    if (names.length === 0) return { id: d.messageId };
    const data = d.data ?? {};
    return names.every((n) => Object.hasOwn(data, n)) ? { id: d.messageId, arguments: names.map((n) => data[n]) } : undefined;
  };
  const region = (p: { line: number; column: number; endLine: number; endColumn: number }) => ({
    startLine: p.line,
    startColumn: p.column,
    endLine: p.endLine,
    endColumn: Math.max(p.endColumn, p.endLine === p.line ? p.column + 1 : 1),
  });
  const results = sortDiagnostics(diagnostics).map((d) => {
    return {
      ruleId: d.rule,
      ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
      level: level[d.severity],
      message: {
        ...byIdOf(d),
        text: d.note ? `${d.message} ${d.note}` : d.message,
      },
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
    };
  });
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
              ...(r.messages && Object.keys(r.messages).length > 0
                ? { messageStrings: Object.fromEntries(Object.entries(r.messages).map(([id, t]) => [id, { text: messageString(t[locale]) }])) }
                : {}),
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

/**
 * A coop message template as a SARIF message string (§3.11.5): its `{name}` placeholders
 * numbered `{0}`, `{1}`… in order of first use (byIdOf gives the values in that order),
 * any other brace doubled.
 */
export function messageString(template: string): string {
  const names = placeholders(template);
  return template.replace(/\{(\w+)\}|[{}]/g, (m: string, name: string | undefined) => (name !== undefined ? `{${names.indexOf(name)}}` : m + m));
}

function uri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
