/**
 * Text from the input, made safe to print on a terminal or in a CI log: every control
 * character becomes visible instead of acting. ESC (`\x1b`) would let a YAML string or a file
 * name write the clipboard (OSC 52), retitle the window or clear the screen; a line feed would
 * let it start a line of its own, such as a forged `::error file=…::` workflow command; BEL
 * rings, NUL and C1 controls confuse terminals; bidirectional overrides (U+202E) make a
 * terminal show text in another order than it is.
 *
 * Every human output of coop goes through this: the text reporter, `wrote …` lines, the
 * progress line, error messages, `coop actions`. Machine outputs (JSON, SARIF) escape
 * control characters by their own rules; `--format github` escapes them too.
 */
const CONTROL =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with control characters written as escapes: ESC as `\x1b`, a line feed as `\n`, U+202E as `\u202e`. */
export function visible(s: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Like `visible`, but tabs stay tabs (a source line shown under a diagnostic). */
export function visibleLine(s: string): string {
  return s.includes('\t') ? s.split('\t').map(visible).join('\t') : visible(s);
}
