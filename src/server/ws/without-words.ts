// The live feed carries card results without their OCR word boxes: review reads those over REST, one card at a time.
import type { CardResult } from '../../protocol';

export function withoutWords(result: CardResult): CardResult {
  if (!result.words) { return result; }
  const { words: _words, ...rest } = result;
  return rest;
}
