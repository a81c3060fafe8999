// One registry of preprocessing steps: every option of the protocol schema is applied somewhere, and asking for a
// pixel step is what makes the pixel stage run.
import * as assert from 'node:assert/strict';
import { needsPixelSteps } from '../../../src/engine/clean-pixels';
import { pixelSteps, pixelStepsFor, sharpOptionNames } from '../../../src/engine/pixel-steps';
import { PreprocessOptions } from '../../../src/protocol';

describe('preprocessing step registry', () => {
  const schemaKeys = Object.keys(PreprocessOptions.shape).sort();

  it('covers every key of the PreprocessOptions schema exactly once: by sharp or by a pixel step', () => {
    const covered = [...sharpOptionNames, ...Object.keys(pixelSteps)];
    assert.deepEqual([...covered].sort(), schemaKeys);
    assert.equal(new Set(covered).size, covered.length);
  });

  it('runs the pixel stage for each pixel step alone, in the registry\'s order, and not for sharp\'s options', () => {
    for (const name of Object.keys(pixelSteps)) {
      const options = { [name]: name === 'keepColour' ? 'blue' : true } as PreprocessOptions;
      assert.ok(needsPixelSteps(options), name);
      assert.deepEqual(pixelStepsFor(options), [name]);
    }
    assert.equal(needsPixelSteps({ greyscale: true, normalise: true, targetWidth: 2000 }), false);
    assert.deepEqual(pixelStepsFor({ threshold: true, cropBorder: true, keepColour: 'red', deskew: false }), ['keepColour', 'cropBorder', 'threshold']);
  });
});
