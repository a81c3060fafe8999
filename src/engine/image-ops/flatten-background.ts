// Background flattening: divides each pixel by its blurred surroundings, so stains, shadows and a paper tone
// that varies across the card all become white while strokes keep their contrast.
import { paperTone, type GreyImage } from './grey-image';

export async function flattenBackground(image: GreyImage): Promise<GreyImage> {
  const background = await paperTone(image);
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) {
    const bg = Math.max(1, background.data[i]);
    data[i] = Math.min(255, Math.round(image.data[i] * 255 / bg));
  }
  return { data, width: image.width, height: image.height };
}
