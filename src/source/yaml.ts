import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Place } from '../diagnostics/types.js';
import { tx, type Text } from '../i18n.js';

export type Path = ReadonlyArray<string | number>;

/** A problem found while reading a source file, before any rule runs. */
export interface RawProblem {
  rule: string;
  message: Text;
  place: Place;
  note?: Text;
  cause?: Place & { message?: Text };
}

/**
 * A YAML source file kept with its document tree, so that any later stage can turn a
 * path into the user's `file:line:col`.
 */
export class YamlSource {
  readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed | undefined;
  readonly value: unknown;
  readonly problems: RawProblem[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    /** Line offset added to every position (front matter inside a Markdown file). */
    readonly lineOffset = 0,
  ) {
    let doc: Document.Parsed | undefined;
    try {
      doc = parseDocument(text, {
        lineCounter: this.lineCounter,
        // YAML 1.2 core schema even when the file says `%YAML 1.1`: 9:30 stays a string.
        schema: 'core',
        version: '1.2',
        uniqueKeys: true,
        prettyErrors: false,
        strict: true,
      });
    } catch (err) {
      this.problems.push({ rule: 'syntax/yaml', message: tx(errorText(err), errorText(err)), place: this.placeOfOffset(0, 0) });
    }
    this.doc = doc;
    if (!doc) return;
    for (const e of [...doc.errors, ...doc.warnings]) {
      const [start, end] = e.pos;
      this.problems.push({
        rule: 'syntax/yaml',
        message: describeYamlError(e.code, e.message),
        place: this.placeOfOffset(start, Math.max(end, start + 1)),
        note:
          e.code === 'DUPLICATE_KEY'
            ? tx(
                'Une clé ne peut figurer qu’une fois dans un même bloc : fusionnez les deux entrées.',
                'Each key may appear only once in a mapping; merge the two entries.',
              )
            : undefined,
      });
    }
    if (doc.errors.length > 0) return;
    try {
      // maxAliasCount bounds alias expansion (billion laughs): the yaml package throws past it.
      this.value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      this.problems.push({
        rule: 'syntax/yaml',
        message: tx(
          `Trop d’alias (${errorText(err)}) : au plus 100 expansions d’alias sont permises, pour arrêter les documents « billion laughs ».`,
          `Too many alias expansions (${errorText(err)}): at most 100 are allowed, to stop "billion laughs" documents.`,
        ),
        place: this.placeOfOffset(0, 1),
      });
    }
  }

  placeOfOffset(start: number, end: number): Place {
    const a = this.lineCounter.linePos(start);
    const b = this.lineCounter.linePos(Math.max(start, end));
    return {
      file: this.file,
      line: a.line + this.lineOffset,
      column: a.col,
      endLine: b.line + this.lineOffset,
      endColumn: b.col,
    };
  }

  /** The node at `path`, or the deepest existing ancestor, with the depth reached. */
  nodeAt(path: Path): { node: YamlNode | undefined; depth: number } {
    let node: unknown = this.doc?.contents;
    let depth = 0;
    for (const key of path) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyValue(p.key) === String(key));
        next = pair?.value ?? undefined;
        if (pair && next === undefined) next = pair.key; // `key:` with no value
      } else if (isSeq(node) && typeof key === 'number') {
        next = node.items[key];
      }
      if (next === undefined || next === null) break;
      node = next;
      depth++;
    }
    return { node: node as YamlNode | undefined, depth };
  }

  /** The key node of `key` inside the map at `path` (for unknown keys). */
  keyNodeAt(path: Path, key: string): YamlNode | undefined {
    const { node, depth } = this.nodeAt(path);
    if (depth !== path.length || !isMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && keyValue(p.key) === key);
    return (pair?.key as YamlNode | undefined) ?? undefined;
  }

  /** The place of the value at `path` (or of its nearest ancestor present in the file). */
  placeOf(path: Path): Place {
    const { node } = this.nodeAt(path);
    return this.placeOfNode(node);
  }

  placeOfKey(path: Path, key: string): Place {
    return this.placeOfNode(this.keyNodeAt(path, key) ?? this.nodeAt(path).node);
  }

  placeOfNode(node: YamlNode | undefined): Place {
    const range = node?.range;
    if (!range) return this.placeOfOffset(0, 0);
    // For collections, point at the first line only: a whole block is not a useful caret.
    let end = range[1];
    if (!isScalar(node)) {
      const nl = this.text.indexOf('\n', range[0]);
      if (nl >= 0 && nl < end) end = nl;
    }
    return this.placeOfOffset(range[0], end);
  }
}

function keyValue(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

const readable: Record<string, Text> = {
  DUPLICATE_KEY: tx('cette clé figure deux fois dans le même bloc', 'this key appears twice in the same mapping'),
  TAB_AS_INDENT: tx(
    'les tabulations sont interdites pour l’indentation en YAML : utilisez des espaces',
    'tabs are not allowed for indentation in YAML; use spaces',
  ),
  BAD_INDENT: tx('l’indentation est incohérente ici', 'the indentation is inconsistent here'),
  MISSING_CHAR: tx('un caractère fermant manque', 'a closing character is missing'),
  MULTILINE_IMPLICIT_KEY: tx(
    'une clé s’étend sur plusieurs lignes : il manque sans doute des guillemets ou un deux-points',
    'a key spans several lines: a value probably lacks quotes, or a colon is missing',
  ),
  BLOCK_AS_IMPLICIT_KEY: tx(
    'un bloc est utilisé comme clé : vérifiez l’indentation et les deux-points',
    'a block is used as a key: check the indentation and the colons',
  ),
  UNEXPECTED_TOKEN: tx('caractère inattendu', 'unexpected character'),
  BAD_ALIAS: tx('cet alias ne désigne aucune ancre', 'this alias names no anchor'),
};

function describeYamlError(code: string, message: string): Text {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const plain = readable[code];
  if (plain) return tx(`${capitalize(plain.fr)} (${first}).`, `${capitalize(plain.en)} (${first}).`);
  return tx(`YAML invalide : ${first}.`, `Invalid YAML: ${first}.`);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
