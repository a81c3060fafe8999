// The pixel-level cleaning a template can ask for (border crop, deskew, flattening, rule suppression, thresholds),
// run on raw bytes between sharp's decoding and the final scaling. Each step is opt-in: each costs time per card.
import type { Sharp } from 'sharp';
import type { PixelBox, PreprocessOptions } from '../protocol';
import { maxChannel } from './image-ops/colour-dropout';
import { findCardFrame } from './image-ops/crop-border';
import { greyToSharp, sharpToGrey, type GreyImage } from './image-ops/grey-image';
import { pixelSteps, pixelStepsFor } from './pixel-steps';

export function needsPixelSteps(options: PreprocessOptions): boolean {
  return pixelStepsFor(options).length > 0;
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
  // The frame is found on the whole grey card, before any step changes it (keepColour would hide the margin).
  const frame = options.cropBorder ? findCardFrame(image) : { x0: 0, y0: 0, x1: image.width, y1: image.height };
  const card = { rgb, width: info.width, height: info.height, channels: info.channels, frame };
  for (const name of pixelStepsFor(options)) {
    image = await pixelSteps[name](image, card, options);
    check(name);
  }
  return { pipeline: greyToSharp(image), frame };
}
