// A temporary folder per test, removed when disposed: tests own their files and leave nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Disposable } from '../../src/common/lifecycle';

export interface TmpDir extends Disposable { readonly dir: string }

/** Creates `/tmp/card-ocr-<prefix>-XXXXXX`; `dispose()` deletes it with everything in it. */
export function makeTmpDir(prefix = 'test'): TmpDir {
  const dir = mkdtempSync(join(tmpdir(), `card-ocr-${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
