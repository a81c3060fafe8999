// A card image a browser can show: TIFF (common for archive scans) is not one, so it is sent as PNG, turned
// upright as the engine reads it, so the review overlay's boxes (card pixels after EXIF rotation) fit it.
import sharp from 'sharp';

/** Formats browsers decode themselves; others are converted. */
export const browserFormats: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif']);

/** The image as PNG; `maxInputPixels` refuses decompression bombs, as the engine does. */
export async function toBrowserPng(file: string, maxInputPixels: number): Promise<Buffer> {
  // Fast compression: the PNG goes over loopback once, so encoding time matters more than size.
  return sharp(file, { limitInputPixels: maxInputPixels }).rotate().png({ compressionLevel: 2 }).toBuffer();
}
