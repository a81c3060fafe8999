// Label finder: the value after a printed label (`Standort:` → shelfmark), tolerant of OCR slips in the label.
import { distance } from 'fastest-levenshtein';
import type { RawValue } from '../ocr-page';
import type { PageText } from './page-text';

export interface LabelFinder { label: string; aliases?: string[]; until?: 'line-end' | 'next-label' }

/** Lower-case, without the punctuation OCR puts around labels, so `Author:` and `author .` compare equal. */
export function labelKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s:;.,_\-–—|]+$/u, '').replace(/^[\s|.,]+/u, '').replace(/\s+/gu, ' ');
}

/** OCR typically costs a long label one or two characters; a short one must match exactly. */
function tolerance(key: string): number {
  return key.length >= 10 ? 2 : key.length >= 4 ? 1 : 0;
}

/** Where a label at the start of `line` ends (offset in the line), or -1. Looks at as many words as the label has. */
export function matchLabelAt(line: string, labels: readonly string[]): number {
  const words = [...line.matchAll(/\S+/gu)];
  for (const label of labels) {
    const key = labelKey(label);
    const count = key.split(' ').length;
    if (words.length < count) { continue; }
    const last = words[count - 1];
    const candidateEnd = last.index! + last[0].length;
    const candidate = line.slice(0, candidateEnd);
    // The last label word may carry the value glued on after a colon: `Title:Rivers`.
    const colon = candidate.indexOf(':', words[count - 1].index!);
    const head = colon >= 0 ? candidate.slice(0, colon) : candidate;
    if (distance(labelKey(head), key) <= tolerance(key)) { return colon >= 0 ? colon + 1 : candidateEnd; }
  }
  return -1;
}

/**
 * The text after the first line starting with the label (or an alias), to the line end; with `until:
 * 'next-label'`, also the following lines up to one that starts with any of `otherLabels`. A label alone on
 * its line takes the next line as its value.
 */
export function findByLabel(text: PageText, finder: LabelFinder, otherLabels: readonly string[]): RawValue | undefined {
  const labels = [finder.label, ...(finder.aliases ?? [])];
  const lineCount = text.lineStarts.length;
  const lineEnd = (i: number) => (i + 1 < lineCount ? text.lineStarts[i + 1] - 1 : text.text.length);
  for (let i = 0; i < lineCount; i++) {
    const start = text.lineStarts[i];
    const at = matchLabelAt(text.text.slice(start, lineEnd(i)), labels);
    if (at < 0) { continue; }
    let valueStart = start + at;
    let last = i;
    if (text.text.slice(valueStart, lineEnd(i)).replace(/^[\s:.]+/u, '') === '' && i + 1 < lineCount) {
      last = i + 1;
      valueStart = text.lineStarts[last];
    }
    if (finder.until === 'next-label') {
      while (last + 1 < lineCount && matchLabelAt(text.text.slice(text.lineStarts[last + 1], lineEnd(last + 1)), otherLabels) < 0) { last++; }
    }
    // Skip a colon OCR set apart from the label (`Title : x`) before taking words, so it adds nothing to the
    // value's confidence or box.
    const rest = text.text.slice(valueStart, lineEnd(last));
    valueStart += rest.length - rest.replace(/^[:.\s]+/u, '').length;
    const value = text.valueAt(valueStart, lineEnd(last));
    return { ...value, text: value.text.replace(/\s*\n\s*/gu, ' ') };
  }
  return undefined;
}
