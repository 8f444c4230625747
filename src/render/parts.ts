/**
 * A long HTML fragment cut into top-level parts, so that a 5,000-page sign-in sheet is parsed,
 * typeset and laid out one sheet at a time instead of as one tree of a million nodes (which
 * costs gigabytes and most of the time in garbage collection).
 *
 * parse5's tokenizer finds the cuts: a cut is made before a top-level start tag, once the
 * elements before it are all closed, only whitespace separates it from the last one, and the
 * part so far is long enough. Parsing each part on its own then gives the same trees as
 * parsing the whole: the cut is where the HTML tree builder's stack of open elements is empty.
 * An element left open (an unclosed `<p>` or `<li>`, whose end HTML implies) keeps the count
 * above zero, and an end tag that closes other elements with it (misnested or unclosed
 * formatting, which the tree builder reopens or moves) stops the cutting: the rest is one
 * part, which is only slower. A caller may refuse a cut after a
 * given element (the PDF engine refuses one after a heading kept with what follows).
 */
import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';

/** Elements that never have an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content the tokenizer must read as text, as the tree builder tells it to. */
const TEXT_STATE: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

/** Fragments shorter than this are one part: no tokenizing pass at all. */
export const PART_SIZE = 256 * 1024;

export interface TopLevelTag {
  tagName: string;
  className: string;
}

/**
 * Cut `html` into parts of at least `size` characters at top-level element boundaries.
 * `cutAfter(tag)` says whether a cut may follow that top-level element.
 */
export function splitTopLevel(html: string, size = PART_SIZE, cutAfter: (tag: TopLevelTag) => boolean = () => true): string[] {
  if (html.length < 2 * size) return [html];
  const cuts: number[] = [];
  const stack: string[] = [];
  let lastCut = 0;
  /** An end tag closed more than its own element: no cut is safe after it. */
  let broken = false;
  /** A top-level element that allows a cut after it has just closed (only whitespace since). */
  let mayCut = false;
  /** The class of the open top-level element. */
  let topClass = '';
  const classOf = (t: Token.TagToken) => t.attrs.find((a) => a.name === 'class')?.value ?? '';
  const handler: TokenHandler = {
    onStartTag(t) {
      const loc = t.location!;
      if (!broken && stack.length === 0 && mayCut && loc.startOffset - lastCut >= size) {
        cuts.push(loc.startOffset);
        lastCut = loc.startOffset;
      }
      mayCut = false;
      if (t.selfClosing || VOID.has(t.tagName)) {
        if (stack.length === 0) mayCut = cutAfter({ tagName: t.tagName, className: classOf(t) });
        return;
      }
      stack.push(t.tagName);
      if (stack.length === 1) topClass = classOf(t);
      const state = TEXT_STATE[t.tagName];
      if (state !== undefined) tokenizer.state = state;
    },
    onEndTag(t) {
      const i = stack.lastIndexOf(t.tagName);
      if (i < 0) return; // an end tag with nothing to close: the tree builder ignores it
      if (i !== stack.length - 1) {
        // It closes others with it: the tree builder may reopen them later (a <b> left open
        // in a <div> makes what follows bold) or move nodes (misnested tags). From here on
        // the parts could differ from the whole: no more cuts.
        broken = true;
      }
      const top = stack[0];
      stack.length = i;
      mayCut = stack.length === 0 && cutAfter({ tagName: top, className: topClass });
    },
    onCharacter() {
      mayCut = false;
    },
    onNullCharacter() {
      mayCut = false;
    },
    onWhitespaceCharacter() {},
    onComment() {},
    onDoctype() {},
    onEof() {},
  };
  const tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, handler);
  tokenizer.write(html, true);
  if (cuts.length === 0) return [html];
  const parts: string[] = [];
  let from = 0;
  for (const c of cuts) {
    parts.push(html.slice(from, c));
    from = c;
  }
  parts.push(html.slice(from));
  return parts;
}
