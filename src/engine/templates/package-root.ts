// Finds the bundled `templates/` folder at run time, from source (src/engine/templates/) and from a bundle
// (dist/*.js) alike: esbuild does not copy the JSON, so we look beside the package's own package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `from` holding package.json and `templates/`; undefined when none. */
export function findPackageRoot(from: string = __dirname): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) { return dir; }
    const parent = dirname(dir);
    if (parent === dir) { return undefined; }
    dir = parent;
  }
}

/** Where the templates shipped with Card OCR live; undefined when the package has none (never expected). */
export function bundledTemplatesDir(): string | undefined {
  const root = findPackageRoot();
  return root ? join(root, 'templates') : undefined;
}
