// The whole-card reading: the card's page text in the template's page segmentation, and, when that comes out
// empty or nearly so, the next sensible readings (the raw image, the other segmentation) before the card is
// called blank. Knows nothing of fields, files or batches.
import type { PageSegmentation } from '../protocol';
import { countCharacters } from './card-kind';
import type { OcrPage } from './ocr-page';
import type { OcrSession } from './ocr-pool';
import type { PreparedImage } from './preprocess';

/** Fewer confident letters and digits than this is a reading worth trying again: the emptiest real cards of the
 *  dev sets have 50 and more, the near-empty readings that hid printed cards had 0 and 9. */
export const nearlyEmptyCharacters = 12;
/** A fallback reading is kept only when its mean word confidence reaches this: another segmentation of a blank
 *  card's paper grain reads dozens of "letters", but at mean confidence 15–32; the real readings that rescued
 *  printed cards read at 58–87. */
export const minFallbackConfidence = 50;

export interface WholeCardReading {
  page: OcrPage;
  /** The image the kept page was read from: zones without their own preparation are read from it too. */
  image: PreparedImage;
  /** Which reading was kept: 0 the template's own, 1.. the fallbacks in order. */
  attempt: number;
}

/** The fallbacks after the template's own reading, in order; the raw image only when the card was prepared. */
export function fallbackReadings(segmentation: PageSegmentation, prepared: boolean): Array<{ raw: boolean; segmentation: PageSegmentation }> {
  const other: PageSegmentation = segmentation === 'auto' ? 'single-block' : 'auto';
  return prepared
    ? [{ raw: true, segmentation }, { raw: true, segmentation: other }]
    : [{ raw: false, segmentation: other }, { raw: false, segmentation: 'sparse' }];
}

/**
 * Reads the card; a nearly empty page (under `nearlyEmptyCharacters`) is read again by each fallback in turn and
 * the first that is not nearly empty (and reads at `minFallbackConfidence`) is kept, else the template's own reading: a blank card's grain read as a few
 * letters by some fallback must not make it a data card. `raw`, given when the card was prepared, makes the unprocessed image.
 */
export async function readWholeCard(session: OcrSession, image: PreparedImage, segmentation: PageSegmentation,
  raw?: () => Promise<PreparedImage | undefined>): Promise<WholeCardReading> {
  const first = await session.readPage(image, { pageSegmentation: segmentation });
  if (countCharacters(first) >= nearlyEmptyCharacters) { return { page: first, image, attempt: 0 }; }
  let attempt = 0;
  for (const fallback of fallbackReadings(segmentation, raw !== undefined)) {
    attempt++;
    const source = fallback.raw && raw ? await raw() : image;
    if (!source) { continue; }
    const page = await session.readPage(source, { pageSegmentation: fallback.segmentation });
    if (countCharacters(page) >= nearlyEmptyCharacters && (page.confidence ?? 0) >= minFallbackConfidence) { return { page, image: source, attempt }; }
  }
  return { page: first, image, attempt: 0 };
}
