// The pixel-level cleaning a template can ask for (border crop, deskew, flattening, rule suppression, thresholds),
// run on raw bytes between sharp's decoding and the final scaling. Each step is opt-in: each costs time per card.
import type { Sharp } from 'sharp';
import type { PixelBox, PreprocessOptions } from '../protocol';
import { adaptiveThreshold } from './image-ops/adaptive-threshold';
import { maxChannel } from './image-ops/colour-dropout';
import { keepColour } from './image-ops/colour-keep';
import { findCardFrame, whitenEdgeMargin } from './image-ops/crop-border';
import { estimateSkew, rotateLevel } from './image-ops/deskew';
import { flattenBackground } from './image-ops/flatten-background';
import { cropGrey, greyToSharp, sharpToGrey, type GreyImage } from './image-ops/grey-image';
import { suppressRules } from './image-ops/suppress-rules';

export function needsPixelSteps(options: PreprocessOptions): boolean {
  return Boolean(options.cropBorder || options.deskew || options.flattenBackground || options.suppressRules || options.threshold || options.keepColour);
}

/** `pipeline`: the oriented card. Answers a one-channel pipeline of the cleaned card and where it lies in the original. */
export async function cleanPixels(pipeline: Sharp, options: PreprocessOptions, deadline?: { check(what: string): void }): Promise<{ pipeline: Sharp; frame: PixelBox }> {
  // Between steps, the card's time limit: a slow step on a huge card must not hold the batch for minutes.
  const check = (step: string): void => deadline?.check(`preprocessing (${step})`);
  const { data, info } = await pipeline.clone().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  check('decoding');
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
  // Rule suppression starts with colour dropout: coloured ruling disappears by colour, dark ruling by shape below.
  let image: GreyImage = options.suppressRules && info.channels >= 3
    ? maxChannel(rgb, info.width, info.height, info.channels)
    : await sharpToGrey(pipeline.clone().greyscale());
  check('greyscale');
  const frame = options.cropBorder ? findCardFrame(image) : { x0: 0, y0: 0, x1: image.width, y1: image.height };
  // After the frame: the dark photo margin is neutral, so in the kept colour it would not stand out from the card.
  if (options.keepColour && info.channels >= 3) { image = keepColour(rgb, info.width, info.height, info.channels, options.keepColour); }
  if (options.cropBorder) { image = whitenEdgeMargin(cropGrey(image, frame)); check('cropBorder'); }
  if (options.deskew) { image = await rotateLevel(image, await estimateSkew(image)); check('deskew'); }
  if (options.flattenBackground) { image = await flattenBackground(image); check('flattenBackground'); }
  if (options.suppressRules) { image = (await suppressRules(image)).image; check('suppressRules'); }
  if (options.threshold) { image = await adaptiveThreshold(image); check('threshold'); }
  return { pipeline: greyToSharp(image), frame };
}
