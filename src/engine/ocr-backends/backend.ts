// The seam between the OCR pool and whatever runs tesseract: the embedded tesseract.js (WASM) or the system's
// native tesseract. The pool owns scheduling, timeouts and retries; a backend only starts workers that read.
import type { RegionOcrOptions } from '../../protocol';
import type { OcrPage } from '../ocr-page';

export type OcrBackendName = 'tesseract.js' | 'native';
/** `auto`: native tesseract where the system has a 5.x with the card's languages, else tesseract.js. */
export type OcrBackendChoice = 'auto' | OcrBackendName;

export type PageSegmentation = NonNullable<RegionOcrOptions['pageSegmentation']>;

/** tesseract's own numbers for the page segmentation modes the engine uses. */
export const pageSegmentationMode: Record<PageSegmentation, number> = {
  auto: 3, 'single-block': 6, 'single-line': 7, 'single-word': 8, sparse: 11,
};

export interface ReadOptions {
  pageSegmentation: PageSegmentation;
  /** Characters tesseract may answer with; empty for all. */
  whitelist?: string;
  /** Overrides the worker's language for this read (a zone's own language). */
  language?: string;
}

/** An encoded image (PNG, JPEG), or raw pixels when `channels` is set (`channels` bytes a pixel, rows in order). */
export interface OcrImage { image: Buffer; width: number; height: number; channels?: number; density?: number }

/** A pixel rectangle of the image handed to OCR (not card pixels). */
export interface ImageRect { left: number; top: number; width: number; height: number }

/**
 * One running OCR worker. Boxes come back in pixels of the image it was given (a region's boxes too), so the
 * pool maps them to card pixels the same way for every backend. One read at a time.
 */
export interface OcrWorker {
  readonly backend: OcrBackendName;
  /** The language it was started in (the pool prefers a worker already in the card's language). */
  readonly language: string;
  read(image: OcrImage, options: ReadOptions, rect?: ImageRect): Promise<OcrPage>;
  /** Stops it at once; nothing it was reading will answer. */
  terminate(): Promise<void>;
}

export interface OcrBackend {
  readonly name: OcrBackendName;
  /** Whether it reads raw pixels (OcrImage.channels), which saves encoding and decoding a PNG per card. */
  readonly takesRawPixels: boolean;
  /** Whether this backend can read `language` here (its data is where it looks). */
  supports(language: string): Promise<boolean>;
  start(language: string): Promise<OcrWorker>;
}

/** The worker itself died (its process crashed or was killed), not the read: the card may be read again elsewhere. */
export class OcrWorkerCrashed extends Error {
  override name = 'OcrWorkerCrashed';
}
