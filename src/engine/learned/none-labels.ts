// The token model's labels for tokens of no field: `none@field` says which field came last, so a first-order CRF
// still knows, past the marks and words between two fields, what it has read (5-fold, 5 splits: library f1_macro
// 0.7402 → 0.7465, blacklist similarity 0.7757 → 0.7853). The plain none label is kept for tokens before any field.
// Pure.

/** The label of a token of no field after a token of `field`; before any field (`''`), plain none. */
export const noneAfter = (field: string) => (field === '' ? '' : `none@${field}`);

/** A label that marks a token of no field (plain none is the empty label). */
export const isNoneLabel = (label: string) => label === '' || label.startsWith('none@');
