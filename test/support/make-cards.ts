// Generated card images for tests and samples: typed text rendered with sharp from SVG, on tinted, ruled,
// slightly rotated and noisy paper. Deterministic (seeded), so a test sees the same pixels every run.
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { RelativeRect } from '../../src/protocol';

export interface CardSpec {
  lines: string[];
  /** Text at the top-right corner, e.g. a shelfmark, beside the first line. */
  corner?: string;
  width?: number;
  height?: number;
  rotationDeg?: number;
  /** 0..1: strength of the paper grain. @default 0.15 */
  noise?: number;
  paper?: Paper;
  /** Ruled lines under the text and a red vertical rule, as on index cards. */
  rules?: boolean;
  border?: boolean;
  /** Type the first line letter-spaced, as typists did for emphasis: `M o o t z`. */
  letterSpaced?: boolean;
  fontSize?: number;
  format?: 'jpg' | 'png';
  seed?: number;
}

const paperColours = { yellow: '#f1e3b3', white: '#fbfaf5', blue: '#dfe8f1', green: '#d5e6c8' };
export type Paper = keyof typeof paperColours;

/**
 * What a template must ask to read these cards on tinted paper (yellow, green, blue) exactly: the contrast
 * stretch. Their paper sits at ~225 of 255 (yellow) under bold typewriter ink; read as it is (the engine's raw
 * default), tesseract misreads it (`R 2` as `RE2`, a letter-spaced `M o o t z` as noise; with or without grain,
 * JPEG or PNG), and `normalise` makes that paper white. A scanner's white balance does the same to real cards:
 * the library dev cards' paper is 255, and they read better raw. White paper here reads right raw.
 */
export const tintedPaperPreprocess = { normalise: true } as const;
const inkColour = '#1d1b22';
const ruleBlue = '#9fb6cf';
const ruleRed = '#c9463d';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** mulberry32: a tiny seeded generator, so noise is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function letterSpace(line: string): string {
  return line.split(' ').map(word => [...word].join(' ')).join('   ');
}

/** Where line i's baseline sits, in pixels; shared with templates that use line or region finders. */
export function baselineY(spec: CardSpec, index: number): number {
  const size = spec.fontSize ?? 30;
  return Math.round(size * 2.6 + index * size * 1.55);
}

export async function renderCard(spec: CardSpec): Promise<Buffer> {
  const width = spec.width ?? 976;
  const height = spec.height ?? 580;
  const size = spec.fontSize ?? 30;
  const paper = paperColours[spec.paper ?? 'yellow'];
  const random = seeded(spec.seed ?? 7);
  const left = Math.round(width * 0.07);
  const parts: string[] = [`<rect width="100%" height="100%" fill="${paper}"/>`];
  if (spec.rules) {
    for (let i = 0; i < spec.lines.length + 2; i++) {
      const y = baselineY(spec, i) + Math.round(size * 0.35);
      parts.push(`<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="${ruleBlue}" stroke-width="2"/>`);
    }
    parts.push(`<line x1="${left - 14}" y1="0" x2="${left - 14}" y2="${height}" stroke="${ruleRed}" stroke-width="3"/>`);
  }
  if (spec.border) {
    parts.push(`<rect x="6" y="6" width="${width - 12}" height="${height - 12}" fill="none" stroke="#111" stroke-width="8"/>`);
  }
  spec.lines.forEach((line, i) => {
    const text = i === 0 && spec.letterSpaced ? letterSpace(line) : line;
    // Typewriters strike unevenly: a little jitter per line keeps the text from looking printed.
    const dx = Math.round((random() - 0.5) * 4);
    parts.push(`<text x="${left + dx}" y="${baselineY(spec, i)}" font-family="FreeMono" font-weight="bold" font-size="${size}" fill="${inkColour}" xml:space="preserve">${escapeXml(text)}</text>`);
  });
  if (spec.corner) {
    parts.push(`<text x="${width - Math.round(width * 0.05)}" y="${baselineY(spec, 0) - size * 1.3}" text-anchor="end" font-family="FreeMono" font-weight="bold" font-size="${size}" fill="${inkColour}">${escapeXml(spec.corner)}</text>`);
  }
  return rasterise(parts, { ...spec, width, height }, paper, random);
}

/** SVG parts to an image: paper grain, then rotation about the centre (cropped back to size), then encoding. */
async function rasterise(parts: readonly string[], spec: { width: number; height: number; noise?: number; rotationDeg?: number; format?: 'jpg' | 'png' },
  paper: string, random: () => number): Promise<Buffer> {
  const { width, height } = spec;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  let image = sharp(Buffer.from(svg)).flatten({ background: paper });

  const noise = spec.noise ?? 0.15;
  if (noise > 0) {
    const grain = Buffer.alloc(width * height);
    for (let i = 0; i < grain.length; i++) { grain[i] = 128 + Math.round((random() - 0.5) * 255 * noise); }
    const rendered = await image.png().toBuffer();
    image = sharp(rendered).composite([{ input: grain, raw: { width, height, channels: 1 }, blend: 'soft-light' }]);
  }
  if (spec.rotationDeg) {
    const rotated = await image.png().toBuffer();
    image = sharp(rotated).rotate(spec.rotationDeg, { background: paper });
    const turned = await image.png().toBuffer();
    const meta = await sharp(turned).metadata();
    image = sharp(turned).extract({
      left: Math.floor(((meta.width ?? width) - width) / 2), top: Math.floor(((meta.height ?? height) - height) / 2), width, height,
    });
  }
  return spec.format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 88 }).toBuffer();
}

export async function writeCard(file: string, spec: CardSpec): Promise<void> {
  await writeFile(file, await renderCard(spec));
}

/** An index card with a header zone: company and location on the left, an id right of a red vertical rule. */
export interface IndexCardSpec {
  company: string;
  location: string;
  /** Typed right of the red rule on the company's line, e.g. `B.51.322.GB.123`. */
  id: string;
  /** Typed under the id, e.g. a date stamp. */
  date?: string;
  /** Free notes under the header. */
  body?: string[];
  /** Type the company letter-spaced (`M o o t z   W i l h e l m`). @default true */
  letterSpacedCompany?: boolean;
  paper?: Paper;
  /** Blue rules the text sits on, all down the card. @default true */
  rules?: boolean;
  width?: number;
  height?: number;
  fontSize?: number;
  rotationDeg?: number;
  noise?: number;
  format?: 'jpg' | 'png';
  seed?: number;
}

/** Pixel layout of an index card: where each row's baseline is, where the text starts, where the red rule runs. */
function indexLayout(spec: IndexCardSpec) {
  const width = spec.width ?? 1000;
  const height = spec.height ?? 600;
  const size = spec.fontSize ?? 30;
  const left = Math.round(width * 0.05);
  const ruleX = Math.round(width * 0.64);
  const baseline = (row: number) => Math.round(size * 2.2 + row * size * 1.6);
  return { width, height, size, left, ruleX, idX: ruleX + Math.round(width * 0.02), baseline };
}

export interface IndexCardZones { company: RelativeRect; location: RelativeRect; id: RelativeRect; date: RelativeRect }

/**
 * The header's zones in relative card coordinates, for region fields: each one text row high (from a little
 * above the capitals to just under the descenders, the blue rule below included), left of or right of the red rule.
 */
export function indexCardZones(spec: IndexCardSpec): IndexCardZones {
  const l = indexLayout(spec);
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const zone = (x0: number, x1: number, row: number): RelativeRect => ({
    left: round(x0 / l.width), top: round((l.baseline(row) - l.size * 1.05) / l.height),
    width: round((x1 - x0) / l.width), height: round((l.size * 1.5) / l.height),
  });
  const leftZone = [l.left - Math.round(l.width * 0.03), l.ruleX - 6] as const;
  const rightZone = [l.ruleX + 6, l.width - Math.round(l.width * 0.01)] as const;
  return { company: zone(...leftZone, 0), location: zone(...leftZone, 1), id: zone(...rightZone, 0), date: zone(...rightZone, 1) };
}

export async function renderIndexCard(spec: IndexCardSpec): Promise<Buffer> {
  const l = indexLayout(spec);
  const paper = paperColours[spec.paper ?? 'yellow'];
  const random = seeded(spec.seed ?? 11);
  const parts: string[] = [`<rect width="100%" height="100%" fill="${paper}"/>`];
  if (spec.rules ?? true) {
    for (let row = 0; l.baseline(row) < l.height; row++) {
      const y = l.baseline(row) + Math.round(l.size * 0.35);
      parts.push(`<line x1="0" y1="${y}" x2="${l.width}" y2="${y}" stroke="${ruleBlue}" stroke-width="2"/>`);
    }
  }
  parts.push(`<line x1="${l.ruleX}" y1="0" x2="${l.ruleX}" y2="${l.height}" stroke="${ruleRed}" stroke-width="3"/>`);
  const type = (text: string, x: number, row: number) => {
    // Typewriters strike unevenly: a little jitter per line keeps the text from looking printed.
    const dx = Math.round((random() - 0.5) * 4);
    parts.push(`<text x="${x + dx}" y="${l.baseline(row)}" font-family="FreeMono" font-weight="bold" font-size="${l.size}" fill="${inkColour}" xml:space="preserve">${escapeXml(text)}</text>`);
  };
  type((spec.letterSpacedCompany ?? true) ? letterSpace(spec.company) : spec.company, l.left, 0);
  type(spec.location, l.left, 1);
  type(spec.id, l.idX, 0);
  if (spec.date) { type(spec.date, l.idX, 1); }
  (spec.body ?? []).forEach((line, i) => type(line, l.left, 3 + i));
  return rasterise(parts, { ...spec, width: l.width, height: l.height }, paper, random);
}

export async function writeIndexCard(file: string, spec: IndexCardSpec): Promise<void> {
  await writeFile(file, await renderIndexCard(spec));
}

export interface SampleCard { name: string; spec: CardSpec; expected: Record<string, string> }

interface Entry { author: string; title: string; imprint: string; pages: string; format: string; shelfmark: string }

const entries: Entry[] = [
  { author: 'Mootz, Wilhelm', title: 'Die Geschichte der Buchdruckerkunst', imprint: 'Mainz: Zabern, 1952', pages: 'xii, 345 p', format: '23 cm', shelfmark: 'A 1234:5' },
  { author: 'Hartmann, Elise', title: 'Catalogue of early printed maps', imprint: 'London: Quaritch, 1931', pages: '210 p', format: '28 cm', shelfmark: 'K 87:12' },
  { author: 'Baumann, Otto', title: 'Rivers and canals of Flanders', imprint: 'Leipzig: Teubner, 1908', pages: 'viii, 96 p', format: '21 cm', shelfmark: 'G 415:3' },
  { author: 'Fontaine, Marcel', title: 'La reliure au dix-huitieme siecle', imprint: 'Paris: Didot, 1927', pages: '184 p', format: '25 cm', shelfmark: 'B 902:1' },
  { author: 'Keller, Anna', title: 'Swiss watchmakers of the Jura', imprint: 'Basel: Schwabe, 1946', pages: 'xvi, 402 p', format: '24 cm', shelfmark: 'T 3310:8' },
  { author: 'Lindqvist, Per', title: 'Runic stones of Uppland', imprint: 'Uppsala: Almqvist, 1915', pages: '77 p', format: '19 cm', shelfmark: 'H 56:40' },
  { author: 'Moretti, Carla', title: 'Paper mills of the Veneto', imprint: 'Venezia: Ongania, 1899', pages: 'x, 158 p', format: '22 cm', shelfmark: 'P 2001:6' },
  { author: 'Novak, Jan', title: 'The bridges of Prague', imprint: 'Praha: Otto, 1923', pages: '263 p', format: '26 cm', shelfmark: 'A 777:2' },
  { author: 'Schmidt, Karl', title: 'Handbook of bookbinding', imprint: 'Berlin: Springer, 1912', pages: 'xx, 512 p', format: '23 cm', shelfmark: 'B 1450:9' },
  { author: 'Vogel, Hanna', title: 'Alpine flora in colour', imprint: 'Zurich: Orell, 1951', pages: '144 p', format: '18 cm', shelfmark: 'N 620:4' },
  { author: 'Weber, Max', title: 'Economy and society', imprint: 'Tubingen: Mohr, 1922', pages: 'viii, 840 p', format: '27 cm', shelfmark: 'S 99:1' },
  { author: 'Young, Thomas', title: 'Lectures on natural philosophy', imprint: 'London: Johnson, 1807', pages: '796 p', format: '29 cm', shelfmark: 'Q 18:33' },
];

/** Catalogue cards with known values: author, title, imprint, pages, format, shelfmark (top-right corner). */
export const catalogueCards: SampleCard[] = entries.map((entry, i) => ({
  name: `card-${String(i + 1).padStart(2, '0')}.jpg`,
  spec: {
    lines: [`${entry.author}.`, `${entry.title}.`, `${entry.imprint}.`, `${entry.pages}. ; ${entry.format}.`],
    corner: entry.shelfmark,
    rotationDeg: [0.4, -0.3, 0.2, -0.5, 0, 0.3][i % 6],
    rules: i % 3 !== 2,
    paper: i % 4 === 3 ? 'white' : 'yellow',
    seed: 100 + i,
  },
  expected: { ...entry },
}));
