// The review mode's keyboard, as a pure function of one key press, so unit tests cover it without a DOM.

export type ReviewKeyAction = 'next' | 'previous' | 'save' | 'accept' | 'leave' | 'assign' | 'words';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Where the key went: a one-line value input of the review, a multi-line one, any other text input, the card's
   *  words (the image, when pointing), or elsewhere. */
  target: 'value' | 'multiline-value' | 'text' | 'words' | 'other';
}

/**
 * n / p (outside text inputs) or Alt+Down / Alt+Up: next / previous card. Enter in a one-line value: save the
 * values changed and go on (untouched fields keep their flags). Ctrl+Enter (⌘+Enter): accept the whole card as
 * shown, every field vouched for, and go on. Escape: leave review. On the card's words: Enter assigns the selected
 * words to the field being looked at; elsewhere outside text inputs, w puts the keyboard on the card's words.
 * Anything else is left alone.
 */
export function reviewKeyAction(press: KeyPress): ReviewKeyAction | undefined {
  const command = press.ctrlKey || press.metaKey;
  if (press.key === 'Escape' && !command && !press.altKey) { return 'leave'; }
  if (press.key === 'Enter') {
    if (command) { return 'accept'; }
    if (press.target === 'words' && !press.altKey && !press.shiftKey) { return 'assign'; }
    return press.target === 'value' && !press.altKey && !press.shiftKey ? 'save' : undefined;
  }
  if (press.altKey && !command && !press.shiftKey) {
    if (press.key === 'ArrowDown') { return 'next'; }
    if (press.key === 'ArrowUp') { return 'previous'; }
  }
  if ((press.target === 'other' || press.target === 'words') && !command && !press.altKey) {
    if (press.key === 'n') { return 'next'; }
    if (press.key === 'p') { return 'previous'; }
    if (press.key === 'w' && press.target === 'other') { return 'words'; }
  }
  return undefined;
}

/** 1–9 on the card's words: assign the selected words to that field (in the order the fields are listed). */
export function fieldDigit(press: KeyPress): number | undefined {
  if (press.target !== 'words' || press.ctrlKey || press.metaKey || press.altKey || !/^[1-9]$/.test(press.key)) { return undefined; }
  return Number(press.key) - 1;
}
