// Field types: a normalised text becomes its canonical form (integer digits, a four-digit year, an ISO date),
// or is reported as not of its type. Pure; knows nothing of OCR or templates beyond the FieldType names.
import { assertNever } from '../../common/assert';
import type { FieldType } from '../../protocol';

export type Typed = { ok: true; value: string } | { ok: false; value: string };

/** Letters OCR puts for digits in a number: `1O5` → `105`, `l2` → `12`. Only inside a digit run. */
function digitsOnly(text: string): string {
  return text.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1');
}

/** `1,234` / `1.234` / `1 234` / `1O5` → `1234` / … / `105`; anything else with letters is not an integer. */
export function toInteger(text: string): Typed {
  const compact = text.replace(/[\s,.'’]/g, '');
  const fixed = /\d/.test(compact) ? digitsOnly(compact) : compact;
  if (!/^-?\d+$/.test(fixed)) { return { ok: false, value: text }; }
  return { ok: true, value: String(Number.parseInt(fixed, 10)) };
}

/** The first plausible year (1000–2099) in the text, e.g. `Mainz, 1952.` → `1952`. */
export function toYear(text: string): Typed {
  const match = /(?<!\d)(1\d{3}|20\d{2})(?!\d)/.exec(text);
  return match ? { ok: true, value: match[1] } : { ok: false, value: text };
}

/** Month names and abbreviations in German, English, French and Italian, lower-case, without the dot. */
const months: Record<string, number> = {};
const monthNames: string[][] = [
  ['januar', 'jan', 'jän', 'jänner', 'january', 'janvier', 'janv', 'gennaio', 'genn'],
  ['februar', 'feb', 'febr', 'february', 'février', 'fevrier', 'févr', 'fevr', 'febbraio'],
  ['märz', 'mär', 'maerz', 'mrz', 'march', 'mar', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'aprile'],
  ['mai', 'may', 'maggio', 'magg'],
  ['juni', 'jun', 'june', 'juin', 'giugno'],
  ['juli', 'jul', 'july', 'juillet', 'juil', 'luglio'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'settembre', 'sett'],
  ['oktober', 'okt', 'october', 'oct', 'octobre', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre'],
  ['dezember', 'dez', 'december', 'dec', 'décembre', 'decembre', 'déc', 'dicembre', 'dic'],
];
monthNames.forEach((names, index) => { for (const name of names) { months[name] = index + 1; } });

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
  return i;
}

/** Within one edit (insert, delete or substitute a letter) of each other. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) { return false; }
  const i = commonPrefix(a, b);
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}

/**
 * A month name or abbreviation; with one OCR slip (`Auz` → Aug, `Pez` → Dez) when one month is nearest: of
 * the months within one edit, the one that shares the longest start with the word (`Aur` → Aug rather than
 * Apr: a word's first letters are the ones OCR reads best). A tie is not a month (`Jum`: Jun or Jul).
 */
function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (months[lower]) { return months[lower]; }
  const near = Object.entries(months).filter(([name]) => withinOneEdit(lower, name));
  const longest = Math.max(0, ...near.map(([name]) => commonPrefix(lower, name)));
  const best = new Set(near.filter(([name]) => commonPrefix(lower, name) === longest).map(([, month]) => month));
  return best.size === 1 ? [...best][0] : undefined;
}

/** Letters OCR reads for digits, e.g. in a stamp's worn figures: `104g` → `1049`, `2O` → `20`. */
const digitLookalikes: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', i: '1', '|': '1', Z: '2', z: '2', S: '5', s: '5', b: '6', B: '8', g: '9', q: '9' };

/** Tokens that are mostly digits get their look-alike letters read as digits; words stay as they are. */
function fixDigitTokens(text: string): string {
  return text.replace(/[\p{L}\p{N}|]+/gu, token => {
    const digits = token.replace(/\D/g, '').length;
    if (digits === 0 || digits * 2 < [...token].length) { return token; }
    return token.replace(/\D/g, c => digitLookalikes[c] ?? c);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Two-digit years are read as 19xx: the cards this tool is for were typed in the twentieth century. */
function fullYear(text: string): number {
  const year = Number.parseInt(text, 10);
  return text.length <= 2 ? 1900 + year : year;
}

function isoDate(year: number, month: number, day?: number): Typed | undefined {
  if (month < 1 || month > 12 || year < 1000 || year > 2099) { return undefined; }
  if (day === undefined) { return { ok: true, value: `${year}-${pad(month)}` }; }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || day < 1) { return undefined; }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * A date in the text to ISO 8601: `23.11.1945`, `23. November 1945`, `6 Aug 1942`, `20 Dez. 1944`,
 * `August 6, 1942`, `1942-08-06` → `YYYY-MM-DD`; a month and year alone (`Nov. 1942`) → `YYYY-MM`.
 * Two-digit years are 19xx. OCR slips are read through: look-alike letters in mostly-digit tokens
 * (`2O Dez 194g`) and one wrong letter in a month name (`6 Auz 1942`). Anything else is not a date.
 */
export function toIsoDate(text: string): Typed {
  const t = fixDigitTokens(text.normalize('NFC'));
  const iso = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(t);
  if (iso) { return isoDate(+iso[1], +iso[2], +iso[3]) ?? { ok: false, value: text }; }
  const numeric = /(?<!\d)(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?!\d)/.exec(t);
  if (numeric) { return isoDate(fullYear(numeric[3]), +numeric[2], +numeric[1]) ?? { ok: false, value: text }; }
  const dayMonth = /(?<!\d)(\d{1,2})[.,]?\s*(\p{L}{3,})\.?,?\s*(\d{4})(?!\d)/u.exec(t);
  const dayMonthOf = dayMonth && monthOf(dayMonth[2]);
  if (dayMonth && dayMonthOf) { return isoDate(+dayMonth[3], dayMonthOf, +dayMonth[1]) ?? { ok: false, value: text }; }
  const monthDay = /(\p{L}{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)/u.exec(t);
  const monthDayOf = monthDay && monthOf(monthDay[1]);
  if (monthDay && monthDayOf) { return isoDate(+monthDay[3], monthDayOf, +monthDay[2]) ?? { ok: false, value: text }; }
  const monthYear = /(\p{L}{3,})\.?\s*(\d{4})(?!\d)/u.exec(t);
  const monthYearOf = monthYear && monthOf(monthYear[1]);
  if (monthYear && monthYearOf) { return isoDate(+monthYear[2], monthYearOf) ?? { ok: false, value: text }; }
  return { ok: false, value: text };
}

/** Text is always of its type; the empty string is left to `required` (never `invalid`). */
export function toType(text: string, type: FieldType): Typed {
  if (text === '') { return { ok: true, value: '' }; }
  switch (type) {
    case 'text': return { ok: true, value: text };
    case 'integer': return toInteger(text);
    case 'year': return toYear(text);
    case 'date': return toIsoDate(text);
    default: return assertNever(type);
  }
}
