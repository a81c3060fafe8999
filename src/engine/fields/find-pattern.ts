// Pattern finder: a regular expression over the card text; a named group (or the whole match) is the value.
import type { RawValue } from '../ocr-page';
import type { PageText } from './page-text';

export interface PatternFinder { pattern: string; group?: string; flags?: string }

/**
 * Unicode-aware like `select` and `validate` (`\p{L}` works without flags), falling back to the plain reading for
 * a pattern only valid outside unicode mode. `d` gives the offsets of groups, so the value's words can be found.
 */
function compile(finder: PatternFinder): RegExp {
  const flags = `${finder.flags ?? ''}d`;
  try { return new RegExp(finder.pattern, flags.includes('u') ? flags : `${flags}u`); } catch { return new RegExp(finder.pattern, flags.replace('u', '')); }
}

/** Several fields often share one pattern (one group each): compile it once per page. */
export class PatternCache {
  private readonly matches = new Map<string, RegExpExecArray | null>();

  constructor(private readonly text: PageText) {}

  find(finder: PatternFinder, fieldName: string): RawValue | undefined {
    const key = `${finder.flags ?? ''}/${finder.pattern}`;
    if (!this.matches.has(key)) {
      this.matches.set(key, compile(finder).exec(this.text.text));
    }
    const match = this.matches.get(key);
    if (!match) { return undefined; }
    const group = finder.group ?? (match.groups && fieldName in match.groups ? fieldName : undefined);
    const span = group === undefined ? match.indices![0] : match.indices!.groups?.[group];
    if (!span) { return undefined; }
    const value = this.text.valueAt(span[0], span[1]);
    return { ...value, text: value.text.replace(/\s*\n\s*/gu, ' ') };
  }
}
