// Tesseract's and Leptonica's notes on cards that read fine are debug lines; anything else on stderr is a warning.
import * as assert from 'node:assert/strict';
import { childOutputLevel } from '../../../src/engine/child-output-level';

describe('engine child output levels', () => {
  it('puts tesseract and leptonica chatter at debug', () => {
    const chatter = ['Error in boxClipToRectangle: box outside rectangle', 'Error in pixScanForForeground: invalid box',
      'Warning: Invalid resolution 0 dpi. Using 70 instead.', 'Estimating resolution as 312', 'Detected 14 diacritics',
      'Empty page!!', 'Too few characters. Skipping this page', 'Image too small to scale!! (2x36 vs min width of 3)',
      'Line cannot be recognized!!', 'Info in pixReadMem: ok'];
    assert.deepEqual(chatter.map(line => childOutputLevel(line, 'stderr')), chatter.map(() => 'debug'));
  });

  it('keeps a crash trace or a Node warning on stderr a warning, and stdout at debug', () => {
    assert.equal(childOutputLevel('TypeError: Cannot read properties of undefined', 'stderr'), 'warn');
    assert.equal(childOutputLevel('(node:123) MaxListenersExceededWarning: Possible EventEmitter memory leak', 'stderr'), 'warn');
    assert.equal(childOutputLevel('    at Object.<anonymous> (dist/engine.js:10:5)', 'stderr'), 'warn');
    assert.equal(childOutputLevel('anything at all', 'stdout'), 'debug');
  });
});
