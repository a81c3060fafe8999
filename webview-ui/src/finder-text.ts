// How the field editor's one-line "how to find it" text becomes a finder; no DOM, so unit tests call it directly.
import type { FieldFinder, PixelBox, RelativeRect } from '../../src/protocol/index';
import { t } from './l10n/index';

export type FinderKind = 'label' | 'pattern' | 'lines' | 'region';
export const finderKinds: readonly FinderKind[] = ['label', 'pattern', 'lines', 'region'];

/** The placeholder of a row's "how to find it" input, in the page's language. */
export function finderHint(kind: FinderKind): string { return t(`finder.hint.${kind}`); }

/** Parses one row's "how to find it" text into a finder; zod checks the rest. */
export function finderOf(kind: FinderKind, text: string): FieldFinder | string {
  const value = text.trim();
  switch (kind) {
    case 'label': return { by: 'label', label: value };
    case 'pattern': return { by: 'pattern', pattern: value };
    case 'lines': {
      const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(value);
      if (!match) { return t('finder.badLines'); }
      return match[2] ? { by: 'lines', from: Number(match[1]), to: Number(match[2]) } : { by: 'lines', from: Number(match[1]) };
    }
    case 'region': {
      const parts = value.split(',').map(p => Number(p.trim()));
      if (parts.length !== 4 || parts.some(n => Number.isNaN(n))) { return t('finder.badRegion'); }
      const [left, top, width, height] = parts;
      return { by: 'region', region: { left, top, width, height } };
    }
  }
}

/** A drawn region as the editor's text for it: the inverse of the `region` case of `finderOf`. */
export function regionText(rect: RelativeRect): string {
  return [rect.left, rect.top, rect.width, rect.height].join(',');
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** A box dragged on a card (card pixels) as the relative rectangle a region field takes, rounded to 4 places. */
export function toRelativeRect(box: PixelBox, width: number, height: number): RelativeRect {
  const left = round4(box.x0 / width);
  const top = round4(box.y0 / height);
  return { left, top, width: round4(round4(box.x1 / width) - left), height: round4(round4(box.y1 / height) - top) };
}
