// Colour dropout: coloured card stock and printed rules (yellow or green paper, red and blue lines) turn light,
// while black and grey typing stays dark — forms scanners do the same with a "dropout colour".
import type { GreyImage } from './grey-image';

/** Each pixel's brightest channel: saturated colours are bright in at least one channel, ink in none. */
export function maxChannel(rgb: Uint8Array, width: number, height: number, channels: number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += channels, j++) {
    const r = rgb[i]; const g = rgb[i + 1]; const b = rgb[i + 2];
    data[j] = r > g ? (r > b ? r : b) : (g > b ? g : b);
  }
  return { data, width, height };
}
