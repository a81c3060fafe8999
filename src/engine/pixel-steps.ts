// The preprocessing steps that work on raw pixels, one registry: each `PreprocessOptions` key that sharp does not
// apply itself (preprocess.ts) must have its entry here, so a step added to the protocol schema and forgotten here
// is a compile error, not a step that silently never runs. Entries run in the order written.
import type { PixelBox, PreprocessOptions } from '../protocol';
import { adaptiveThreshold } from './image-ops/adaptive-threshold';
import { keepColour } from './image-ops/colour-keep';
import { whitenEdgeMargin } from './image-ops/crop-border';
import { estimateSkew, rotateLevel } from './image-ops/deskew';
import { flattenBackground } from './image-ops/flatten-background';
import { cropGrey, type GreyImage } from './image-ops/grey-image';
import { suppressRules } from './image-ops/suppress-rules';

/** Options sharp applies on the pipeline (greyscale, normalise, scaling: preprocess.ts `defaultSteps`). */
export const sharpOptionNames = ['greyscale', 'normalise', 'targetWidth'] as const;
export type PixelStepName = Exclude<keyof PreprocessOptions, typeof sharpOptionNames[number]>;

/** The decoded card beside the grey image: its colour pixels and the card's frame within it. */
export interface PixelCard { rgb: Uint8Array; width: number; height: number; channels: number; frame: PixelBox }

/** Runs when its option is set; gets the current grey image and answers the next. */
export type PixelStep = (image: GreyImage, card: PixelCard, options: PreprocessOptions) => GreyImage | Promise<GreyImage>;

export const pixelSteps: Record<PixelStepName, PixelStep> = {
  // After the frame is found: the dark photo margin is neutral, so in the kept colour it would not stand out from the card.
  keepColour: (image, card, options) => (card.channels >= 3 && options.keepColour
    ? keepColour(card.rgb, card.width, card.height, card.channels, options.keepColour) : image),
  cropBorder: (image, card) => whitenEdgeMargin(cropGrey(image, card.frame)),
  deskew: async image => rotateLevel(image, await estimateSkew(image)),
  flattenBackground: image => flattenBackground(image),
  suppressRules: async image => (await suppressRules(image)).image,
  threshold: image => adaptiveThreshold(image),
};

/** The pixel steps `options` asks for, in their order. */
export function pixelStepsFor(options: PreprocessOptions): PixelStepName[] {
  return (Object.keys(pixelSteps) as PixelStepName[]).filter(name => Boolean(options[name]));
}
