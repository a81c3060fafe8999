// Stored catalogue-like card results (OCR words with boxes, no fields yet) for the re-extraction bench. Pure.
import type { CardResult, CardWord } from '../../src/protocol';

const vocabulary = ['Müller,', 'Hans.', 'Die', 'Geschichte', 'der', 'Stadt', 'Basel', 'im', 'Mittelalter.', 'Diss.', 'phil.', 'Basel.',
  'Leipzig:', 'Teubner', '1937.', '120', 'S.', '8°', 'Standort:', 'U', '37.', '5030', 'Beiträge', 'zur', 'Kenntnis', 'des'];

function card(i: number, pick: (row: number, w: number) => string, wordsIn: (row: number) => number): CardResult {
  const lines: CardWord[][] = [];
  for (let row = 0; row < 7; row++) {
    const words: CardWord[] = [];
    let x = 60 + (row === 0 ? 0 : 30);
    for (let w = 0; w < wordsIn(row); w++) {
      const text = pick(row, w);
      words.push({ text, confidence: 85, box: { x0: x, y0: 90 + row * 60, x1: x + text.length * 17, y1: 118 + row * 60 } });
      x += text.length * 17 + 14;
    }
    lines.push(words);
  }
  return {
    card: `card-${String(i).padStart(6, '0')}.jpg`, text: lines.map(l => l.map(w => w.text).join(' ')).join('\n'), confidence: 85,
    fields: {}, kind: 'data', words: lines.flat(), needsReview: false, width: 976, height: 580, durationMs: 400, processedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A stored card: 7 lines, about 45 words, with boxes laid out as typed (52 distinct cards, repeating). */
export function storedCard(i: number): CardResult {
  return card(i, (row, w) => vocabulary[(i * 7 + row * 5 + w * 3) % vocabulary.length], row => 5 + ((i + row) % 4));
}

/** As `storedCard`, but every card its own (seeded words, years and page counts): nothing repeats to cache. */
export function variedCard(i: number): CardResult {
  let seed = i * 2654435761 + 1;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pick = () => {
    const r = next();
    if (r < 0.08) { return `${1850 + Math.floor(next() * 150)}.`; }
    if (r < 0.12) { return String(Math.floor(next() * 900) + 10); }
    return vocabulary[Math.floor(next() * vocabulary.length)];
  };
  return card(i, pick, () => 4 + Math.floor(next() * 6));
}
