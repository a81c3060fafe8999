// Review mode's keyboard and region drawing as pure functions: which key does what where, and how a dragged
// pixel box becomes the region text the field editor parses back.
import * as assert from 'node:assert/strict';
import { RelativeRect } from '../../../src/protocol/index';
import { finderOf, regionText, toRelativeRect } from '../../../webview-ui/src/finder-text';
import { fieldDigit, reviewKeyAction, type KeyPress } from '../../../webview-ui/src/review-keys';

const press = (key: string, target: KeyPress['target'], modifiers: Partial<KeyPress> = {}): KeyPress =>
  ({ key, target, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });

describe('webview review keys and drawn regions', () => {
  const table: Array<[string, KeyPress, ReturnType<typeof reviewKeyAction>]> = [
    ['n outside inputs', press('n', 'other'), 'next'],
    ['p outside inputs', press('p', 'other'), 'previous'],
    ['n typed in a value', press('n', 'value'), undefined],
    ['n typed in another input', press('n', 'text'), undefined],
    ['Ctrl+n', press('n', 'other', { ctrlKey: true }), undefined],
    ['Alt+Down in a value', press('ArrowDown', 'value', { altKey: true }), 'next'],
    ['Alt+Up anywhere', press('ArrowUp', 'other', { altKey: true }), 'previous'],
    ['plain Down', press('ArrowDown', 'other'), undefined],
    ['Enter in a one-line value', press('Enter', 'value'), 'save'],
    ['Enter in a multi-line value', press('Enter', 'multiline-value'), undefined],
    ['Shift+Enter in a value', press('Enter', 'value', { shiftKey: true }), undefined],
    ['Enter elsewhere', press('Enter', 'other'), undefined],
    // Ctrl+Enter accepts the whole card (issue 12: Enter saves only what changed).
    ['Ctrl+Enter in a multi-line value', press('Enter', 'multiline-value', { ctrlKey: true }), 'accept'],
    ['Ctrl+Enter in a one-line value', press('Enter', 'value', { ctrlKey: true }), 'accept'],
    ['Cmd+Enter elsewhere', press('Enter', 'other', { metaKey: true }), 'accept'],
    ['Escape in a value', press('Escape', 'value'), 'leave'],
    ['Escape elsewhere', press('Escape', 'other'), 'leave'],
    // Label by pointing (issue 11): on the card's words Enter assigns the selection; w puts the keyboard there.
    ['Enter on the card words', press('Enter', 'words'), 'assign'],
    ['Shift+Enter on the card words', press('Enter', 'words', { shiftKey: true }), undefined],
    ['Ctrl+Enter on the card words', press('Enter', 'words', { ctrlKey: true }), 'accept'],
    ['w outside inputs', press('w', 'other'), 'words'],
    ['w typed in a value', press('w', 'value'), undefined],
    ['n on the card words', press('n', 'words'), 'next'],
  ];
  for (const [name, key, expected] of table) {
    it(`${name} → ${expected ?? 'nothing'}`, () => assert.equal(reviewKeyAction(key), expected));
  }

  it('1–9 on the card words pick the field to assign to, and nowhere else', () => {
    assert.deepEqual(['1', '9', '0', 'a'].map(key => fieldDigit(press(key, 'words'))), [0, 8, undefined, undefined]);
    assert.equal(fieldDigit(press('1', 'value')), undefined);
    assert.equal(fieldDigit(press('1', 'other')), undefined);
    assert.equal(fieldDigit(press('1', 'words', { altKey: true })), undefined);
  });

  it('turns a dragged pixel box into a region inside the card that the editor text parses back', () => {
    const rect = toRelativeRect({ x0: 27, y0: 96, x1: 873, y1: 138 }, 900, 550);
    assert.deepEqual(rect, { left: 0.03, top: 0.1745, width: 0.94, height: 0.0764 });
    assert.deepEqual(finderOf('region', regionText(rect)), { by: 'region', region: rect });
    const corner = toRelativeRect({ x0: 450, y0: 275, x1: 900, y1: 550 }, 900, 550);
    assert.deepEqual(corner, { left: 0.5, top: 0.5, width: 0.5, height: 0.5 });
    assert.ok(RelativeRect.safeParse(toRelativeRect({ x0: 1, y0: 1, x1: 899.6, y1: 549.7 }, 900, 550)).success);
  });
});
