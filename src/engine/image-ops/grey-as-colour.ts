// Many archive scans are grey cards saved as colour JPEGs: three equal channels. Native tesseract given one channel
// of such a card reads it exactly as the three (measured on the 80 library dev cards: every word, box and
// confidence the same) for 7-15 % less CPU; real colour cards read differently as grey, so they stay colour.
import { endianness } from 'node:os';

const littleEndian = endianness() === 'LE';

/**
 * The one channel of raw 3-channel pixels whose R = G = B everywhere, else undefined (stopping at the first
 * coloured pixel). Checks and copies four pixels (three 32-bit words) a step: a byte loop costs the engine
 * ~6 ms a library card, which is most of what the saving is for.
 */
export function greyOfColour(data: Uint8Array, channels: number): Buffer | undefined {
  if (channels !== 3 || data.length % 3 !== 0) { return undefined; }
  const pixels = data.length / 3;
  const out = Buffer.allocUnsafe(pixels);
  const words = littleEndian && data.byteOffset % 4 === 0 && out.byteOffset % 4 === 0 ? Math.floor(pixels / 4) : 0;
  const input = new Uint32Array(data.buffer, words > 0 ? data.byteOffset : 0, words * 3);
  const output = new Uint32Array(out.buffer, words > 0 ? out.byteOffset : 0, words);
  for (let k = 0, i = 0; k < words; k++, i += 3) {
    // Little-endian: a = r0 g0 b0 r1, b = g1 b1 r2 g2, c = b2 r3 g3 b3 (lowest byte first).
    const a = input[i];
    const b = input[i + 1];
    const c = input[i + 2];
    const g0 = a & 0xff;
    const g1 = a >>> 24;
    const g2 = (b >>> 16) & 0xff;
    const g3 = c >>> 24;
    if (a !== (g0 * 0x10101 + g1 * 0x1000000) >>> 0 || b !== (g1 * 0x101 + g2 * 0x1010000) >>> 0
      || c !== (g2 + g3 * 0x1010100) >>> 0) { return undefined; }
    output[k] = (g0 | (g1 << 8) | (g2 << 16) | (g3 << 24)) >>> 0;
  }
  for (let p = words * 4; p < pixels; p++) {
    const i = p * 3;
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) { return undefined; }
    out[p] = data[i];
  }
  return out;
}
