// Normalised Indel similarity, the score RISE's humanities benchmark uses (rapidfuzz `fuzz.ratio` / 100). Pure.

/** Length of the longest common subsequence of two strings, by code point; O(|a|·|b|) time, O(|b|) memory. */
export function longestCommonSubsequence(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const current = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      current[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    previous = current;
  }
  return previous[y.length];
}

/** Insertions and deletions (no substitutions) that turn `a` into `b`. */
export function indelDistance(a: string, b: string): number {
  return [...a].length + [...b].length - 2 * longestCommonSubsequence(a, b);
}

/** `1 - indel / (len a + len b)`: 1 for equal strings (two empty strings included), 0 for nothing in common. */
export function indelSimilarity(a: string, b: string): number {
  if (a === b) { return 1; }
  const total = [...a].length + [...b].length;
  return 1 - indelDistance(a, b) / total;
}
