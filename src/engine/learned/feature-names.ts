// The attribute names of token features, made once where they can be: a name built anew for each token is a new
// string, hashed anew when the model looks it up; a shared one keeps its hash. These lookups were a quarter of
// the labelling time. Pure; the names are exactly those features.ts always gave.

/** `Müller,` → `Xx,`; `1937.` → `d.`; runs of one class collapse to one symbol. */
export function wordShape(text: string): string {
  let shape = '';
  let previous = '';
  for (const char of text) {
    const c = charClass(char);
    if (c !== previous) { shape += c; previous = c; }
  }
  return shape.slice(0, 8);
}

/** X, x, d or the char itself; ASCII without a regex (the shape is taken of every token of every reading). */
function charClass(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) {
    if (code >= 65 && code <= 90) { return 'X'; }
    if (code >= 97 && code <= 122) { return 'x'; }
    return code >= 48 && code <= 57 ? 'd' : char;
  }
  return /\p{Lu}/u.test(char) ? 'X' : /\p{Ll}/u.test(char) ? 'x' : /\p{N}/u.test(char) ? 'd' : char;
}

/** The word without punctuation around it, lower-case. */
export function core(text: string): string {
  return text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The index of the first edge above `value` (edges ascending): its bin. */
export function bin(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= edges[i]) { i++; }
  return i;
}

/** The names `prefix` + from..from+count-1, made once. */
function numbered(prefix: string, count: number, from = 0): (n: number) => string {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i + from}`);
  return n => names[n - from] ?? `${prefix}${n}`;
}

export const binNames = {
  len: numbered('len=', 8), number: numbered('number', 5), x: numbered('x=', 10), y: numbered('y=', 10),
  line: numbered('line=', 9), fromEnd: numbered('fromEnd=', 5), inLine: numbered('inLine=', 5), indent: numbered('indent=', 6),
  gap: numbered('gap=', 6), height: numbered('height=', 5), conf: numbered('conf=', 5), numberLine: numbered('numberLine=', 7, -3),
  stops: numbered('stops=', 7), commas: numbered('commas=', 3), toNumber: numbered('toNumber=', 13, -6),
  lineCommas: Array.from({ length: 9 }, (_, line) => numbered(`line|commas=${line}|`, 3)),
  lineInLine: Array.from({ length: 9 }, (_, line) => numbered(`line|inLine=${line}|`, 5)),
};

/** Neighbour names that do not depend on the neighbour's text, per offset -2, -1, 1, 2. */
export const neighbourNames = new Map([-2, -1, 1, 2].map(offset => [offset, {
  none: `${offset}:none`, same: `${offset}:sameLine=true`, other: `${offset}:sameLine=false`, number: numbered(`${offset}:number`, 6),
}]));

/** The names a token's own text gives it and its neighbours (by offset), made once per distinct text. */
interface TextNames { shape: string; own: string[]; near: Map<number, { w: string; shape: string; raw: string; number?: string }> }

/** Distinct texts kept before the cache starts afresh: a collection's vocabulary, at a few kB per hundred texts. */
const maxCachedTexts = 50_000;
const textNameCache = new Map<string, TextNames>();

/** Names built from the token's text, shared by every token with that text. */
export function textNames(text: string): TextNames {
  const cached = textNameCache.get(text);
  if (cached) { return cached; }
  const lower = core(text);
  const shape = wordShape(text);
  const raw = text.toLowerCase();
  const number = /^\p{N}+$/u.test(lower);
  const names: TextNames = {
    shape,
    own: [`w=${lower}`, `raw=${raw}`, `shape=${shape}`, `p1=${lower.slice(0, 1)}`, `p2=${lower.slice(0, 2)}`, `p3=${lower.slice(0, 3)}`,
      `s1=${lower.slice(-1)}`, `s2=${lower.slice(-2)}`, `s3=${lower.slice(-3)}`,
      binNames.len(bin([...lower].length, [1, 2, 3, 4, 6, 9, 13])),
      /^\p{Lu}/u.test(text) ? 'cap' : 'nocap',
      /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u.test(text) && [...lower].length > 1 ? 'allcaps' : 'notallcaps',
      /\p{N}/u.test(text) ? 'digit' : 'nodigit',
      number ? binNames.number(bin(lower.length, [2, 3, 4, 5])) : 'notnumber',
      /[^\p{L}\p{N}]$/u.test(text) ? `last=${text.slice(-1)}` : 'last=alnum',
      /^[^\p{L}\p{N}]/u.test(text) ? `first=${text.slice(0, 1)}` : 'first=alnum'],
    near: new Map([-2, -1, 1, 2].map(offset => [offset, {
      w: `${offset}:w=${lower}`, shape: `${offset}:shape=${shape}`, raw: `${offset}:raw=${raw}`,
      ...(number ? { number: neighbourNames.get(offset)!.number(Math.min(lower.length, 5)) } : {}),
    }])),
  };
  if (textNameCache.size >= maxCachedTexts) { textNameCache.clear(); }
  textNameCache.set(text, names);
  return names;
}

