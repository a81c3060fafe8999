// The running package's version for /health: read from the nearest package.json named card-ocr above this
// file (src/server in development, dist/ when bundled, the extension folder when installed).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'card-ocr' && typeof manifest.version === 'string') { return manifest.version; }
    } catch {
      // No package.json here (or not readable): keep walking up.
    }
    if (dirname(dir) === dir) { return '0.0.0'; }
  }
}
