// Localisation core shared by the dashboard and the CLI: one English bundle (the keys and the fallback),
// bundles per language, `{name}` placeholders. Platform-neutral: callers say which language they run in.

/** Placeholder values; numbers are shown as they are (callers format them first when it matters). */
export type MessageArgs = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown name is left as written, so a missing argument shows, not vanishes. */
export function formatMessage(template: string, args?: MessageArgs): string {
  if (!args) { return template; }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** The names of the `{placeholders}` in a message, sorted: a translation must use the same ones. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]))].sort();
}

/**
 * The first of `wanted` (BCP 47 tags or POSIX locales, best first: `de-CH`, `de_CH.UTF-8`) that one of
 * `available` serves, matched on the primary language; `en` when none does.
 */
export function chooseLanguage(wanted: readonly (string | undefined)[], available: readonly string[]): string {
  for (const tag of wanted) {
    const primary = tag?.trim().toLowerCase().split(/[-_.@]/)[0];
    if (primary && available.includes(primary)) { return primary; }
  }
  return 'en';
}

/** A `t(key, args)` over an English bundle and translations of it; a key missing in a translation falls back to English. */
export function makeTranslator<K extends string>(english: Record<K, string>, translations: Record<string, Record<K, string>>, language: string):
(key: K, args?: MessageArgs) => string {
  const bundle: Partial<Record<K, string>> = translations[language] ?? {};
  return (key, args) => formatMessage(bundle[key] ?? english[key], args);
}
