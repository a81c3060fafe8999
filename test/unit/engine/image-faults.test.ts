// Telling a truncated card from a corrupt one by its bytes, since libvips' one error buffer is shared by
// every decode in the process and its messages can name another card's fault.
import * as assert from 'node:assert/strict';
import sharp from 'sharp';
import { classifyImageError, endsShort } from '../../../src/engine/image-faults';
import { preprocessImage } from '../../../src/engine/preprocess';

const cut = (bytes: Buffer, share = 0.6) => bytes.subarray(0, Math.floor(bytes.length * share));

/** A card-like image with enough detail that its compressed data is more than headers. */
function card() {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

/** libjpeg's own word for damaged scan data: 0xFF bytes in the middle read as markers. */
function damaged(jpeg: Buffer): Buffer {
  const bytes = Buffer.from(jpeg);
  const start = Math.floor(bytes.length / 3);
  bytes.fill(0xff, start, start + 2000);
  return bytes;
}

describe('image faults', () => {
  it('finds where JPEG (baseline and progressive), PNG and WebP files end, and leaves TIFF to the message', async () => {
    const files = {
      jpeg: await card().jpeg().toBuffer(),
      progressive: await card().jpeg({ progressive: true }).toBuffer(),
      png: await card().png().toBuffer(),
      webp: await card().webp().toBuffer(),
    };
    for (const [kind, bytes] of Object.entries(files)) {
      assert.deepEqual([kind, endsShort(bytes), endsShort(cut(bytes)), endsShort(cut(bytes, 0.95))], [kind, false, true, true]);
    }
    assert.equal(endsShort(damaged(files.jpeg)), false);
    assert.equal(endsShort(await card().tiff().toBuffer()), undefined);
  });

  it('trusts the bytes over a message that names another card\'s fault', async () => {
    const jpeg = await card().jpeg().toBuffer();
    const mixed = 'VipsJpeg: Corrupt JPEG data: premature end of data segment\nVipsJpeg: premature end of JPEG image';
    assert.equal(classifyImageError(mixed, cut(jpeg)), 'card/truncated');
    assert.equal(classifyImageError('VipsJpeg: premature end of JPEG image', damaged(jpeg)), 'card/corrupt');
    assert.equal(classifyImageError('Warning treated as error due to failOn setting', cut(jpeg)), 'card/truncated');
    assert.equal(classifyImageError(mixed), 'card/corrupt');
    assert.equal(classifyImageError('Input buffer contains unsupported image format', Buffer.from('text')), 'card/not-an-image');
  });

  it('names each card\'s own fault when truncated and corrupt cards are decoded side by side', async () => {
    const jpeg = await card().jpeg().toBuffer();
    const settings = { preprocess: {}, maxInputPixels: 10_000_000 };
    const cards = { truncated: cut(jpeg), corrupt: damaged(jpeg), good: jpeg };
    const seen = new Set<string>();
    for (let round = 0; round < 15; round++) {
      const results = await Promise.all(Object.entries(cards).flatMap(([kind, bytes]) => [1, 2].map(async () => {
        const prepared = await preprocessImage(`${kind}.jpg`, bytes, settings);
        return `${kind} → ${prepared.ok ? 'ok' : prepared.error.code}`;
      })));
      results.forEach(r => seen.add(r));
    }
    assert.deepEqual([...seen].sort(), ['corrupt → card/corrupt', 'good → ok', 'truncated → card/truncated']);
  });
});
