/**
 * Language names as the reader's locale writes them (ICU's display names).
 */

const languageNames = new Map<string, Intl.DisplayNames>();

/** "zh" → "chinois" (fr), "Chinese" (en), "中文" (zh): the names ICU knows, the code when it knows none. */
export function languageName(code: string, locale: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
