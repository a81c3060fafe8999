// Finds string literals that read as English prose in a TypeScript source: what a user would read, so what
// must go through a translator. Comments are dropped first; literals given to `skipCalls` are not reported.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ProseLiteral { file: string; line: number; text: string }

/** Replaces comments with spaces (keeping line numbers), leaving string literals as they are. */
function stripComments(source: string): string {
  return source.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (whole, literal: string | undefined) => literal ?? whole.replace(/[^\n]/g, ' '));
}

/** Two words of letters, or one capitalised word: `Retry failed cards`, `Live`; not `data-testid`, `card/empty`. */
/** A template literal's text without its `${…}` parts (nested braces and strings in them included). */
function withoutSubstitutions(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || text[i + 1] !== '{') { out += text[i]; continue; }
    let depth = 0;
    for (i += 1; i < text.length; i++) {
      if (text[i] === '{') { depth++; } else if (text[i] === '}' && --depth === 0) { break; }
    }
    out += ' ';
  }
  return out;
}

function isProse(text: string): boolean {
  const plain = withoutSubstitutions(text);
  if (/^[\s\d\W]*$/.test(plain) || /[=[\]<>]|^[.#:]|^\w+\/[\w-]+$|^[a-z-]+:/.test(plain)) { return false; }
  return /[A-Za-zÄÖÜäöüß]{2,}\s+[A-Za-zÄÖÜäöüß]{2,}/.test(plain) || /^[A-Z][a-z]{2,}[.…:!?]?$/.test(plain.trim());
}

/** Literals that are prose, outside the arguments of `skipCalls` (e.g. `t(`, `log.line(`, `import`). */
export function proseLiterals(file: string, skipCalls: readonly RegExp[]): ProseLiteral[] {
  const source = stripComments(readFileSync(file, 'utf8'));
  const found: ProseLiteral[] = [];
  for (const match of source.matchAll(/"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'|`((?:\\.|[^`\\])*)`/g)) {
    const text = match[1] ?? match[2] ?? match[3];
    if (!isProse(text)) { continue; }
    const before = source.slice(Math.max(0, (match.index ?? 0) - 160), match.index);
    if (skipCalls.some(call => call.test(before))) { continue; }
    found.push({ file, line: source.slice(0, match.index).split('\n').length, text });
  }
  return found;
}

export function tsFiles(dir: string, skipDirs: readonly string[] = []): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { return skipDirs.includes(name) ? [] : tsFiles(full, skipDirs); }
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}
