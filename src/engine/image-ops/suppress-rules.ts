// Rule-line suppression: the printed ruling of index cards (long thin lines, solid or dotted) is erased while the
// typing that touches or crosses it stays, so tesseract does not read rules as underscores, "1"s or "l"s.
import { isInk, paperTone, type GreyImage } from './grey-image';

/** Rules on the card, as found: rows (horizontal) or columns (vertical) with the span they cover. */
export interface RuleSegment { horizontal: boolean; at: number; from: number; to: number }

interface Geometry {
  /** Run length from which dark pixels along a row/column count as a rule. */
  minLength: number;
  /** Gaps up to this wide stay inside one run: dotted rules are runs too. */
  maxGap: number;
  /** A dark pixel is erased only when the dark run across the rule is at most this thick, so strokes survive. */
  maxThickness: number;
}

function geometry(image: GreyImage, horizontal: boolean): Geometry {
  const length = horizontal ? image.width : image.height;
  const across = horizontal ? image.height : image.width;
  return { minLength: Math.round(length * 0.08), maxGap: Math.max(3, Math.round(length / 150)), maxThickness: Math.max(3, Math.round(across / 180)) };
}

/** Dark at (at, k) or one line either side: a rule slightly off level, or dotted with staggered dots, still runs on. */
function darkNear(dark: Uint8Array, image: GreyImage, at: number, k: number, horizontal: boolean): boolean {
  const lines = horizontal ? image.height : image.width;
  for (let d = -1; d <= 1; d++) {
    const line = at + d;
    if (line < 0 || line >= lines) { continue; }
    if (dark[horizontal ? line * image.width + k : k * image.width + line]) { return true; }
  }
  return false;
}

/** Dark runs along each row (or column) that are long and dense enough to be ruling. */
function findRuns(dark: Uint8Array, image: GreyImage, horizontal: boolean, geo: Geometry): RuleSegment[] {
  const { width, height } = image;
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const segments: RuleSegment[] = [];
  for (let at = 0; at < lines; at++) {
    let start = -1; let last = -1; let count = 0;
    const close = () => {
      if (start >= 0 && last - start + 1 >= geo.minLength && count >= 0.4 * (last - start + 1)) { segments.push({ horizontal, at, from: start, to: last }); }
      start = -1; count = 0;
    };
    for (let k = 0; k < length; k++) {
      if (!darkNear(dark, image, at, k, horizontal)) { continue; }
      if (start >= 0 && k - last > geo.maxGap) { close(); }
      if (start < 0) { start = k; }
      last = k; count++;
    }
    close();
  }
  return segments;
}

/** The dark run through (x, y) across the rule's direction, as offsets [before, after]; undefined when thicker than limit. */
function runAcross(dark: Uint8Array, image: GreyImage, x: number, y: number, horizontal: boolean, limit: number): [number, number] | undefined {
  const { width, height } = image;
  const at = (d: number) => {
    const xx = horizontal ? x : x + d; const yy = horizontal ? y + d : y;
    return xx >= 0 && yy >= 0 && xx < width && yy < height && dark[yy * width + xx] === 1;
  };
  let before = 0; while (before <= limit && at(-(before + 1))) { before++; }
  let after = 0; while (after <= limit && at(after + 1)) { after++; }
  return before + after + 1 <= limit ? [before, after] : undefined;
}

/** Anti-aliased edges of a rule are lighter than "dark" but would come back with contrast stretching. */
const fringe = 2;

/** The image with horizontal and vertical rules painted over in the local paper tone; also the rules found. */
export async function suppressRules(image: GreyImage): Promise<{ image: GreyImage; rules: RuleSegment[] }> {
  const background = await paperTone(image);
  const dark = new Uint8Array(image.data.length);
  for (let i = 0; i < dark.length; i++) { dark[i] = isInk(image.data[i], background.data[i]) ? 1 : 0; }
  const data = Uint8Array.from(image.data);
  const rules: RuleSegment[] = [];
  for (const horizontal of [true, false]) {
    const geo = geometry(image, horizontal);
    const segments = findRuns(dark, image, horizontal, geo);
    rules.push(...segments);
    for (const segment of segments) {
      for (let k = segment.from; k <= segment.to; k++) {
        for (let side = -1; side <= 1; side++) {
          const x = horizontal ? k : segment.at + side; const y = horizontal ? segment.at + side : k;
          if (x < 0 || y < 0 || x >= image.width || y >= image.height || !dark[y * image.width + x]) { continue; }
          const run = runAcross(dark, image, x, y, horizontal, geo.maxThickness);
          if (!run) { continue; }
          for (let d = -run[0] - fringe; d <= run[1] + fringe; d++) {
            const xx = horizontal ? x : x + d; const yy = horizontal ? y + d : y;
            if (xx < 0 || yy < 0 || xx >= image.width || yy >= image.height) { continue; }
            const i = yy * image.width + xx;
            data[i] = Math.max(data[i], background.data[i]);
          }
        }
      }
    }
  }
  return { image: { data, width: image.width, height: image.height }, rules };
}
