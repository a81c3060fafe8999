// The dashboard's `t(key, args)`. The language is fixed once per page load: the VS Code host writes VS Code's
// display language into `<html data-locale>`; in a plain browser tab, the browser's languages decide.
import { chooseLanguage, makeTranslator, type MessageArgs } from '../../../src/common/l10n';
import { de } from './de';
import { en, type MessageKey } from './en';

export { type MessageKey } from './en';

const translations = { de };
export const availableLanguages = ['en', ...Object.keys(translations)];

/** What this file reads of the page; typed here because unit tests load it in Node, where there is no DOM. */
interface PageGlobals {
  document?: { documentElement: { dataset: Record<string, string | undefined>; lang: string } };
  navigator?: { languages?: readonly string[]; language?: string };
}
const page = globalThis as PageGlobals;

function wantedLanguages(): (string | undefined)[] {
  if (!page.document) { return []; }   // unit tests in Node: English
  const fromHost = page.document.documentElement.dataset.locale;
  return fromHost ? [fromHost] : [...(page.navigator?.languages ?? []), page.navigator?.language];
}

/** The language the page speaks: `en` or `de`. */
export const pageLanguage = chooseLanguage(wantedLanguages(), availableLanguages);
if (page.document) { page.document.documentElement.lang = pageLanguage; }

const translate = makeTranslator(en, translations, pageLanguage);

/** A user-facing string in the page's language; `{name}` placeholders are filled from `args`. */
export function t(key: MessageKey, args?: MessageArgs): string { return translate(key, args); }
