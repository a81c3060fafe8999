// A DisposableStore disposes everything it holds even when one item throws: a failed clean-up must not leave an
// engine child or a server open behind it.
import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../../src/common/lifecycle';

describe('DisposableStore', () => {
  it('disposes every item, last added first, and rethrows the first error', () => {
    const store = new DisposableStore();
    const order: string[] = [];
    store.add({ dispose: () => { order.push('first'); } });
    store.add({ dispose: () => { order.push('throws'); throw new Error('folder not empty'); } });
    store.add({ dispose: () => { order.push('last'); } });
    assert.throws(() => store.dispose(), /folder not empty/);
    assert.deepEqual(order, ['last', 'throws', 'first']);
    assert.ok(store.isDisposed);
  });
});
