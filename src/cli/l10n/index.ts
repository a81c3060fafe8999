// The CLI's `t(key, args)`, in the language of the environment: LC_ALL, then LC_MESSAGES, then LANG (POSIX order).
import { chooseLanguage, makeTranslator, type MessageArgs } from '../../common/l10n';
import { de } from './de';
import { en, type CliMessageKey } from './en';

const translations = { de };

/** The language asked for by `env`; `en` for C, POSIX, unset or a language without a bundle. */
export function cliLanguage(env: NodeJS.ProcessEnv): string {
  // The first variable that is set decides, even when its language has no bundle (LC_ALL=C means English).
  const first = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(value => value !== undefined && value !== '');
  return chooseLanguage([first], ['en', ...Object.keys(translations)]);
}

const translate = makeTranslator(en, translations, cliLanguage(process.env));

/** A user-facing line in the terminal's language; `{name}` placeholders are filled from `args`. */
export function t(key: CliMessageKey, args?: MessageArgs): string { return translate(key, args); }
