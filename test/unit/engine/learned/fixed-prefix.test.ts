// The fixed start of a field's checked values (an id's series), learned from them and put right where OCR slipped.
import * as assert from 'node:assert/strict';
import { applyFixedPrefix, learnFixedPrefix } from '../../../../src/engine/learned/fixed-prefix';

describe('learned fixed prefix', () => {
  it('is the start most checked values share, cut back to its last mark', () => {
    const ids = ['B.51.322.GB.397.', 'B.51.322.GB.590.', 'B.51.322.GB.1051.', 'B.51.322.GB.1162.', 'B.51.322.GB.12', 'B.57.322.01'];
    // `B.51.322.GB.` starts five of the six (≥ 80 %); the last value's own series does not stop it.
    assert.equal(learnFixedPrefix(ids), 'B.51.322.GB.');
  });

  it('is none for values without a shared start, too few values, or a start too short to say anything', () => {
    assert.equal(learnFixedPrefix(['Basel', 'Bern', 'Zürich', 'Leipzig', 'Kiel', 'Genève']), undefined);
    assert.equal(learnFixedPrefix(['B.51.1', 'B.51.2', 'B.51.3', 'B.51.4']), undefined);
    assert.equal(learnFixedPrefix(['8°', '8°', '8°', '8°', '8°', '4°']), undefined);
  });

  it('puts right a misread start and leaves a right or unrelated one alone', () => {
    const prefix = 'B.51.322.GB.';
    assert.equal(applyFixedPrefix('3,51.322.GB.1392.', prefix), 'B.51.322.GB.1392.');
    assert.equal(applyFixedPrefix('Be31.322.6B.87.', prefix), 'B.51.322.GB.87.');
    // The misread series part (`93.`) is taken for `GB.`, not kept as the start of the number.
    assert.equal(applyFixedPrefix('B.51.322.93.1162.', prefix), 'B.51.322.GB.1162.');
    assert.equal(applyFixedPrefix('B.51.322.GB.759', prefix), 'B.51.322.GB.759');
    assert.equal(applyFixedPrefix('R 57.499 AR', prefix), 'R 57.499 AR');
    assert.equal(applyFixedPrefix('', prefix), '');
  });
});
