// Reads a card image and prepares it for OCR with sharp (EXIF rotation, greyscale, normalise, scaling),
// turning every way an image can be broken into a named problem. Knows nothing of OCR, batches or outputs.
import { readFile, stat } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { failure, type Outcome, type PixelBox, type PreprocessOptions } from '../protocol';
import { cleanPixels, needsPixelSteps } from './clean-pixels';
import { errorMessage } from '../common/assert';
import { classifyImageError } from './image-faults';
import { greyOfColour } from './image-ops/grey-as-colour';

/** The image handed to OCR, and how its pixels map back to the card as stored (after EXIF rotation). */
export interface PreparedImage {
  /** PNG, lightly compressed: tesseract decodes it, so encoding time matters more than size. With `output: 'raw'`,
   *  the pixels themselves, `channels` bytes each, row after row (native tesseract takes them as they are). */
  image: Buffer;
  /** Set for raw pixels only. */
  channels?: number;
  /** Raw pixels only: the dots per inch a PNG of them would declare (the input's, unless pixel steps remade the
   *  image), so tesseract segments them exactly as it would the PNG. */
  density?: number;
  width: number;
  height: number;
  /** The card's size after EXIF rotation, before scaling: the coordinate space of results. */
  cardWidth: number;
  cardHeight: number;
  /** The card within the image (card pixels): the whole image unless `cropBorder` found a margin. Relative
   *  regions refer to it, so they stay put however the card was framed. */
  frame: PixelBox;
  /** width / frame width: divide OCR coordinates by this, then add the frame's corner, to get card pixels. */
  scale: number;
}

export interface PreprocessSettings {
  preprocess: PreprocessOptions;
  /** Images with more pixels are rejected before decoding, so a decompression bomb is never loaded; the same limit
   *  never exceeds maxPixelsCap, which also bounds the scaled image (`targetWidth`). */
  maxInputPixels: number;
  /** The card's time limit, checked between the cleaning steps (CardDeadline). */
  deadline?: { check(what: string): void };
  /** `raw`: pixels instead of PNG, for a backend that takes them (no encoding here, no decoding there). @default 'png' */
  output?: 'png' | 'raw';
}

/** One step of the pipeline; steps are applied in order, each given the oriented card size. */
export type PreprocessStep = (pipeline: Sharp, card: { width: number; height: number }, options: PreprocessOptions) => Sharp;

// Opt-in, like every step: on real catalogue cards greyscale + normalise before the whole-card reading cost
// 1.7–2.1 points of oracle recall (issue 10, bench/RESULTS.md), and normalise alone blanks printed cards whose
// ink is under 1 % of the pixels (its 1 % percentile is then paper, so the stretch blows paper grain up to black).
function greyscale(pipeline: Sharp, _card: unknown, options: PreprocessOptions): Sharp {
  // toColourspace: greyscale() alone still writes three identical channels; one is a third of the bytes to encode.
  // Cleaned pixels are one grey channel already: kept so (sharp would write them as three), whatever `greyscale` says.
  return options.greyscale === true || needsPixelSteps(options) ? pipeline.greyscale().toColourspace('b-w') : pipeline;
}

function normalise(pipeline: Sharp, _card: unknown, options: PreprocessOptions): Sharp {
  return options.normalise === true ? pipeline.normalise() : pipeline;
}

// Scaling is opt-in per template: upscaling costs OCR time and pays only for small text.
function scaleToTargetWidth(pipeline: Sharp, card: { width: number }, options: PreprocessOptions): Sharp {
  const target = options.targetWidth ?? 0;
  if (target === 0 || Math.abs(target - card.width) / card.width < 0.05) { return pipeline; }
  return pipeline.resize({ width: target, kernel: 'lanczos3' });
}

/** The steps every card goes through; later steps (deskew, thresholds…) are added here. */
export const defaultSteps: readonly PreprocessStep[] = [greyscale, normalise, scaleToTargetWidth];

/** The most pixels any image may have, the input (whatever a batch allows) and every image made from it. */
export const maxPixelsCap = 100_000_000;

/** Larger files are refused before reading them into memory. */
const maxFileBytes = 512 * 1024 * 1024;

/** Reads the file itself so that a file we cannot open is `card/unreadable`, told apart from bad bytes. */
export async function readCardFile(file: string): Promise<Outcome<Buffer>> {
  try {
    const info = await stat(file);
    if (!info.isFile()) { return failure('card/unreadable', `${file} is not a regular file`); }
    if (info.size === 0) { return failure('card/empty', `${file} is empty (0 bytes)`); }
    if (info.size > maxFileBytes) {
      return failure('card/too-large', `${file} is ${Math.round(info.size / 1048576)} MB; cards over ${maxFileBytes / 1048576} MB are refused`);
    }
    return { ok: true, value: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return failure('card/unreadable', `Cannot read ${file} (${code}); check that it exists and is readable`, { errno: code });
  }
}

const problemText: Record<string, string> = {
  'card/empty': 'is empty',
  'card/not-an-image': 'is not an image sharp can read (JPEG, PNG, TIFF, WebP, GIF, AVIF)',
  'card/too-large': 'has more pixels than the batch allows (options.maxInputPixels)',
  'card/truncated': 'is cut short (truncated); the file may not have been copied completely',
  'card/corrupt': 'is damaged and cannot be decoded',
};

/** Decodes and prepares one card. Never throws for a bad image: each failure is a named problem. */
export async function preprocessImage(name: string, input: Buffer, settings: PreprocessSettings,
  steps: readonly PreprocessStep[] = defaultSteps): Promise<Outcome<PreparedImage>> {
  // failOn stays at sharp's default ('warning'): a JPEG with damaged data decodes to garbage otherwise, and a
  // card in _errors/ can be retried where a silently wrong result would not be noticed.
  const open = () => sharp(input, { limitInputPixels: settings.maxInputPixels });
  try {
    const meta = await open().metadata();
    if (!meta.width || !meta.height) { return failure('card/not-an-image', `${name} has no image size`); }
    if (meta.width * meta.height > settings.maxInputPixels) {
      return failure('card/too-large', `${name} is ${meta.width}×${meta.height} pixels, over the limit of ${settings.maxInputPixels}`,
        { width: meta.width, height: meta.height, maxInputPixels: settings.maxInputPixels });
    }
    const swapped = (meta.orientation ?? 1) >= 5;
    const card = { width: swapped ? meta.height : meta.width, height: swapped ? meta.width : meta.height };
    const full = { x0: 0, y0: 0, x1: card.width, y1: card.height };
    let pipeline = open().rotate();
    let frame = full;
    if (needsPixelSteps(settings.preprocess)) {
      const cleaned = await cleanPixels(pipeline, settings.preprocess, settings.deadline);
      pipeline = cleaned.pipeline;
      frame = cleaned.frame;
    }
    const framed = { width: frame.x1 - frame.x0, height: frame.y1 - frame.y0 };
    // Scaling comes after the input check: 8×8000 pixels widened to 8000 would be a gigapixel image.
    const target = settings.preprocess.targetWidth ?? 0;
    if (target > 0 && target * Math.ceil(framed.height * target / framed.width) > maxPixelsCap) {
      return failure('card/too-large', `${name} scaled to a width of ${target} would have more than ${maxPixelsCap} pixels`,
        { width: framed.width, height: framed.height, targetWidth: target, maxPixels: maxPixelsCap });
    }
    settings.deadline?.check('preprocessing');
    for (const step of steps) { pipeline = step(pipeline, framed, settings.preprocess); }
    const raw = settings.output === 'raw';
    const { data, info } = await (raw ? pipeline.raw() : pipeline.png({ compressionLevel: 1 })).toBuffer({ resolveWithObject: true });
    const grey = raw ? greyOfColour(data, info.channels) : undefined;
    return { ok: true, value: { image: grey ?? data, width: info.width, height: info.height, cardWidth: card.width, cardHeight: card.height, frame, scale: info.width / framed.width,
      ...(raw ? { channels: grey ? 1 : info.channels, ...(meta.density && !needsPixelSteps(settings.preprocess) ? { density: meta.density } : {}) } : {}) } };
  } catch (error) {
    // The card's time ran out: not a fault of the image, the caller reports it.
    if (error instanceof Error && error.name === 'CardTimeoutError') { throw error; }
    const message = errorMessage(error);
    const code = classifyImageError(message, input);
    return failure(code, `${name} ${problemText[code]}`, { detail: message.split('\n')[0] });
  }
}
