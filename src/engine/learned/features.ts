// Token features for the learned finder, in the spirit of GROBID/AnyStyle: the word's shape, case, digits and
// punctuation, affixes, its place on the card and in its line, line-level cues, neighbours and OCR confidence.
// Pure; nothing here is specific to one collection of cards.
import type { OcrPage, OcrWord } from '../ocr-page';
import { bin, binNames, core, neighbourNames, textNames, wordShape } from './feature-names';

/** A piece of an OCR word (a run of letters and digits, or one mark) with where it sits: the unit the model labels. */
export interface Token {
  /** The piece, with its share of the word's box. */
  word: OcrWord;
  line: number;
  /** The OCR word's index in its line. */
  indexInLine: number;
  /** Piece index within its OCR word: 0 for the first, so `Leipzig:Boss,` is Leipzig(0) :(1) Boss(2) ,(3). */
  piece: number;
  /** The number of pieces of its OCR word. */
  pieces: number;
  /** The learned zone the token was read in (its index among the template's zones); absent on the whole page. */
  zone?: number;
}

/** `Basel,1933.` → `Basel` `,` `1933` `.`: values often end inside an OCR word, at a mark. */
export function splitWord(word: OcrWord): OcrWord[] {
  const parts = word.text.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]/gu) ?? [word.text];
  if (parts.length <= 1) { return [word]; }
  const total = [...word.text].length;
  const span = word.box.x1 - word.box.x0;
  let offset = 0;
  return parts.map(text => {
    const length = [...text].length;
    const x0 = word.box.x0 + (span * offset) / total;
    offset += length;
    return { text, confidence: word.confidence, box: { x0: Math.round(x0), y0: word.box.y0, x1: Math.round(word.box.x0 + (span * offset) / total), y1: word.box.y1 } };
  });
}

/** Lines in tesseract's reading order (sorting them top to bottom measured no better on real cards). */
export function readingLines(page: OcrPage): OcrPage['lines'] {
  return page.lines;
}

/** The page's word pieces in reading order, with their line and place in it. */
export function pageTokens(page: OcrPage): Token[] {
  return readingLines(page).flatMap((line, lineIndex) => line.words.flatMap((word, indexInLine) => {
    const pieces = splitWord(word);
    return pieces.map((piece, i) => ({ word: piece, line: lineIndex, indexInLine, piece: i, pieces: pieces.length }));
  }));
}

function median(values: number[]): number {
  if (values.length === 0) { return 0; }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The attribute strings of every token, in the order of `pageTokens(page)`. */
export function tokenFeatures(input: OcrPage): string[][] {
  const page = { ...input, lines: readingLines(input) };
  const tokens = pageTokens(page);
  const width = page.width || 1;
  const height = page.height || 1;
  const lineLefts = page.lines.map(line => Math.min(...line.words.map(w => w.box.x0)));
  const margin = median(lineLefts);
  const wordHeight = median(tokens.map(t => t.word.box.y1 - t.word.box.y0)) || 1;
  const lineCount = page.lines.length;
  const lineFacts = page.lines.map(line => {
    const text = line.text;
    return [
      `lwords=${bin(line.words.length, [2, 3, 5, 8, 12])}`,
      /(?<!\d)\d{4}(?!\d)/.test(text) ? 'l4digit' : 'l-4digit',
      text.includes(':') ? 'lcolon' : 'l-colon',
      /^\p{N}/u.test(text) ? 'ldigitstart' : 'l-digitstart',
      `lfirst=${core(line.words[0]?.text ?? '')}`,
    ];
  });
  const fourDigits = (text: string) => /(?<!\d)\d{4}(?!\d)/.test(text);
  const firstNumberLine = page.lines.findIndex(line => fourDigits(line.text));
  const words = tokens.map(t => t.word.text);
  // Punctuation profile: how many sentence stops lie before a token on the card, and commas and colons in its line.
  const stopsBefore: number[] = [];
  const commasBefore: number[] = [];
  const colonBefore: boolean[] = [];
  let stops = 0;
  tokens.forEach((token, i) => {
    const sameLine = i > 0 && tokens[i - 1].line === token.line;
    stopsBefore.push(stops);
    commasBefore.push(sameLine ? commasBefore[i - 1] + (words[i - 1] === ',' ? 1 : 0) : 0);
    colonBefore.push(sameLine ? colonBefore[i - 1] || words[i - 1] === ':' : false);
    if (words[i] === '.' && i > 0 && [...words[i - 1]].length > 2) { stops++; }
  });
  // Signed distance in tokens to the nearest four-digit number of the same line (the imprint's year, mostly).
  const toNumber = tokens.map((token, i) => {
    let best = 0;
    for (let d = 1; d <= 6 && best === 0; d++) {
      if (i + d < tokens.length && tokens[i + d].line === token.line && /^\p{N}{4}$/u.test(words[i + d])) { best = d; }
      else if (i - d >= 0 && tokens[i - d].line === token.line && /^\p{N}{4}$/u.test(words[i - d])) { best = -d; }
    }
    return best;
  });

  const byText = words.map(textNames);
  const shapes = byText.map(names => names.shape);
  // Per line: each OCR word's shape, and which words are four-digit numbers (asked of every token of the line).
  const lineShapes = page.lines.map(line => line.words.map(w => wordShape(w.text)));
  const lineNumbers = page.lines.map(line => line.words.map(w => fourDigits(w.text)));
  const previousLineEnds = page.lines.map((_, line) => `previousLineEnd=${line > 0 ? (page.lines[line - 1].text.slice(-1).match(/[\p{L}\p{N}]/u) ? 'alnum' : page.lines[line - 1].text.slice(-1)) : 'none'}`);
  const lineStarts = page.lines.map(line => `lineStart=${/^\p{Ll}/u.test(line.text) ? 'lower' : /^\p{Lu}/u.test(line.text) ? 'upper' : 'other'}`);
  return tokens.map((token, i) => {
    const { word, line, indexInLine } = token;
    const words = page.lines[line].words;
    const previousInLine = indexInLine > 0 ? words[indexInLine - 1] : undefined;
    const gap = token.piece > 0 ? -0.5 : previousInLine ? (word.box.x0 - previousInLine.box.x1) / wordHeight : -1;
    const features = [
      'bias',
      ...byText[i].own,
      binNames.x(bin(word.box.x0 / width, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])),
      binNames.y(bin(word.box.y0 / height, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])),
      binNames.line(Math.min(line, 8)),
      binNames.fromEnd(Math.min(lineCount - 1 - line, 4)),
      binNames.inLine(Math.min(indexInLine, 4)),
      indexInLine === words.length - 1 && token.piece === token.pieces - 1 ? 'lineEnd' : 'notLineEnd',
      token.piece === 0 ? (token.piece === token.pieces - 1 ? 'piece=firstlast' : 'piece=first') : (token.piece === token.pieces - 1 ? 'piece=innerlast' : 'piece=inner'),
      shapes[i] === lineShapes[line][indexInLine] ? 'word=whole' : `word=${lineShapes[line][indexInLine]}`,
      binNames.indent(bin((lineLefts[line] - margin) / wordHeight, [-1, 0.5, 2, 5, 10])),
      binNames.gap(bin(gap, [0, 0.3, 0.8, 1.5, 3])),
      binNames.height(bin((word.box.y1 - word.box.y0) / wordHeight, [0.6, 0.85, 1.2, 1.6])),
      binNames.conf(bin(word.confidence, [30, 60, 80, 90])),
      ...lineFacts[line],
      // Where the token sits against the first line with a four-digit number (often a year: the imprint).
      firstNumberLine < 0 ? 'numberLine=none' : binNames.numberLine(Math.max(-3, Math.min(3, line - firstNumberLine))),
      lineNumbers[line].some((is, j) => is && j > indexInLine) ? 'numberAhead=true' : 'numberAhead=false',
      lineNumbers[line].some((is, j) => is && j < indexInLine) ? 'numberBehind=true' : 'numberBehind=false',
      previousLineEnds[line],
      binNames.stops(Math.min(stopsBefore[i], 6)),
      binNames.commas(Math.min(commasBefore[i], 2)),
      colonBefore[i] ? 'afterColon' : 'notAfterColon',
      binNames.toNumber(toNumber[i]),
      binNames.lineCommas[Math.min(line, 8)](Math.min(commasBefore[i], 2)),
      lineStarts[line],
    ];
    for (const offset of [-2, -1, 1, 2]) {
      const j = i + offset;
      const named = neighbourNames.get(offset)!;
      if (j < 0 || j >= tokens.length) { features.push(named.none); continue; }
      const near = byText[j].near.get(offset)!;
      features.push(near.w, near.shape);
      if (near.number) { features.push(near.number); }
      if (Math.abs(offset) === 1) {
        features.push(tokens[j].line === line ? named.same : named.other);
        features.push(near.raw);
      }
    }
    features.push(`shape|-1=${shapes[i]}|${i > 0 ? shapes[i - 1] : 'none'}`);
    features.push(binNames.lineInLine[Math.min(line, 8)](Math.min(indexInLine, 4)));
    return features;
  });
}
