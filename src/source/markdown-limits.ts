/**
 * Bounds on Markdown (minutes, descriptions), so that no input costs a minute of CPU or a
 * stack overflow. Measured on micromark 4 / remark-gfm 4 (Node 20): the parser is quadratic in
 * the emphasis and bracket markers of one paragraph (`*a` x 50,000 in one line: 49 s) and in
 * the lines of one paragraph (8,000 lines: ~1 s, each 4x as many ~10x the time: `resolveAllText`
 * splices once per run of text, and a lazy line rescans the paragraph), costs
 * ~30 µs per GFM table cell, its container code is super-linear in nesting depth (2,000 nested
 * list items did not finish in two minutes), and every later stage (remark-rehype, the HTML
 * writer, both back ends) recurses once per level. A link reference definition is copied into
 * every reference to it: 100 KB of `[x]` and one long `[x]: url` make 100 MB of HTML.
 *
 * Two passes:
 * - `scanMarkdown` reads the text once, line by line, before any parsing: it refuses what
 *   would be slow to parse (markers per paragraph and per file, table cells, lines nested or
 *   indented too deep), and says whether the text could exceed a limit only the tree can tell;
 * - `checkMarkdownTree` measures the parsed tree: container nesting, any nesting, and what
 *   link references expand to.
 * Both report a line and column inside the text; the caller adds where the text starts.
 */
import type { Nodes, Root } from 'mdast';
import { tx } from '../i18n.js';
import { stageMessage, type MessageData, type Messages, type Said } from '../diagnostics/types.js';

export const MARKDOWN_LIMITS = {
  /** Nested block quotes and list items. */
  nesting: 32,
  /** Any nesting of the tree (a list level is two: list and item). */
  depth: 100,
  /** Indentation of a line, in columns (beyond it, no text is legible anyway). */
  indent: 128,
  /** `*`, `_`, `~`, `[` and `]` in one paragraph. */
  markersPerParagraph: 1000,
  /** The same, in one file (all descriptions of an event together). */
  markersPerFile: 100_000,
  /** Lines of one paragraph (lazy continuation lines included). */
  linesPerParagraph: 1000,
  /** Table cells (`|`) in one file. */
  tableCells: 20_000,
  /** Characters that link and image references copy from their definitions, per file. */
  referenceExpansion: 1_000_000,
} as const;

export interface MarkdownProblem extends Said {
  /** 1-based, in the scanned text. */
  line: number;
  column: number;
}

/** The messages of `syntax/markdown`: a limit of MARKDOWN_LIMITS passed ({limit}, as written in each language). */
export const markdownMessages = {
  indented: tx(
    'Ligne en retrait de {indent} colonnes, au-delà de la limite de {limit} : coop refuse une imbrication aussi profonde (au plus {nesting} niveaux de citations et de listes).',
    'Line indented by {indent} columns, over the limit of {limit}: coop refuses nesting this deep (at most {nesting} levels of quotes and lists).',
  ),
  nestedLines: tx(
    'Citations ou listes imbriquées sur {levels} niveaux, au-delà de la limite de {limit}.',
    'Quotes or lists nested {levels} levels deep, over the limit of {limit}.',
  ),
  markersInParagraph: tx(
    'Plus de {limit} marques d’emphase ou de lien (* _ ~ [ ]) dans un même paragraphe (depuis la ligne {from}) : au-delà, la lecture du Markdown devient trop lente. Séparez le texte en paragraphes, ou échappez les caractères (\\*).',
    'More than {limit} emphasis or link markers (* _ ~ [ ]) in one paragraph (from line {from}): past that, reading the Markdown gets too slow. Split the text into paragraphs, or escape the characters (\\*).',
  ),
  markersInFile: tx(
    'Plus de {limit} marques d’emphase ou de lien (* _ ~ [ ]) dans le fichier : au-delà, la lecture du Markdown devient trop lente.',
    'More than {limit} emphasis or link markers (* _ ~ [ ]) in the file: past that, reading the Markdown gets too slow.',
  ),
  linesInParagraph: tx(
    'Plus de {limit} lignes dans un même paragraphe (depuis la ligne {from}) : au-delà, la lecture du Markdown devient trop lente. Séparez le texte en paragraphes par des lignes vides.',
    'More than {limit} lines in one paragraph (from line {from}): past that, reading the Markdown gets too slow. Split the text into paragraphs with blank lines.',
  ),
  tableCells: tx(
    'Plus de {limit} cellules de tableau (|) dans le fichier : au-delà, la lecture des tableaux devient trop lente. Joignez un tableau aussi grand en CSV.',
    'More than {limit} table cells (|) in the file: past that, reading tables gets too slow. Attach a table this large as a CSV file.',
  ),
  nestedContainers: tx('Citations ou listes imbriquées sur plus de {limit} niveaux.', 'Quotes or lists nested more than {limit} levels deep.'),
  nestedTree: tx('Markdown imbriqué sur plus de {limit} niveaux.', 'Markdown nested more than {limit} levels deep.'),
  referenceBomb: tx(
    'Les renvois à des définitions de liens ([texte][nom]) recopient plus de {limit} caractères d’adresses : c’est la forme d’une « bombe » de références, refusée.',
    'Link references ([text][name]) copy more than {limit} characters of addresses: the shape of a reference "bomb", refused.',
  ),
} satisfies Messages;

const fmt = (n: number) => ({ fr: n.toLocaleString('fr-FR').replace(/\u202f/g, '\u00a0'), en: n.toLocaleString('en-GB') });

function problem(line: number, column: number, id: keyof typeof markdownMessages, data: MessageData): MarkdownProblem {
  return { line, column, ...stageMessage('syntax/markdown', markdownMessages, id, data) };
}

/**
 * The pre-parse scan of one file's Markdown. Texts of one file share the per-file counters:
 * call `scan` once per text (an event's descriptions), each with its own positions.
 */
export class MarkdownScanner {
  private markers = 0;
  private cells = 0;

  /**
   * Problems that make the text unparseable within bounds (at most one: the first), and
   * whether the parsed tree must be measured too (deep-looking lines, link references).
   */
  scan(text: string, firstLine = 1): { problem: MarkdownProblem | null; measure: boolean } {
    const L = MARKDOWN_LIMITS;
    let measure = false;
    let fence: { char: string; length: number } | null = null;
    let paragraphMarkers = 0;
    let paragraphStart = firstLine;
    // Lines of the current paragraph-like run: not blank, no container marker of their own, not
    // a heading, a thematic break, an indented code block or a table.
    let paragraphLines = 0;
    let runStart = firstLine;
    let inTable = false;
    let hasDefinition = false;
    let closing = 0;
    let lineNo = firstLine - 1;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const line = text.slice(start, end);
      lineNo++;
      start = end + 1;
      // Fenced code: its content is not parsed for emphasis, links or containers.
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (f && f[1][0] === fence.char && f[1].length >= fence.length && /^\s*$/.test(line.slice(f[0].length))) fence = null;
        continue;
      }
      if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
        fence = { char: f[1][0], length: f[1].length };
        continue;
      }
      if (/^\s*$/.test(line)) {
        paragraphMarkers = 0;
        paragraphStart = lineNo + 1;
        paragraphLines = 0;
        inTable = false;
        continue;
      }
      // Container prefix: indentation, then `>` and list markers.
      let i = 0;
      let indent = 0;
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) indent += line[i++] === '\t' ? 4 - (indent % 4) : 1;
      if (indent > L.indent) {
        return {
          problem: problem(lineNo, 1, 'indented', { indent: String(indent), limit: String(L.indent), nesting: String(L.nesting) }),
          measure,
        };
      }
      let containers = 0;
      const thematic = /^\s*([-*_])(\s*\1){2,}\s*$/.test(line);
      for (;;) {
        while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
        if (line[i] === '>') {
          containers++;
          i++;
          continue;
        }
        const m = thematic ? null : /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 12));
        if (m) {
          containers++;
          i += m[0].length;
          continue;
        }
        break;
      }
      if (containers > L.nesting) {
        return {
          problem: problem(lineNo, 1, 'nestedLines', { levels: String(containers), limit: String(L.nesting) }),
          measure,
        };
      }
      if (containers > 0 || thematic || /^#{1,6}(?:[ \t]|$)/.test(line.slice(i))) {
        paragraphLines = 0;
        inTable = false;
      } else if (/^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(line.slice(i)) && line.includes('|')) {
        inTable = true; // a table's delimiter row: its rows are bounded by tableCells, and linear
        paragraphLines = 0;
      } else if (!inTable && !(indent >= 4 && paragraphLines === 0)) {
        if (paragraphLines++ === 0) runStart = lineNo;
      }
      if (containers + Math.floor(indent / 2) > L.nesting / 2) measure = true;
      if (/^[ \t]*(?:>[ \t]*)*\[[^\]]+\]:/.test(line)) hasDefinition = true;
      // Inline markers: the parser's cost is quadratic in them within a paragraph.
      for (let k = i; k < line.length; k++) {
        const c = line.charCodeAt(k);
        // * _ ~ [ ] and |
        if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93) {
          if (c === 93) closing++;
          paragraphMarkers++;
          this.markers++;
          if (paragraphMarkers > L.markersPerParagraph) {
            return {
              problem: problem(lineNo, k + 1, 'markersInParagraph', { limit: fmt(L.markersPerParagraph), from: String(paragraphStart) }),
              measure,
            };
          }
          if (this.markers > L.markersPerFile) {
            return {
              problem: problem(lineNo, k + 1, 'markersInFile', { limit: fmt(L.markersPerFile) }),
              measure,
            };
          }
        } else if (c === 124) {
          this.cells++;
          if (this.cells > L.tableCells) {
            return {
              problem: problem(lineNo, k + 1, 'tableCells', { limit: fmt(L.tableCells) }),
              measure,
            };
          }
        }
      }
      // After the markers of the line, which a line of too many cells or markers reports first.
      if (paragraphLines > L.linesPerParagraph) {
        return {
          problem: problem(lineNo, 1, 'linesInParagraph', { limit: fmt(L.linesPerParagraph), from: String(runStart) }),
          measure,
        };
      }
    }
    // A definition referenced many times copies its URL each time: measure the tree.
    if (hasDefinition && closing > 1) measure = true;
    return { problem: null, measure };
  }
}

/** The first place where a parsed tree exceeds a limit, or null. Iterative: any depth is safe. */
export function checkMarkdownTree(tree: Root): MarkdownProblem | null {
  const L = MARKDOWN_LIMITS;
  const definitions = new Map<string, number>();
  // Definitions first (a reference may come before its definition).
  const stack: Array<{ node: Nodes; depth: number; containers: number }> = [{ node: tree, depth: 0, containers: 0 }];
  const all: Array<{ node: Nodes; depth: number; containers: number }> = [];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { node, depth, containers } = entry;
    const at = node.position?.start ?? { line: 1, column: 1 };
    const container = node.type === 'blockquote' || node.type === 'listItem';
    if (container && containers + 1 > L.nesting) {
      return problem(at.line, at.column, 'nestedContainers', { limit: String(L.nesting) });
    }
    if (depth > L.depth) {
      return problem(at.line, at.column, 'nestedTree', { limit: String(L.depth) });
    }
    if (node.type === 'definition') definitions.set(node.identifier, node.url.length + (node.title?.length ?? 0));
    all.push(entry);
    if ('children' in node) {
      const nested = container ? containers + 1 : containers;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, depth: depth + 1, containers: nested });
    }
  }
  if (definitions.size === 0) return null;
  let expansion = 0;
  for (const { node } of all) {
    if (node.type !== 'linkReference' && node.type !== 'imageReference') continue;
    expansion += definitions.get(node.identifier) ?? 0;
    if (expansion > L.referenceExpansion) {
      const at = node.position?.start ?? { line: 1, column: 1 };
      return problem(at.line, at.column, 'referenceBomb', { limit: fmt(L.referenceExpansion) });
    }
  }
  return null;
}

/**
 * Where the Markdown body of a file starts, past a YAML front matter (`---` … `---`): its
 * offset and its 1-based line. The front matter is YAML, not Markdown.
 */
export function markdownBody(text: string): { offset: number; line: number } {
  if (!/^---[ \t]*(\n|$)/.test(text)) return { offset: 0, line: 1 };
  const close = /\n---[ \t]*(\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(text);
  if (!m) return { offset: 0, line: 1 };
  const offset = m.index + m[0].length;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { offset, line };
}
