// Typographic rewrites of a field's value learned from checked cards: spacing OCR gets wrong the same way card after
// card (`Diss.Basel` for `Diss. Basel`), and marks OCR reads from specks between words that the field's checked
// values never hold (`„`). Each is kept for a field only when, over the checked cards, it brought more found values
// closer to their checked value than it took away: the same sign vote as title case. No collection-specific rules. Pure.
import { indelSimilarity } from '../eval/indel';
import { isMark } from './edge-marks';

/** A piece of a found value: its text, whether it is glued to the piece before (one OCR word), or on a new line. */
export interface ValuePiece { text: string; glued: boolean; newLine: boolean }

/** The rewrites a field may learn, by the name its model stores. */
export const valueRewrites: Readonly<Record<string, (text: string) => string>> = {
  'space-after-stop': text => text.replace(/\.(?=\p{L})/gu, '. '),
  'space-after-stop-digit': text => text.replace(/\.(?=\p{N})/gu, '. '),
  'space-after-comma': text => text.replace(/,(?=[\p{L}\p{N}])/gu, ', '),
  'no-space-before-mark': text => text.replace(/ +(?=[,.;:!?)\]])/g, ''),
  // An initial's stop OCR read as a comma (`J. A, Barth`, `Malchin i, M.`).
  'stop-after-initial': text => text.replace(/(?<![\p{L}\p{N}])(\p{L}),/gu, '$1.'),
};

/** Pieces of one line joined by a space (none where glued), lines by \n. */
export function joinPieces(pieces: readonly ValuePiece[]): string {
  return pieces.map((piece, i) => (i === 0 ? '' : piece.newLine ? '\n' : piece.glued ? '' : ' ') + piece.text).join('');
}

/** Whether piece `i` is a word of its own (glued to neither neighbour) made only of `marks`. */
export function isStrayPiece(pieces: readonly ValuePiece[], i: number, marks: string | undefined): boolean {
  const { text } = pieces[i];
  const alone = !pieces[i].glued && !(pieces[i + 1]?.glued ?? false);
  return marks !== undefined && marks !== '' && alone && text !== '' && [...text].every(c => marks.includes(c));
}

/** The pieces without the stray ones. */
export function withoutStrays<P extends ValuePiece>(pieces: readonly P[], marks: string | undefined): P[] {
  return marks ? pieces.filter((_, i) => !isStrayPiece(pieces, i, marks)) : [...pieces];
}

/** `text` with the named rewrites applied in order. */
export function rewriteValue(text: string, rewrites: readonly string[] | undefined): string {
  return (rewrites ?? []).reduce((value, name) => valueRewrites[name]?.(value) ?? value, text);
}

/** How many more pairs `after` brought closer to their checked value than `before` had them (unchanged ones
 *  abstain): the vote title case and the rewrites are kept by. */
export function closerVote<T>(pairs: readonly T[], before: (pair: T) => string, after: (pair: T) => string, truth: (pair: T) => string): number {
  return pairs.reduce((sum, pair) => {
    const a = before(pair);
    const b = after(pair);
    return a === b ? sum : sum + Math.sign(indelSimilarity(b, truth(pair)) - indelSimilarity(a, truth(pair)));
  }, 0);
}

export interface RewritePair { pieces: readonly ValuePiece[]; truth: string }

/**
 * A field's stray marks and rewrites from its found values and their checked ones. `checked` are all the field's
 * checked values: a mark any of them holds is never stray. `recase` is applied before rewrites are weighed, as the
 * finder applies it (title case) before rewriting.
 */
export function learnRewrites(pairs: readonly RewritePair[], checked: readonly string[], recase: (text: string) => string = t => t):
  { rewrites?: string[]; strayMarks?: string } {
  const typed = new Set(checked.flatMap(value => [...value]));
  // Candidates: the marks of mark-only pieces that stand as words of their own.
  const candidates = new Set(pairs.flatMap(({ pieces }) => pieces.flatMap((piece, i) =>
    (isMark(piece.text) && isStrayPiece(pieces, i, piece.text) ? [...piece.text] : []))));
  const strays = [...candidates].filter(c => !typed.has(c));
  const strayMarks = strays.filter(c => closerVote(pairs, p => joinPieces(p.pieces), p => joinPieces(withoutStrays(p.pieces, c)), p => p.truth) > 0).join('');
  const base = pairs.map(p => ({ text: recase(joinPieces(withoutStrays(p.pieces, strayMarks))), truth: p.truth }));
  const rewrites = Object.keys(valueRewrites).filter(name =>
    closerVote(base, p => p.text, p => rewriteValue(p.text, [name]), p => p.truth) > 0);
  return { ...(rewrites.length > 0 ? { rewrites } : {}), ...(strayMarks !== '' ? { strayMarks } : {}) };
}
