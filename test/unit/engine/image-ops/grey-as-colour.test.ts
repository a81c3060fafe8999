// A grey card stored as colour is told apart from a colour one exactly, whatever its length and alignment.
import * as assert from 'node:assert/strict';
import { greyOfColour } from '../../../../src/engine/image-ops/grey-as-colour';

/** `pixels` grey values (a ramp, so neighbours differ) as three equal channels, starting `offset` bytes into a buffer. */
function greyAsColour(pixels: number, offset = 0): { rgb: Buffer; grey: Buffer } {
  const grey = Buffer.from(Array.from({ length: pixels }, (_, p) => (p * 37 + 11) % 256));
  const rgb = Buffer.alloc(offset + pixels * 3).subarray(offset);
  grey.forEach((value, p) => rgb.fill(value, p * 3, p * 3 + 3));
  return { rgb, grey };
}

describe('grey of colour', () => {
  it('gives the one channel of equal-channel pixels, for any pixel count and byte offset', () => {
    for (const pixels of [1, 3, 4, 5, 8, 1001]) {
      for (const offset of [0, 1, 4]) {
        const { rgb, grey } = greyAsColour(pixels, offset);
        assert.deepEqual(greyOfColour(rgb, 3), grey, `${pixels} pixels at offset ${offset}`);
      }
    }
  });

  it('keeps colour: one channel off by one anywhere (in a 4-pixel step or in the tail) is enough', () => {
    for (const at of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1500, 3000, 3001, 3002]) {
      const { rgb } = greyAsColour(1001);
      rgb[at] ^= 1;
      assert.equal(greyOfColour(rgb, 3), undefined, `byte ${at}`);
    }
  });

  it('leaves one-channel and alpha images alone', () => {
    assert.equal(greyOfColour(Buffer.alloc(12), 1), undefined);
    assert.equal(greyOfColour(Buffer.alloc(16), 4), undefined);
  });
});
