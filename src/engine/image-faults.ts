// Names what is wrong with an image sharp could not decode. libvips keeps one error buffer per process, so with
// cards decoded side by side a message can carry another card's lines (seen: a truncated card's error led by a
// corrupt card's "Corrupt JPEG data"). Where the format allows it, the file's own bytes decide instead.
import type { ProblemCode } from '../protocol';

const jpegStart = Buffer.from([0xff, 0xd8, 0xff]);
const jpegScan = Buffer.from([0xff, 0xda]);
const jpegEnd = Buffer.from([0xff, 0xd9]);
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Whether the file stops before its format's end: true or false for JPEG, PNG and WebP, undefined for a format
 * whose end cannot be found cheaply (TIFF, GIF, …), where libvips' message decides.
 */
export function endsShort(bytes: Buffer): boolean | undefined {
  if (bytes.subarray(0, 3).equals(jpegStart)) {
    // Scan data stuffs every 0xFF with 0x00, so no marker hides in it: the last scan must be followed by the end.
    return bytes.lastIndexOf(jpegEnd) < bytes.lastIndexOf(jpegScan);
  }
  if (bytes.subarray(0, 8).equals(pngSignature)) { return !pngHasEnd(bytes); }
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return bytes.length < 8 + bytes.readUInt32LE(4);
  }
  return undefined;
}

/** Walks the chunks (length, type, data, CRC) up to IEND; a chunk running past the file means it was cut. */
function pngHasEnd(bytes: Buffer): boolean {
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IEND') { return true; }
    at += 12 + length;
  }
  return false;
}

/** The problem for a failed decode of `bytes` (when given), else of libvips' `message` alone. */
export function classifyImageError(message: string, bytes?: Buffer): ProblemCode {
  if (/buffer is empty/i.test(message) || bytes?.length === 0) { return 'card/empty'; }
  // sharp's own messages (not libvips' shared buffer): they concern this input.
  if (/unsupported image format|not a known file format/i.test(message)) { return 'card/not-an-image'; }
  if (/pixel limit/i.test(message)) { return 'card/too-large'; }
  const short = bytes === undefined ? undefined : endsShort(bytes);
  if (short !== undefined) { return short ? 'card/truncated' : 'card/corrupt'; }
  // Before "premature end": libjpeg reports damaged data as "Corrupt JPEG data: premature end of data segment".
  if (/corrupt/i.test(message)) { return 'card/corrupt'; }
  if (/bad seek/i.test(message)) { return 'card/not-an-image'; }
  if (/premature end|truncated|unexpected end|read error|end of file|EOF/i.test(message)) { return 'card/truncated'; }
  return 'card/corrupt';
}
