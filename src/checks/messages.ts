/**
 * Messages declared, not assembled (eslint's `meta.messages` and `context.report`): a rule
 * names a message by id and gives its placeholders' values; the template is filled here,
 * language by language.
 */
import { formatMessage, type MessageRef } from '../diagnostics/types.js';
import type { Text } from '../i18n.js';
import type { Rule } from './types.js';

/** The text of a message of a rule in both languages (formatMessage: an undeclared id or a data mismatch throws). */
export function messageText(rule: Rule, ref: MessageRef): Text {
  return formatMessage(rule.id, rule.messages, ref);
}

/** A ready text, or a message by id resolved to its text. */
export function resolveText(rule: Rule, t: Text | MessageRef): Text {
  return 'messageId' in t ? messageText(rule, t) : t;
}
