// Finds the card inside the dark margin a photograph or scan leaves around it, so relative regions refer to the
// card itself and not to how it was framed.
import type { PixelBox } from '../../protocol';
import type { GreyImage } from './grey-image';

/** A row or column belongs to the card when most of its pixels are lighter than a dark background. */
const darkLevel = 70;
const cardShare = 0.5;

function isCardLine(image: GreyImage, index: number, horizontal: boolean): boolean {
  const { data, width, height } = image;
  const length = horizontal ? width : height;
  let light = 0;
  for (let k = 0; k < length; k++) {
    if (data[horizontal ? index * width + k : k * width + index] > darkLevel) { light++; }
  }
  return light >= length * cardShare;
}

/**
 * The card's box, found from each edge inward; the whole image when no dark margin is there
 * or when what is left would be under half the image (a dark card, not a margin).
 */
export function findCardFrame(image: GreyImage): PixelBox {
  const { width, height } = image;
  let y0 = 0; while (y0 < height / 4 && !isCardLine(image, y0, true)) { y0++; }
  let y1 = height; while (y1 > height * 3 / 4 && !isCardLine(image, y1 - 1, true)) { y1--; }
  let x0 = 0; while (x0 < width / 4 && !isCardLine(image, x0, false)) { x0++; }
  let x1 = width; while (x1 > width * 3 / 4 && !isCardLine(image, x1 - 1, false)) { x1--; }
  if ((x1 - x0) <= width / 2 || (y1 - y0) <= height / 2) { return { x0: 0, y0: 0, x1: width, y1: height }; }
  return { x0, y0, x1, y1 };
}

/** How far in from each edge leftover margin is looked for: a card turned by a degree or two leaves wedges this wide. */
const edgeBand = 0.04;

/**
 * Paints white the dark pixels that run in unbroken from an edge of the cropped card (the wedges of margin a slightly
 * turned card leaves), so they are not read as letters or rules. Runs stop at the first light pixel.
 */
export function whitenEdgeMargin(image: GreyImage): GreyImage {
  const { width, height } = image;
  const data = Uint8Array.from(image.data);
  const bandX = Math.round(width * edgeBand); const bandY = Math.round(height * edgeBand);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < bandX && data[y * width + x] <= darkLevel; x++) { data[y * width + x] = 255; }
    for (let x = width - 1; x >= width - bandX && data[y * width + x] <= darkLevel; x--) { data[y * width + x] = 255; }
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < bandY && data[y * width + x] <= darkLevel; y++) { data[y * width + x] = 255; }
    for (let y = height - 1; y >= height - bandY && data[y * width + x] <= darkLevel; y--) { data[y * width + x] = 255; }
  }
  return { data, width, height };
}
