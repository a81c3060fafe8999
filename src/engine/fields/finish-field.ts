// Turns a finder's raw value into the stored FieldValue: layout, normalisers, type, validation, confidence, flags.
// Knows the field's spec and the raw words; nothing of tesseract, cards or batches.
import type { FieldFlag, FieldReplace, FieldSelect, FieldSpec, FieldValue, Normaliser } from '../../protocol';
import { meanConfidence, type RawValue } from '../ocr-page';
import { toType } from './field-types';
import { normalise } from './normalise';
import { validateValue } from './validate';
import { columnText, paragraphText, spacedText } from './word-layout';

const defaultMinConfidence = 60;

function layOut(raw: RawValue | undefined, normalisers: readonly Normaliser[]): string {
  if (!raw) { return ''; }
  if (raw.words.length === 0) { return raw.text; }
  if (normalisers.includes('mark-columns')) { return columnText(raw.words); }
  const letterSpaced = normalisers.includes('collapse-letter-spacing');
  if (normalisers.includes('keep-paragraphs')) { return paragraphText(raw.words, undefined, letterSpaced); }
  // Word gaps from the positions, so letter-spaced words collapse where they really end (see spacedText).
  if (letterSpaced && isWholeWords(raw)) { return spacedText(raw.words); }
  return raw.text;
}

/** The value is exactly its words (a line, a region), not part of one cut out by a pattern or a label. */
function isWholeWords(raw: RawValue): boolean {
  return raw.text.split(/\s+/).filter(Boolean).join(' ') === raw.words.map(w => w.text).join(' ');
}

/** The part of the text a `select` keeps: the match, or `value` with `$<name>` filled from named groups. */
export function select(text: string, spec: FieldSelect | undefined): string {
  if (!spec || text === '') { return text; }
  const flags = spec.flags ?? 'u';
  let regex: RegExp;
  try { regex = new RegExp(spec.pattern, flags.includes('u') ? flags : `${flags}u`); } catch { regex = new RegExp(spec.pattern, flags.replace('u', '')); }
  const match = regex.exec(text);
  if (!match) { return ''; }
  if (spec.value === undefined) { return match[0]; }
  return spec.value.replace(/\$<([A-Za-z_][A-Za-z0-9_]*)>/g, (_, name: string) => match.groups?.[name] ?? '');
}

/** Each replacement in turn, every occurrence (the `g` flag is implied). */
export function applyReplacements(text: string, replacements: readonly FieldReplace[] | undefined): string {
  let result = text;
  for (const rule of replacements ?? []) {
    const flags = `${(rule.flags ?? '').replace('g', '')}g`;
    let regex: RegExp;
    try { regex = new RegExp(rule.pattern, flags.includes('u') ? flags : `${flags}u`); } catch { regex = new RegExp(rule.pattern, flags.replace('u', '')); }
    result = result.replace(regex, rule.with);
  }
  return result;
}

/**
 * Steps, in order: `mark-columns` or `keep-paragraphs` rebuilds the text from the words' positions; `select`
 * keeps the part of it the template wants and `replace` puts known misreadings right (tabs from `mark-columns`
 * then become spaces); the other normalisers run
 * in the template's order (and lines are always tidied); the type gives the canonical form (an unparseable
 * value is kept as read and flagged `invalid`); validation adds `missing`/`invalid`; a non-empty value whose
 * words' mean confidence is under `minConfidence` (@default 60) is `low-confidence`.
 * A missing value (`raw` undefined or blank) is the empty string, flagged `missing` only when required.
 */
export function finishField(raw: RawValue | undefined, spec: FieldSpec): FieldValue {
  const normalisers = spec.normalise ?? [];
  const selected = applyReplacements(select(layOut(raw, normalisers), spec.select), spec.replace).replace(/\t/g, ' ');
  const typed = toType(normalise(selected, normalisers), spec.type ?? 'text');
  const value = typed.value;
  const confidence = raw ? meanConfidence(raw.words) : null;
  const flags: FieldFlag[] = validateValue(value, spec.validate, typed.ok);
  if (value !== '' && confidence !== null && confidence < (spec.minConfidence ?? defaultMinConfidence)) {
    flags.push('low-confidence');
  }
  return { value, confidence: confidence === null ? null : Math.round(confidence * 10) / 10, flags, ...(raw?.box ? { box: raw.box } : {}) };
}
