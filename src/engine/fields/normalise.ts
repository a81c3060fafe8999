// String normalisers a field may name in its template (`normalise: [...]`), applied in the order given.
// Pure text in, text out: they know nothing of OCR words, templates or cards.
import { assertNever } from '../../common/assert';
import type { Normaliser } from '../../protocol';

/** A lone letter, maybe followed by closing punctuation, as typists spaced out emphasised words. */
const singleLetter = /^\p{L}[.,;:)]?$/u;

/** One stretch of a line between wide gaps (two or more spaces), tokens split on single spaces. */
function collapseSegment(segment: string, betweenWideGaps: boolean): string {
  const tokens = segment.split(' ');
  // A stretch made only of lone letters (`i m`, `d e`) is one spaced word: the wide gaps around it say so.
  // Between wide gaps, letters OCR glued into pieces (`Moot z`) are one spaced word too, when a lone letter
  // shows the spacing and nothing but the last piece carries punctuation (`Abegg & Cie.` stays as it is).
  if (betweenWideGaps && tokens.length >= 2 && tokens.some(token => singleLetter.test(token))
    && tokens.every((token, i) => (i === tokens.length - 1 ? /^\p{L}+[.,;:)]?$/u : /^\p{L}+$/u).test(token))) {
    return splitCamel(tokens.join(''));
  }
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 3) { out.push(splitCamel(run.join(''))); } else { out.push(...run); }
    run = [];
  };
  for (const token of tokens) {
    const closed = run.length > 0 && /[.,;:)]$/u.test(run[run.length - 1]);
    if (closed) { flush(); }
    if (singleLetter.test(token)) { run.push(token); continue; }
    flush();
    out.push(token);
  }
  flush();
  return out.join(' ');
}

/** `MootzWilhelm` → `Mootz Wilhelm`: OCR often loses the wider gap between two spaced words; a capital after
 *  a small letter inside one collapsed run marks where it was. */
function splitCamel(word: string): string {
  return word.replace(/(\p{Ll})(?=\p{Lu}\p{Ll})/gu, '$1 ');
}

/**
 * `A b e g g & Cie.` → `Abegg & Cie.`: a run of three or more one-letter tokens separated by single spaces is
 * one letter-spaced word; a wider gap (two or more spaces) stays a word break, so `M o o t z  W i l h e l m`
 * → `Mootz Wilhelm`, and a stretch between wide gaps made of letters with at least one lone letter (`i m`,
 * `Moot z`, as OCR often glues spaced letters) is joined too. Runs of one or two in normal text (`Vitamin A`,
 * `a b`) are real one-letter words and stay. Only the last token of a run may carry punctuation, so `A. B. C.`
 * initials are never joined. Line breaks are kept.
 */
export function collapseLetterSpacing(text: string): string {
  return text.split('\n').map(line => {
    if (!/ {2,}/.test(line.trim())) { return collapseSegment(line.trim().replace(/ +/g, ' '), false); }
    return line.trim().split(/ {2,}/).map(segment => collapseSegment(segment, true)).join(' ');
  }).join('\n');
}

/** `Buch-\ndruck` (or a typewriter's `Buch=\ndruck`) → `Buchdruck`; before a capital the hyphen is real: `Reifen-\nImport` → `Reifen-Import`. */
export function joinHyphenation(text: string): string {
  return text
    .replace(/(\p{L})[-‐¬=⸗] *\n *(\p{Ll})/gu, '$1$2')
    .replace(/(\p{L})[-‐] *\n *(\p{Lu})/gu, '$1-$2');
}

/** Words whose abbreviation ends a name with a dot that belongs to it (`Abegg & Cie.`, `Meier, Dr.`). */
const abbreviations = new Set(['cie', 'co', 'dr', 'jr', 'sr', 'st', 'hg', 'hrsg', 'bd', 'nr', 'prof', 'ing', 'inc', 'ltd', 'corp', 'gebr', 'fa', 'sa', 'ag']);

/** The text's last word is an abbreviation: dotted letters (`A.G`, `G.m.b.H`), one letter (`E`), or a known one. */
function endsInAbbreviation(text: string): boolean {
  const last = /(?:^|[\s(])([\p{L}.]+)$/u.exec(text)?.[1] ?? '';
  const word = last.replace(/^.*\./u, '');
  return /\p{L}\.\p{L}/u.test(last) || /^\p{L}$/u.test(word) || abbreviations.has(word.toLowerCase());
}

/**
 * Stray marks OCR leaves at a value's edges (rules read as `|`, dirt as `_`…) and separators; a final `.`
 * too, unless it closes an abbreviation (`A.G.`, `Cie.`, `Dr.`, an initial), where it is part of the name.
 */
export function trimPunctuation(text: string): string {
  const tail = /[\s.,;:|/\\_·•*~\-–—]+$/u.exec(text)?.[0] ?? '';
  const trimmed = text.slice(0, text.length - tail.length).replace(/^[\s.,;:|/\\_·•*~\-–—]+/u, '');
  return tail.startsWith('.') && trimmed !== '' && endsInAbbreviation(trimmed) ? `${trimmed}.` : trimmed;
}

const romanNumeral = /^[IVXLCDM]+$/;

/** Name particles that stay lower-case (`VON DER MÜHLE` → `von der Mühle`). */
const particles = new Set(['von', 'van', 'vom', 'zu', 'zum', 'zur', 'de', 'di', 'da', 'du', 'del', 'della', 'des', 'der', 'den', 'ten', 'ter', 'dos', 'das']);
/** …except these articles at the very start, where they begin a title (`DER KRIEG` → `Der Krieg`). */
const leadingArticles = new Set(['der', 'den', 'des', 'das', 'dos']);

/** No lower-case letter but `ß`, which has no capital on a typewriter (`GROßMANN`), and at least one capital. */
function isAllCaps(word: string): boolean {
  const letters = word.replace(/ß/g, '');
  return letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * `MOOTZ, WILHELM` → `Mootz, Wilhelm`: each all-capital run of two or more letters (combining marks belong to
 * their letter, so a decomposed `ZÜRICH` is one word); Roman numerals stay, and name particles (`von`, `van`,
 * `de`, `der`, …) become lower-case, as in `Beethoven, Ludwig van`.
 */
export function titleCaseCaps(text: string): string {
  let first = true;
  return text.replace(/\p{L}[\p{L}\p{M}]+/gu, (word, offset: number) => {
    const atStart = first && text.slice(0, offset).trim() === '';
    first = false;
    if (!isAllCaps(word) || romanNumeral.test(word)) { return word; }
    const lower = word.toLowerCase();
    if (particles.has(lower) && !(atStart && leadingArticles.has(lower))) { return lower; }
    return word[0] + word.slice(1).toLowerCase();
  });
}

/** Every run of whitespace, line breaks included, becomes one space; the ends are trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Spaces inside lines collapsed and trimmed, blank lines at the ends removed; line breaks and paragraphs kept. */
export function tidyLines(text: string): string {
  return text.split('\n').map(line => line.replace(/[ \t]+/g, ' ').trim()).join('\n').replace(/^\n+|\n+$/g, '').replace(/\n{3,}/g, '\n\n');
}

/** A token with no letter or digit. */
const markToken = /^[^\p{L}\p{N}]+$/u;

/** `| Amendment 7, 18.6.1945. {` → `Amendment 7, 18.6.1945.`; a line of marks only (`|`) disappears. */
export function trimLineMarks(text: string): string {
  const lines = text.split('\n').map(line => {
    const tokens = line.trim().split(/ +/);
    while (tokens.length > 0 && markToken.test(tokens[0])) { tokens.shift(); }
    while (tokens.length > 0 && markToken.test(tokens[tokens.length - 1])) { tokens.pop(); }
    return tokens.join(' ');
  });
  // A line emptied here was noise: drop it, but keep blank lines that were already there (paragraph breaks).
  const original = text.split('\n');
  return lines.filter((line, i) => line !== '' || original[i].trim() === '').join('\n');
}

export function applyNormaliser(text: string, normaliser: Normaliser): string {
  switch (normaliser) {
    case 'collapse-letter-spacing': return collapseLetterSpacing(text);
    case 'join-hyphenation': return joinHyphenation(text);
    case 'trim-punctuation': return trimPunctuation(text);
    case 'nfc': return text.normalize('NFC');
    case 'title-case-caps': return titleCaseCaps(text);
    case 'collapse-whitespace': return collapseWhitespace(text);
    case 'trim-line-marks': return trimLineMarks(text);
    // Works on OCR words, not text: finishField applies it before the text normalisers (see word-layout.ts).
    case 'keep-paragraphs': return text;
    case 'mark-columns': return text;
    default: return assertNever(normaliser);
  }
}

/** Applies the normalisers in order; the result is always tidied (no stray spaces, no blank end lines). */
export function normalise(text: string, normalisers: readonly Normaliser[]): string {
  return tidyLines(normalisers.reduce(applyNormaliser, text));
}
