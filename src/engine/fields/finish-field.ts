// Turns a finder's raw value into the stored FieldValue: layout, normalisers, type, validation, confidence, flags.
// Knows the field's spec and the raw words; nothing of tesseract, cards or batches.
import type { FieldFlag, FieldSpec, FieldValue } from '../../protocol';
import { meanConfidence, type RawValue } from '../ocr-page';
import { toType } from './field-types';
import { normalise } from './normalise';
import { validateValue } from './validate';
import { paragraphText } from './word-layout';

const defaultMinConfidence = 60;

/**
 * Steps, in order: `keep-paragraphs` rebuilds the text from the words' positions; the other normalisers run
 * in the template's order (and lines are always tidied); the type gives the canonical form (an unparseable
 * value is kept as read and flagged `invalid`); validation adds `missing`/`invalid`; a non-empty value whose
 * words' mean confidence is under `minConfidence` (@default 60) is `low-confidence`.
 * A missing value (`raw` undefined or blank) is the empty string, flagged `missing` only when required.
 */
export function finishField(raw: RawValue | undefined, spec: FieldSpec): FieldValue {
  const normalisers = spec.normalise ?? [];
  const laidOut = raw && normalisers.includes('keep-paragraphs') && raw.words.length > 0 ? paragraphText(raw.words) : raw?.text ?? '';
  const typed = toType(normalise(laidOut, normalisers), spec.type ?? 'text');
  const value = typed.value;
  const confidence = raw ? meanConfidence(raw.words) : null;
  const flags: FieldFlag[] = validateValue(value, spec.validate, typed.ok);
  if (value !== '' && confidence !== null && confidence < (spec.minConfidence ?? defaultMinConfidence)) {
    flags.push('low-confidence');
  }
  return { value, confidence: confidence === null ? null : Math.round(confidence * 10) / 10, flags, ...(raw?.box ? { box: raw.box } : {}) };
}
