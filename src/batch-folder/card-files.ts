// Which files in a batch folder are cards: image names directly in it, never in the folders the engine writes.
// Knows nothing of OCR or outputs.
import { firstLinkBelow, realPathInside } from './no-follow';
import { readdir, realpath } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Problem } from '../protocol';

/** Names libvips (through sharp) reads; a file named like an image that is not one becomes a failed card. */
export const cardExtensions: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.tif', '.tiff', '.webp', '.gif', '.avif']);

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order (card-2 before card-10), so progress follows the order people see in a file manager. */
export function compareCardNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function isCardName(name: string): boolean {
  // Hidden files include macOS' `._card.jpg` resource forks, which are not images.
  return !name.startsWith('.') && !name.endsWith('.tmp') && cardExtensions.has(extname(name).toLowerCase());
}

/**
 * The cards directly in `dir`, sorted. Entries of any kind but folders count (a dangling link named `x.jpg`
 * is a card that cannot be read, reported as such, not silently skipped); sub-folders, including json/, csv/
 * and _errors/, are never cards.
 */
export async function listCardFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter(entry => !entry.isDirectory() && isCardName(entry.name)).map(entry => entry.name).sort(compareCardNames);
}

/** A card that is a symbolic link leading out of the batch folder, as the problem to report; undefined otherwise. */
export async function linkOutOfFolder(dir: string, card: string): Promise<Problem | undefined> {
  const file = join(dir, card);
  if (!(await firstLinkBelow(dir, file))) { return undefined; }
  // A dangling link is left to the reader, which names it unreadable as before.
  if (!(await realpath(file).then(() => true, () => false))) { return undefined; }
  if (await realPathInside(dir, file)) { return undefined; }
  return { code: 'card/unreadable', message: `${card} is a symbolic link to a file outside the batch folder; the server reads no file outside its batch folders (copy the image in instead)`, details: { reason: 'link-outside-folder' } };
}
