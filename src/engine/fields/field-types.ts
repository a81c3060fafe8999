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
 * Two-digit years are 19xx. Anything else is not a date.
 */
export function toIsoDate(text: string): Typed {
  const t = text.normalize('NFC');
  const iso = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(t);
  if (iso) { return isoDate(+iso[1], +iso[2], +iso[3]) ?? { ok: false, value: text }; }
  const numeric = /(?<!\d)(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?!\d)/.exec(t);
  if (numeric) { return isoDate(fullYear(numeric[3]), +numeric[2], +numeric[1]) ?? { ok: false, value: text }; }
  const dayMonth = /(?<!\d)(\d{1,2})\.?\s*(\p{L}{3,})\.?,?\s*(\d{4})(?!\d)/u.exec(t);
  if (dayMonth && months[dayMonth[2].toLowerCase()]) {
    return isoDate(+dayMonth[3], months[dayMonth[2].toLowerCase()], +dayMonth[1]) ?? { ok: false, value: text };
  }
  const monthDay = /(\p{L}{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)/u.exec(t);
  if (monthDay && months[monthDay[1].toLowerCase()]) {
    return isoDate(+monthDay[3], months[monthDay[1].toLowerCase()], +monthDay[2]) ?? { ok: false, value: text };
  }
  const monthYear = /(\p{L}{3,})\.?\s*(\d{4})(?!\d)/u.exec(t);
  if (monthYear && months[monthYear[1].toLowerCase()]) {
    return isoDate(+monthYear[2], months[monthYear[1].toLowerCase()]) ?? { ok: false, value: text };
  }
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
