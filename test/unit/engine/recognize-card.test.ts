// Which preparations leave the card as decoded: those get no second, raw reading when the page comes out empty.
import * as assert from 'node:assert/strict';
import { isRawPreparation, rawPreparation } from '../../../src/engine/recognize-card';

describe('isRawPreparation', () => {
  it('is true when nothing is asked, the engine default since every step is opt-in', () => {
    assert.deepEqual([{}, rawPreparation, { greyscale: false, normalise: false }, { targetWidth: 0, deskew: false }].map(isRawPreparation), [true, true, true, true]);
  });

  it('is false as soon as one step is asked, greyscale and normalise included', () => {
    assert.deepEqual([{ greyscale: true }, { normalise: true }, { targetWidth: 1200 }, { cropBorder: true }, { keepColour: 'blue' as const }].map(isRawPreparation),
      [false, false, false, false, false]);
  });
});
