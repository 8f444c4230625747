/**
 * A parse5 tree to hast, giving exactly what hast-util-from-parse5 gives (no positions), for
 * less work on the elements documents are made of. `fromParse5` builds every element through
 * hastscript's `h()`: a selector parsed from the tag name, each attribute looked up in the
 * property schema and parsed, the children flattened again. A 5,040-page sign-in sheet makes
 * millions of plain `<td>`, `<span>` and `<p class="x">` elements, the same few attribute sets
 * over and over.
 *
 * Here an HTML element with a plain lower-case tag name is made directly, its properties those
 * `fromParse5` made for the same attributes the first time they were met (kept by their names
 * and values, copied for each element). Anything else (SVG and MathML, `<template>`, a tag
 * name with a `.` or `#`, which `h()` would read as a selector) is handed to `fromParse5`
 * itself, with its subtree. So hast-util-from-parse5 stays the one definition of the
 * conversion: test/hast-from-parse5.test.ts compares both on the examples' documents and on
 * generated HTML.
 */
import type { Comment, Doctype, Element, ElementContent, Properties, Root, RootContent, Text } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { defaultTreeAdapter, html, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];
type P5Parent = DefaultTreeAdapterMap['document'] | DefaultTreeAdapterMap['documentFragment'];

const PLAIN_TAG = /^[a-z][a-z0-9-]*$/;
const own = {}.hasOwnProperty;

/** The properties `fromParse5` gives an attribute set, by its names and values (bounded). */
const propertiesOf = new Map<string, Properties>();
const MAX_SETS = 50_000;

function properties(attrs: P5Element['attrs']): Properties {
  if (attrs.length === 0) return {};
  let key = '';
  // NUL never reaches a name or value: the HTML tokenizer replaces it.
  for (const a of attrs) key += `${a.prefix ?? ''}\0${a.name}\0${a.value}\0`;
  let known = propertiesOf.get(key);
  if (known === undefined) {
    known = (fromParse5(defaultTreeAdapter.createElement('div', html.NS.HTML, attrs), { space: 'html' }) as Element).properties;
    if (propertiesOf.size >= MAX_SETS) propertiesOf.clear();
    propertiesOf.set(key, known);
  }
  const copy: Properties = {};
  for (const name in known) {
    if (!own.call(known, name)) continue;
    const value = known[name];
    copy[name] = Array.isArray(value) ? [...value] : value;
  }
  return copy;
}

function children(nodes: P5Node[]): Array<RootContent & ElementContent> {
  const out: Array<RootContent & ElementContent> = new Array<RootContent & ElementContent>(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = one(nodes[i]) as RootContent & ElementContent;
  return out;
}

function one(node: P5Node): RootContent | Root {
  switch (node.nodeName) {
    case '#text':
      return { type: 'text', value: (node as DefaultTreeAdapterMap['textNode']).value } satisfies Text;
    case '#comment':
      return { type: 'comment', value: (node as DefaultTreeAdapterMap['commentNode']).data } satisfies Comment;
    case '#documentType':
      return { type: 'doctype' } satisfies Doctype;
    case '#document':
    case '#document-fragment':
      return root(node as P5Parent);
    default: {
      const element = node as P5Element;
      if (element.namespaceURI !== html.NS.HTML || element.tagName === 'template' || !PLAIN_TAG.test(element.tagName)) {
        return fromParse5(element, { space: 'html' }) as Element;
      }
      return { type: 'element', tagName: element.tagName, properties: properties(element.attrs), children: children(element.childNodes) } satisfies Element;
    }
  }
}

function root(node: P5Parent): Root {
  const quirksMode = 'mode' in node ? node.mode === 'quirks' || node.mode === 'limited-quirks' : false;
  return { type: 'root', children: children(node.childNodes), data: { quirksMode } };
}

/** `fromParse5(tree, { space: 'html' })` for a parsed document or fragment. */
export function hastFromParse5(tree: P5Parent): Root {
  return root(tree);
}
