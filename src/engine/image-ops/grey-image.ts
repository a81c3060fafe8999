// A one-channel 8-bit image as plain bytes, for the pixel steps sharp has no operation for.
import sharp, { type Sharp } from 'sharp';

export interface GreyImage {
  /** Row-major, one byte per pixel, 0 = black. */
  data: Uint8Array;
  width: number;
  height: number;
}

export function greyToSharp(image: GreyImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
}

export async function sharpToGrey(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** A Gaussian blur done by libvips: the local background or local mean that several steps compare against. */
export async function blurred(image: GreyImage, sigma: number): Promise<GreyImage> {
  return sharpToGrey(greyToSharp(image).blur(sigma));
}

/** The paper's tone around each pixel: a blur far wider than a stroke (1/30 of the card) sees only the paper. */
export function paperTone(image: GreyImage): Promise<GreyImage> {
  return blurred(image, Math.max(8, Math.round(Math.max(image.width, image.height) / 30)));
}

/** Ink: clearly darker than the paper around it. */
export function isInk(value: number, paper: number): boolean {
  return value < paper * 0.75;
}

/** The pixels inside a box (x1, y1 exclusive). */
export function cropGrey(image: GreyImage, box: { x0: number; y0: number; x1: number; y1: number }): GreyImage {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    data.set(image.data.subarray((box.y0 + y) * image.width + box.x0, (box.y0 + y) * image.width + box.x1), y * width);
  }
  return { data, width, height };
}
