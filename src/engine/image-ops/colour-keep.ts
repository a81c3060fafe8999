// Keeping one ink colour: a blue or red stamp on coloured paper, with typing, ruling and paper faded out, so a
// zone can read a date stamp that overlaps typed text and rules. The opposite of colour dropout.
import type { GreyImage } from './grey-image';

export type InkColour = 'blue' | 'red';

/** How far a pixel leans to the colour: its channel minus the larger of the other two (negative when it does not). */
function lean(r: number, g: number, b: number, colour: InkColour): number {
  return colour === 'blue' ? b - (r > g ? r : g) : r - (g > b ? g : b);
}

/** Above the paper's own lean by this much is ink; below it is paper, dirt or neutral ink. */
const margin = 8;
/** Each step of lean above the margin darkens by this much: stamp ink on paper leans by only 20–60 more. */
const gain = 5;

/**
 * A grey image where pixels that lean to `colour` more than the paper does are dark, in proportion, and the
 * rest is white. The paper's lean is the median over the image, so yellow, green or white stock all work.
 * Neutral ink leans more than green paper does (about 0 against -50), so on green stock typing comes out
 * faint grey and pure black rules dark: rule suppression or the zone's bounds deal with them.
 */
export function keepColour(rgb: Uint8Array, width: number, height: number, channels: number, colour: InkColour): GreyImage {
  const leans = new Int16Array(width * height);
  const histogram = new Uint32Array(511);
  for (let i = 0, j = 0; j < leans.length; i += channels, j++) {
    leans[j] = lean(rgb[i], rgb[i + 1], rgb[i + 2], colour);
    histogram[leans[j] + 255]++;
  }
  let paper = 0;
  for (let seen = 0, k = 0; k < histogram.length; k++) {
    seen += histogram[k];
    if (seen * 2 >= leans.length) { paper = k - 255; break; }
  }
  const data = new Uint8Array(leans.length);
  for (let j = 0; j < data.length; j++) {
    const darkness = (leans[j] - paper - margin) * gain;
    data[j] = darkness <= 0 ? 255 : darkness >= 255 ? 0 : 255 - darkness;
  }
  return { data, width, height };
}
