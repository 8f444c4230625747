/**
 * YAML reading with positions. js-yaml's event parser gives a flat stream of events with
 * source offsets; one pass over it builds a light position tree (for `file:line:col`), and
 * js-yaml constructs the values from the same events with the YAML 1.2 core schema (`9:30`
 * stays a string, `%YAML 1.1` changes nothing). Duplicate keys, tabs, excessive nesting and
 * alias bombs are problems, never crashes.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, YAMLException } from 'js-yaml';
import type { Place } from '../diagnostics/types.js';
import { tx } from '../i18n.js';
import { stageMessage, type Messages, type Problem } from '../diagnostics/types.js';

export type Path = ReadonlyArray<string | number>;

export type PosNode =
  | { kind: 'map'; start: number; end: number; keys: PosNode[]; values: PosNode[]; index?: Map<string, number>; size: number }
  | { kind: 'seq'; start: number; end: number; items: PosNode[]; size: number }
  | { kind: 'scalar'; start: number; end: number; text: string; size: number }
  | { kind: 'alias'; start: number; end: number; size: number };

type Frame = Extract<PosNode, { kind: 'map' | 'seq' }> & { pendingKey?: boolean; anchor?: string };

/** Nesting deeper than this is refused (a 1,000-level document is an attack, not a programme). */
const MAX_DEPTH = 64;
/** Aliases may not add more than this many nodes to the document ("billion laughs"). */
const MAX_EXPANDED_NODES = 200_000;
const MAX_ALIASES = 100;

export class YamlSource {
  readonly value: unknown;
  readonly root: PosNode | undefined;
  readonly problems: Problem[] = [];
  private readonly lineStarts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
    /** Line offset added to every position (front matter inside a Markdown file). */
    readonly lineOffset = 0,
  ) {
    this.lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    let events;
    try {
      events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
      const docs = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
      if (docs > 1) {
        this.problems.push({
          rule: 'syntax/yaml',
          ...stageMessage('syntax/yaml', yamlMessages, 'severalDocuments'),
          place: this.placeOfOffset(secondDocument(text), secondDocument(text) + 3),
        });
        return;
      }
      this.root = this.buildTree(events);
      for (const k of this.reservedKeys) {
        this.problems.push({
          rule: 'schema/invalid',
          ...stageMessage('schema/invalid', yamlSchemaMessages, 'reservedKey'),
          place: this.placeOfNode(k),
        });
      }
      if (this.reservedKeys.length) return;
      if (this.aliasNodes > MAX_EXPANDED_NODES) {
        this.problems.push({
          rule: 'syntax/yaml',
          ...stageMessage('syntax/yaml', yamlMessages, 'aliasBomb', { limit: String(MAX_EXPANDED_NODES) }),
          place: this.placeOfOffset(0, 1),
        });
        return;
      }
      this.value = constructFromEvents(events, { source: text, filename: file, schema: CORE_SCHEMA, maxAliases: MAX_ALIASES })[0];
    } catch (err) {
      this.root = undefined;
      this.value = undefined;
      this.problems.push(this.problemFrom(err));
    }
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  private problemFrom(err: unknown): Problem {
    if (err instanceof YAMLException) {
      // A complex key (`? [a, b]`) fails without a useful position (js-yaml gives 0): point at the `?`.
      const complexKey = /^[ \t]*\?(\s|$)/m.exec(this.text);
      const reason0 = err.reason ?? err.message;
      const pos =
        complexKey && /complex key|object-based map/i.test(reason0) && !err.mark?.position
          ? complexKey.index + complexKey[0].indexOf('?')
          : (err.mark?.position ?? 0);
      const reason = err.reason ?? err.message;
      return {
        rule: 'syntax/yaml',
        ...stageMessage('syntax/yaml', yamlMessages, yamlErrorId(reason), { reason }),
        place: this.placeOfOffset(pos, pos + 1),
        note: reason.startsWith('duplicated mapping key') ? yamlMessages.mergeEntries : undefined,
      };
    }
    const m = err instanceof Error ? err.message : String(err);
    return { rule: 'syntax/yaml', ...stageMessage('syntax/yaml', yamlMessages, 'unreadable', { error: m }), place: this.placeOfOffset(0, 1) };
  }

  /** One pass over the events: a position tree, with each node's expanded size (aliases counted). */
  private buildTree(events: ReturnType<typeof parseEvents>): PosNode | undefined {
    const stack: Frame[] = [];
    const anchors = new Map<string, number>();
    const reserved: PosNode[] = [];
    let nodes = 0;
    let root: PosNode | undefined;
    const placeEmpty = (node: PosNode, at: number) => {
      node.start = at;
      node.end = at + 1;
    };
    const attach = (node: PosNode) => {
      const parent = stack[stack.length - 1];
      if (!parent) {
        root = node;
        return;
      }
      if (parent.kind === 'seq') {
        // `- ` with nothing after it: point at the dash's line.
        if (node.start < 0) placeEmpty(node, parent.items[parent.items.length - 1]?.end ?? parent.start);
        parent.items.push(node);
      } else if (parent.pendingKey) {
        const key = parent.keys[parent.keys.length - 1];
        // `: value` with no key: point at the colon before the value; a lone `:` (no key, no
        // value): find that line after the previous entry.
        if (key.start < 0) {
          if (node.start >= 0) placeEmpty(key, Math.max(0, node.start - 2));
          else {
            const from = parent.values[parent.values.length - 1]?.end ?? parent.start;
            const re = /^[ \t]*(:)(?=[ \t]|$)/gm;
            re.lastIndex = Math.max(0, from);
            const m = re.exec(this.text);
            placeEmpty(key, m ? m.index + m[0].length - 1 : Math.max(0, from));
          }
        }
        // `key:` with no value: point just after the key (at the colon).
        if (node.start < 0) placeEmpty(node, key.end);
        parent.values.push(node);
        parent.pendingKey = false;
      } else {
        if (node.kind === 'scalar' && node.text === '__proto__') reserved.push(node);
        parent.keys.push(node);
        parent.pendingKey = true;
      }
      if (node.end > parent.end) parent.end = node.end;
    };
    const anchorOf = (e: { anchorStart: number; anchorEnd: number }) =>
      e.anchorStart >= 0 ? this.text.slice(e.anchorStart, e.anchorEnd).replace(/^&/, '') : undefined;
    for (const e of events) {
      switch (e.type) {
        case EVENT_ID.DOCUMENT:
          break;
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING: {
          nodes++;
          const base = { start: e.start, end: e.start + 1, size: 1 };
          const frame: Frame = e.type === EVENT_ID.SEQUENCE ? { kind: 'seq', items: [], ...base } : { kind: 'map', keys: [], values: [], ...base };
          frame.anchor = anchorOf(e);
          stack.push(frame);
          break;
        }
        case EVENT_ID.SCALAR: {
          nodes++;
          // Quoted scalars: point at the quotes too, as the user wrote them. An empty scalar
          // has no offset (-1): attach() places it next to its key.
          const q = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED ? 1 : 0;
          const empty = e.valueStart < 0;
          const node: PosNode = empty
            ? { kind: 'scalar', start: -1, end: -1, text: '', size: 1 }
            : { kind: 'scalar', start: e.valueStart - q, end: Math.max(e.valueEnd, e.valueStart) + q, text: '', size: 1 };
          // Only keys need their text (for lookups by name): decode it only for them.
          const parent = stack[stack.length - 1];
          if (!empty && parent?.kind === 'map' && !parent.pendingKey) node.text = getScalarValue(this.text, e);
          const a = anchorOf(e);
          if (a) anchors.set(a, 1);
          attach(node);
          break;
        }
        case EVENT_ID.ALIAS: {
          const name = this.text.slice(e.anchorStart, e.anchorEnd).replace(/^\*/, '');
          attach({ kind: 'alias', start: e.anchorStart, end: e.anchorEnd, size: anchors.get(name) ?? 1 });
          break;
        }
        case EVENT_ID.POP: {
          const frame = stack.pop();
          if (!frame) break; // end of document
          const { pendingKey, anchor, ...node } = frame;
          void pendingKey;
          const children = node.kind === 'seq' ? node.items : [...node.keys, ...node.values];
          for (const c of children) node.size = Math.min(Number.MAX_SAFE_INTEGER, node.size + c.size);
          if (anchor) anchors.set(anchor, node.size);
          attach(node as PosNode);
          break;
        }
      }
    }
    if (root && root.start < 0) placeEmpty(root, 0);
    this.reservedKeys = reserved;
    this.aliasNodes = root ? root.size - nodes : 0;
    return root;
  }

  /** Keys named `__proto__`: JavaScript objects cannot hold them safely, so they are refused. */
  private reservedKeys: PosNode[] = [];
  /** How many nodes aliases add when the document is expanded. */
  private aliasNodes = 0;

  placeOfOffset(start: number, end: number): Place {
    const a = this.lineCol(start);
    const b = this.lineCol(Math.max(start, end));
    return { file: this.file, line: a.line + this.lineOffset, column: a.col, endLine: b.line + this.lineOffset, endColumn: b.col };
  }

  private lineCol(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo] + 1 };
  }

  /** The node at `path`, or the deepest existing ancestor, with the depth reached. */
  nodeAt(path: Path): { node: PosNode | undefined; depth: number } {
    let node = this.root;
    let depth = 0;
    for (const key of path) {
      let next: PosNode | undefined;
      if (node?.kind === 'map') {
        const i = mapIndex(node).get(String(key));
        if (i !== undefined) next = node.values[i] ?? node.keys[i];
      } else if (node?.kind === 'seq' && typeof key === 'number') {
        next = node.items[key];
      }
      if (!next) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  /** The key node of `key` inside the map at `path` (for unknown keys). */
  keyNodeAt(path: Path, key: string): PosNode | undefined {
    const { node, depth } = this.nodeAt(path);
    if (depth !== path.length || node?.kind !== 'map') return undefined;
    const i = mapIndex(node).get(key);
    return i === undefined ? undefined : node.keys[i];
  }

  /** The place of the value at `path` (or of its nearest ancestor present in the file). */
  placeOf(path: Path): Place {
    return this.placeOfNode(this.nodeAt(path).node);
  }

  /**
   * The place of `line`:`column` (1-based) of the text of the scalar at `path`: exact inside a
   * block scalar (`|` or `>`, whose lines are the text's lines, indented) and inside a plain
   * scalar (its lines folded back, see plainScalarOffset); the scalar itself when quoted
   * (escapes make its text differ from its source).
   */
  placeInScalar(path: Path, line: number, column: number): Place {
    const { node, depth } = this.nodeAt(path);
    if (!node || depth !== path.length || node.kind !== 'scalar' || node.start < 0) return this.placeOf(path);
    // js-yaml starts a block scalar at its first content line; the indicator (`|`, `>-`…)
    // ends the line before.
    const lineStart = this.text.lastIndexOf('\n', node.start - 1) + 1;
    const before = this.text.slice(this.text.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1, Math.max(0, lineStart - 1));
    if (!/(^|[\s:-])[|>][-+0-9]*[ \t]*(#.*)?$/.test(before) || this.text[node.start - 1] === '"' || this.text[node.start] === '"') {
      const quoted = this.text[node.start] === '"' || this.text[node.start] === "'" || this.text[node.start - 1] === '"' || this.text[node.start - 1] === "'";
      const at = quoted ? null : plainScalarOffset(this.text, node.start, node.end, line, column);
      return at === null ? this.placeOfNode(node) : this.placeOfOffset(at, at + 1);
    }
    const first = this.lineCol(lineStart).line;
    // The block's indentation: that of its first line that is not blank.
    let indent = 0;
    for (let l = first; l <= this.lineStarts.length; l++) {
      const from = this.lineStarts[l - 1];
      const to = l < this.lineStarts.length ? this.lineStarts[l] - 1 : this.text.length;
      const m = /^ */.exec(this.text.slice(from, Math.min(to, from + 1000)))!;
      if (m[0].length < to - from) {
        indent = m[0].length;
        break;
      }
    }
    const target = Math.min(first + line - 1, this.lineStarts.length);
    const at = Math.min(this.text.length, this.lineStarts[target - 1] + indent + column - 1);
    return this.placeOfOffset(at, at + 1);
  }

  placeOfKey(path: Path, key: string): Place {
    return this.placeOfNode(this.keyNodeAt(path, key) ?? this.nodeAt(path).node);
  }

  placeOfNode(node: PosNode | undefined): Place {
    if (!node) return this.placeOfOffset(0, 0);
    let end = node.end;
    // For collections, point at the first line only: a whole block is not a useful caret.
    if (node.kind !== 'scalar') {
      const nl = this.text.indexOf('\n', node.start);
      if (nl >= 0 && nl < end) end = nl;
    }
    return this.placeOfOffset(node.start, end);
  }
}

/**
 * The offset in `text` of `line`:`column` (1-based) of the value of the plain scalar written at
 * [start, end): YAML folds a plain scalar's lines (each trimmed, joined by a space, an empty
 * line making a line break), so the value is rebuilt with the source offset of each of its
 * characters. Null when the value has no such place.
 */
export function plainScalarOffset(text: string, start: number, end: number, line: number, column: number): number | null {
  if (start < 0 || end > text.length || end <= start) return null;
  let valueLine = 1;
  let breaks = 0;
  let first = true;
  let from = start;
  while (from < end) {
    let to = text.indexOf('\n', from);
    if (to < 0 || to > end) to = end;
    let a = from;
    let b = to;
    while (a < b && (text[a] === ' ' || text[a] === '\t')) a++;
    while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t' || text[b - 1] === '\r')) b--;
    if (a === b) breaks++;
    else {
      if (!first) {
        // A single line break folds into a space (on the value's line); empty lines are line breaks.
        if (breaks > 0) valueLine += breaks;
        else if (valueLine === line && --column === 0) return a;
      }
      first = false;
      breaks = 0;
      if (valueLine === line) {
        if (column >= 1 && column <= b - a) return a + column - 1;
        column -= b - a;
      } else if (valueLine > line) return null;
    }
    from = to + 1;
  }
  return null;
}

function mapIndex(node: Extract<PosNode, { kind: 'map' }>): Map<string, number> {
  if (!node.index) {
    node.index = new Map();
    node.keys.forEach((k, i) => {
      // An empty key reads as null in the values (and "null" in messages).
      const text = k.kind === 'scalar' && k.text === '' ? 'null' : k.kind === 'scalar' ? k.text : undefined;
      if (text !== undefined && !node.index!.has(text)) node.index!.set(text, i);
    });
  }
  return node.index;
}

/** The messages of `syntax/yaml`: js-yaml's reason, said in words, then given as it is. */
export const yamlMessages = {
  severalDocuments: tx(
    'Le fichier contient plusieurs documents YAML (séparés par ---) : un seul est attendu.',
    'The file holds several YAML documents (separated by ---): expected one.',
  ),
  aliasBomb: tx(
    'Les alias (*nom) ajoutent plus de {limit} éléments à ce document : c’est la forme d’une attaque « billion laughs », refusée.',
    'Aliases (*name) add more than {limit} nodes to this document: the shape of a "billion laughs" attack, refused.',
  ),
  duplicateKey: tx('Cette clé figure deux fois dans le même bloc ({reason}).', 'This key appears twice in the same mapping ({reason}).'),
  tabIndent: tx(
    'Les tabulations sont interdites pour l’indentation en YAML : utilisez des espaces ({reason}).',
    'Tabs are not allowed for indentation in YAML; use spaces ({reason}).',
  ),
  badIndent: tx('L’indentation est incohérente ici ({reason}).', 'The indentation is inconsistent here ({reason}).'),
  missingComma: tx(
    'Une virgule manque entre deux éléments entre crochets ou accolades ({reason}).',
    'A comma is missing between two entries in brackets or braces ({reason}).',
  ),
  unclosedFlow: tx('Un crochet ou une accolade fermante manque ({reason}).', 'A closing bracket or brace is missing ({reason}).'),
  brokenStructure: tx(
    'La structure est incohérente ici (indentation ou deux-points) ({reason}).',
    'The structure breaks here (indentation or a colon) ({reason}).',
  ),
  multilineKey: tx(
    'Une clé s’étend sur plusieurs lignes : il manque sans doute des guillemets ou un deux-points ({reason}).',
    'A key spans several lines: a value probably lacks quotes, or a colon is missing ({reason}).',
  ),
  unknownAlias: tx('Cet alias ne désigne aucune ancre ({reason}).', 'This alias names no anchor ({reason}).'),
  tooManyAliases: tx(
    `Trop d’alias (*nom) : au plus ${MAX_ALIASES} sont permis ({reason}).`,
    `Too many aliases (*name): at most ${MAX_ALIASES} are allowed ({reason}).`,
  ),
  tooDeep: tx(
    `Imbrication trop profonde : au plus ${MAX_DEPTH} niveaux sont permis ({reason}).`,
    `Nesting too deep: at most ${MAX_DEPTH} levels are allowed ({reason}).`,
  ),
  invalid: tx('YAML invalide : {reason}.', 'Invalid YAML: {reason}.'),
  unreadable: tx('YAML illisible : {error}', 'Unreadable YAML: {error}'),
  mergeEntries: tx(
    'Une clé ne peut figurer qu’une fois dans un même bloc : fusionnez les deux entrées.',
    'Each key may appear only once in a mapping; merge the two entries.',
  ),
} satisfies Messages;

/** A `schema/invalid` message found while reading the YAML. */
export const yamlSchemaMessages = {
  reservedKey: tx(
    'La clé « __proto__ » est réservée (JavaScript) : choisissez un autre identifiant.',
    'The key "__proto__" is reserved (JavaScript): choose another id.',
  ),
} satisfies Messages;

/** js-yaml's reasons coop says in words, by the start of the reason. */
const readable: Array<[prefix: string, id: keyof typeof yamlMessages]> = [
  ['duplicated mapping key', 'duplicateKey'],
  ['tab characters must not be used in indentation', 'tabIndent'],
  ['bad indentation', 'badIndent'],
  ['missed comma between flow collection entries', 'missingComma'],
  ['unexpected end of the stream within a flow collection', 'unclosedFlow'],
  ['end of the stream or a document separator is expected', 'brokenStructure'],
  ['can not read a block mapping entry; a multiline key may not be an implicit key', 'multilineKey'],
  ['unidentified alias', 'unknownAlias'],
  ['aliases exceeded maxAliases', 'tooManyAliases'],
  ['nesting exceeded maxDepth', 'tooDeep'],
];

function yamlErrorId(reason: string): keyof typeof yamlMessages {
  return readable.find(([p]) => reason.startsWith(p) || reason.includes(p))?.[1] ?? 'invalid';
}

/** Offset of the second document of a stream: a `---` line after some content, or a second `---`. */
function secondDocument(text: string): number {
  const re = /^---(?=\s|$)/gm;
  const first = re.exec(text);
  if (!first) return 0;
  const before = text
    .slice(0, first.index)
    .replace(/^\s*(#.*)?$/gm, '')
    .trim();
  if (before && !before.startsWith('%')) return first.index;
  const second = re.exec(text);
  return second ? second.index : first.index;
}
