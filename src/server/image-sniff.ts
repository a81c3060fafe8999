// Recognises image files by their first bytes, never by their name: what an upload claims is not trusted.
// Knows only the formats the engine can read (through sharp); decoding is the engine's job.

export type ImageKind = 'jpeg' | 'png' | 'tiff' | 'webp' | 'gif';

/** How many leading bytes `sniffImage` needs. */
export const sniffLength = 12;

const extensionsByKind: Record<ImageKind, readonly string[]> = {
  jpeg: ['.jpg', '.jpeg'], png: ['.png'], tiff: ['.tif', '.tiff'], webp: ['.webp'], gif: ['.gif'],
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

export function sniffImage(head: Uint8Array): ImageKind | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) { return 'jpeg'; }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) { return 'png'; }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) { return 'tiff'; }
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) { return 'webp'; }
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) { return 'gif'; }
  return undefined;
}

/** The file's extension if it already fits its content, else the usual one for the kind. */
export function extensionFor(kind: ImageKind, currentExtension: string): string {
  const lower = currentExtension.toLowerCase();
  return extensionsByKind[kind].includes(lower) ? '' : extensionsByKind[kind][0];
}
