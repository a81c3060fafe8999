// What the engine and a native tesseract host process say to each other over IPC (advanced serialization,
// so images travel as bytes, not base64).
import type { OcrPage } from '../ocr-page';
import type { ImageRect } from './backend';

/** An image the host keeps under `imageId` until it is named in a later request's `forget`. */
export interface NativeImage {
  image: Uint8Array;
  width: number;
  height: number;
  /** Raw pixels, this many bytes each (1 grey, 3 RGB, 4 RGBA); absent for an encoded image. */
  channels?: number;
  /** Raw pixels' dots per inch, as an encoded image would declare them; absent: tesseract estimates. */
  density?: number;
}

export interface NativeReadRequest {
  id: number;
  /** The image to read; absent when the host already holds image `imageId` (a card's zones after its page). */
  image?: NativeImage;
  imageId: number;
  /** Images the host may drop now (the engine keeps count of what it holds). */
  forget: number[];
  language: string;
  /** tesseract's page segmentation mode number. */
  psm: number;
  whitelist: string;
  rect?: ImageRect;
}

export type NativeHostMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'read'; id: number; ok: true; page: OcrPage }
  | { type: 'read'; id: number; ok: false; message: string };
