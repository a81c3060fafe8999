// Turns a finder's raw value into the stored FieldValue: confidence and flags (normalising and typing grow here).
import type { FieldFlag, FieldSpec, FieldValue } from '../../protocol';
import { meanConfidence, type RawValue } from '../ocr-page';

const defaultMinConfidence = 60;

/** A missing value (`raw` undefined or blank) is the empty string, flagged `missing` only when required. */
export function finishField(raw: RawValue | undefined, spec: FieldSpec): FieldValue {
  const value = (raw?.text ?? '').trim();
  const confidence = raw ? meanConfidence(raw.words) : null;
  const flags: FieldFlag[] = [];
  if (value === '') {
    if (spec.validate?.required) { flags.push('missing'); }
  } else if (confidence !== null && confidence < (spec.minConfidence ?? defaultMinConfidence)) {
    flags.push('low-confidence');
  }
  return { value, confidence: confidence === null ? null : Math.round(confidence * 10) / 10, flags, ...(raw?.box ? { box: raw.box } : {}) };
}
