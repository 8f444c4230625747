/**
 * Messages declared, not assembled (eslint's `meta.messages` and `context.report`): a rule
 * names a message by id and gives its placeholders' values; the template is filled here,
 * language by language.
 */
import type { Text } from '../i18n.js';
import type { MessageData, MessageRef, Rule } from './types.js';

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders of a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

function fill(template: string, data: MessageData, lang: keyof Text): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = data[name];
    return typeof v === 'string' ? v : v[lang];
  });
}

/**
 * The text of a message in both languages. A message id the rule does not declare, a
 * placeholder without a value or a value without a placeholder is a bug in the rule: it
 * throws (every fixture and test runs through here, so the suite finds it).
 */
export function messageText(rule: Rule, ref: MessageRef): Text {
  const template = rule.messages?.[ref.messageId];
  if (!template) throw new Error(`internal: rule ${rule.id} has no message "${ref.messageId}"`);
  const data = ref.data ?? {};
  const wanted = new Set([...placeholders(template.fr), ...placeholders(template.en)]);
  const missing = [...wanted].filter((k) => !Object.hasOwn(data, k));
  const extra = Object.keys(data).filter((k) => !wanted.has(k));
  if (missing.length || extra.length) {
    const what = [missing.length ? `no value for {${missing.join('}, {')}}` : '', extra.length ? `no placeholder for ${extra.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    throw new Error(`internal: rule ${rule.id}, message "${ref.messageId}": ${what}`);
  }
  return { fr: fill(template.fr, data, 'fr'), en: fill(template.en, data, 'en') };
}

/** A ready text, or a message by id resolved to its text. */
export function resolveText(rule: Rule, t: Text | MessageRef): Text {
  return 'messageId' in t ? messageText(rule, t) : t;
}
