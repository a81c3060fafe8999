// A field's validation (pattern, year range, required) over its final value, as flags. Pure.
import type { FieldFlag, FieldValidation } from '../../protocol';

/** Compiled once per pattern source: a batch checks the same few patterns on every card. */
const compiled = new Map<string, RegExp>();

function compile(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    // Templates are validated on load (RegexSource), so a source that compiles neither way never gets here.
    try { regex = new RegExp(source, 'u'); } catch { regex = new RegExp(source); }
    compiled.set(source, regex);
  }
  return regex;
}

/** Every four-digit year in the value. */
function yearsIn(value: string): number[] {
  return [...value.matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map(m => Number.parseInt(m[1], 10));
}

/**
 * `missing` for an empty required value (an empty optional value has no flags); `invalid` when `typeOk` is
 * false, the pattern does not match, or a year in the value lies outside minYear..maxYear (a value with no
 * year at all fails a year range too).
 */
export function validateValue(value: string, validation: FieldValidation | undefined, typeOk = true): FieldFlag[] {
  if (value === '') { return validation?.required ? ['missing'] : []; }
  if (!typeOk) { return ['invalid']; }
  if (!validation) { return []; }
  if (validation.pattern !== undefined && !compile(validation.pattern).test(value)) { return ['invalid']; }
  if (validation.minYear !== undefined || validation.maxYear !== undefined) {
    const years = yearsIn(value);
    const inRange = (y: number) => y >= (validation.minYear ?? -Infinity) && y <= (validation.maxYear ?? Infinity);
    if (years.length === 0 || !years.every(inRange)) { return ['invalid']; }
  }
  return [];
}
