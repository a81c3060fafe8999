// Deskew: a card photographed a little askew has its text lines tilted; tesseract segments level lines far better.
// The angle is the one whose horizontal projection of the dark pixels is sharpest (text lines and rules line up).
import { greyToSharp, isInk, paperTone, sharpToGrey, type GreyImage } from './grey-image';

/** Angles tried, in degrees: typical photographing skew, in tenths. */
const maxDegrees = 3;
const stepDegrees = 0.1;

/** The skew in degrees (positive: lines fall to the right, in image coordinates y grows along x). */
export async function estimateSkew(image: GreyImage): Promise<number> {
  const background = await paperTone(image);
  const xs: number[] = []; const ys: number[] = [];
  // Every second pixel each way is plenty to find the angle and keeps this fast on large cards.
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) {
      const i = y * image.width + x;
      if (isInk(image.data[i], background.data[i])) { xs.push(x); ys.push(y); }
    }
  }
  if (xs.length < 100) { return 0; }
  let best = 0; let bestScore = -1;
  const bins = new Float64Array(image.height + 2 * Math.ceil(image.width * Math.tan(maxDegrees * Math.PI / 180)) + 2);
  const shift = (bins.length - image.height) / 2;
  for (let degrees = -maxDegrees; degrees <= maxDegrees + 1e-9; degrees += stepDegrees) {
    bins.fill(0);
    const slope = Math.tan(degrees * Math.PI / 180);
    // Bins as tall as the sampling step: finer bins would favour 0° only because sampled rows are all even.
    for (let k = 0; k < xs.length; k++) { bins[Math.floor((ys[k] - xs[k] * slope + shift) / 2)]++; }
    let score = 0;
    for (let b = 0; b < bins.length; b++) { score += bins[b] * bins[b]; }
    if (score > bestScore) { bestScore = score; best = degrees; }
  }
  return Math.round(best * 10) / 10;
}

/** The image turned by -skew about its centre, same size, corners filled with white. */
export async function rotateLevel(image: GreyImage, skewDegrees: number): Promise<GreyImage> {
  if (skewDegrees === 0) { return image; }
  const turned = await sharpToGrey(greyToSharp(image).rotate(-skewDegrees, { background: { r: 255, g: 255, b: 255 } }));
  const left = Math.floor((turned.width - image.width) / 2);
  const top = Math.floor((turned.height - image.height) / 2);
  return sharpToGrey(greyToSharp(turned).extract({ left, top, width: image.width, height: image.height }));
}
