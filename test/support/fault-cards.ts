// Broken card files cut from a real card image, one per way a scan can fail, with the problem code each must get.
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ProblemCode } from '../../src/protocol';

export type FaultKind = 'truncated' | 'empty' | 'not-an-image' | 'corrupt' | 'too-large' | 'unreadable';

export const faultCodes: Record<FaultKind, ProblemCode> = {
  truncated: 'card/truncated',
  empty: 'card/empty',
  'not-an-image': 'card/not-an-image',
  corrupt: 'card/corrupt',
  'too-large': 'card/too-large',
  unreadable: 'card/unreadable',
};

/** Batches with faults set `options.maxInputPixels` to this: the good ~900×550 cards pass, the oversize one does not. */
export const faultMaxInputPixels = 1_000_000;

/**
 * Writes `fault-<kind>.jpg` for each kind into `dir`, derived from `jpeg` (a real card image):
 * truncated = the first 60% of its bytes; empty = 0 bytes; not-an-image = text named .jpg; corrupt = its
 * entropy-coded data overwritten with 0xFF in the middle; too-large = the card scaled past faultMaxInputPixels;
 * unreadable = a link to a file that does not exist (tests run as root, so chmod 000 would not stop a read).
 * Returns card name → expected problem code.
 */
export async function writeFaultCards(dir: string, jpeg: Buffer, kinds: readonly FaultKind[] = Object.keys(faultCodes) as FaultKind[]): Promise<Record<string, ProblemCode>> {
  const expected: Record<string, ProblemCode> = {};
  for (const kind of kinds) {
    const name = `fault-${kind}.jpg`;
    const file = join(dir, name);
    switch (kind) {
      case 'truncated': await writeFile(file, jpeg.subarray(0, Math.floor(jpeg.length * 0.6))); break;
      case 'empty': await writeFile(file, Buffer.alloc(0)); break;
      case 'not-an-image': await writeFile(file, 'Author: Not An Image\nThis is a text file renamed to .jpg\n'); break;
      case 'corrupt': {
        const bytes = Buffer.from(jpeg);
        const start = Math.floor(bytes.length / 3);
        // 0xFF bytes read as markers inside the entropy-coded data, which libjpeg always notices.
        bytes.fill(0xff, start, start + Math.min(2000, Math.floor(bytes.length / 4)));
        await writeFile(file, bytes);
        break;
      }
      case 'too-large': await sharp(jpeg).resize({ width: 1600 }).jpeg().toFile(file); break;
      case 'unreadable': await symlink(join(dir, 'no-such-scan.jpg'), file); break;
    }
    expected[name] = faultCodes[kind];
  }
  return expected;
}
