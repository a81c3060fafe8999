// Template authoring's instant result: one card read with a field list, exactly as a batch would read it,
// with nothing written, moved or journalled. Knows nothing of batches beyond the settings a card needs.
import { basename, dirname, resolve } from 'node:path';
import type { CardResult, Outcome, PreviewParams } from '../protocol';
import type { OcrPool } from './ocr-pool';
import { recognizeCard } from './recognize-card';

/** The card's result (words included) for `params.fields`; a bad image is a problem, as in a batch. */
export function previewCard(params: PreviewParams, pool: OcrPool): Promise<Outcome<CardResult>> {
  const image = resolve(params.image);
  return recognizeCard(dirname(image), basename(image), {
    fields: params.fields,
    language: params.language,
    options: {
      ...(params.preprocess ? { preprocess: params.preprocess } : {}),
      ...(params.maxInputPixels ? { maxInputPixels: params.maxInputPixels } : {}),
      ...(params.cardTimeoutMs ? { cardTimeoutMs: params.cardTimeoutMs } : {}),
    },
  }, pool);
}
