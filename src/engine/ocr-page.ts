// What one OCR pass over an image (or a region of it) yields, in the engine's own terms (not tesseract's).
import type { PixelBox, RegionOcrOptions } from '../protocol';

export interface OcrWord {
  text: string;
  /** 0..100, as tesseract reports it. */
  confidence: number;
  box: PixelBox;
}

export interface OcrLine {
  text: string;
  words: OcrWord[];
  box: PixelBox;
}

/** Coordinates are pixels of the image that was OCR'd, after EXIF rotation, before any scaling. */
export interface OcrPage {
  text: string;
  /** Mean word confidence 0..100; null when no words were found. */
  confidence: number | null;
  lines: OcrLine[];
  width: number;
  height: number;
  /** The card within the image when a border was cropped (card pixels); relative regions refer to it. */
  frame?: PixelBox;
}

/** OCRs a pixel rectangle of the current card on its own, with the field's settings. */
export type RegionReader = (box: PixelBox, options: RegionOcrOptions) => Promise<OcrPage>;

/** A value as a finder found it, before typing, normalising and validation. */
export interface RawValue {
  text: string;
  /** The OCR words the text came from; their confidences make the field's confidence. */
  words: OcrWord[];
  box?: PixelBox;
}

/** Mean of word confidences, or null for no words. */
export function meanConfidence(words: readonly OcrWord[]): number | null {
  if (words.length === 0) { return null; }
  return words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
}
