// Adaptive thresholding: black where a pixel is clearly darker than its neighbourhood, white elsewhere, so faint
// typing on uneven paper survives where one global threshold would lose it or keep the stains.
import { blurred, type GreyImage } from './grey-image';

/** `offset`: how much darker than the local mean a pixel must be to count as ink (0..255). */
export async function adaptiveThreshold(image: GreyImage, offset = 18): Promise<GreyImage> {
  const mean = await blurred(image, Math.max(4, Math.round(Math.max(image.width, image.height) / 80)));
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) { data[i] = image.data[i] < mean.data[i] - offset ? 0 : 255; }
  return { data, width: image.width, height: image.height };
}
