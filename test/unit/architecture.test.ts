// Encodes STYLE.md's dependency table as data: which area may import which, checked on every source file.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '../..');

type Area = 'common' | 'protocol' | 'batch-folder' | 'engine' | 'server' | 'cli' | 'extension' | 'webview';

/** One line per area: the areas and packages it may import. `node:*` is a flag of its own. */
const rules: Record<Area, { areas: Area[]; packages: string[]; node: boolean }> = {
  common: { areas: [], packages: [], node: false },
  protocol: { areas: ['common'], packages: ['zod'], node: false },
  // The on-disk batch folder format: paths, config, checkpoint, outputs, readers, report, known folders, the lock.
  'batch-folder': { areas: ['common', 'protocol'], packages: ['zod'], node: true },
  engine: { areas: ['common', 'protocol', 'batch-folder'], packages: ['tesseract.js', '@tesseract.js-data/eng', 'sharp', 'fastest-levenshtein', 'koffi'], node: true },
  server: { areas: ['common', 'protocol', 'batch-folder', 'engine'], packages: ['express', 'ws', 'multer', 'zod'], node: true },
  cli: { areas: ['common', 'protocol', 'batch-folder', 'engine', 'server'], packages: ['commander', 'cli-progress'], node: true },
  extension: { areas: ['common', 'protocol', 'batch-folder', 'engine', 'server'], packages: ['vscode'], node: true },
  webview: { areas: ['common', 'protocol'], packages: ['@vscode-elements/elements'], node: false },
};
/** Areas whose door (index.ts) others must go through. */
const doors: Area[] = ['batch-folder', 'engine', 'server'];

function areaOf(file: string, top = root): Area | undefined {
  const rel = relative(top, file).split(sep);
  if (rel[0] === 'webview-ui') { return 'webview'; }
  if (rel[0] === 'src' && rel[1] in rules) { return rel[1] as Area; }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { return name === 'node_modules' ? [] : sourceFiles(full); }
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every broken rule in the checkout at `top`, as "file imports 'x': reason". */
export function violations(top = root): string[] {
  const files = [...sourceFiles(join(top, 'src')), ...sourceFiles(join(top, 'webview-ui', 'src'))];
  const found: string[] = [];
  for (const file of files) {
    const area = areaOf(file, top);
    if (!area) { continue; }
    const rule = rules[area];
    const name = relative(top, file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const targetArea = areaOf(target, top);
        if (!targetArea) { found.push(`${name} imports '${spec}': outside any area`); continue; }
        if (targetArea === area) { continue; }
        if (!rule.areas.includes(targetArea)) { found.push(`${name} imports '${spec}': ${area} may not import ${targetArea}`); continue; }
        const rel = relative(join(top, 'src', targetArea), target);
        if (doors.includes(targetArea) && rel !== 'index' && rel !== 'index.ts') {
          found.push(`${name} imports '${spec}': go through ${targetArea}/index.ts`);
        }
      } else if (spec.startsWith('node:')) {
        if (!rule.node) { found.push(`${name} imports '${spec}': ${area} may not use node:*`); }
      } else if (!rule.packages.includes(packageName(spec))) {
        found.push(`${name} imports '${spec}': ${area} may not import the package ${packageName(spec)}`);
      }
    }
  }
  return found;
}

describe('architecture', () => {
  it('every import follows the dependency table of STYLE.md', () => {
    assert.deepEqual(violations(), []);
  });

  it('the checker itself catches forbidden imports in a planted tree', () => {
    // Guards against a checker that silently passes everything (e.g. a broken regex): real violations, fed
    // through the same walk as the project's own files.
    const top = mkdtempSync(join(tmpdir(), 'card-ocr-arch-'));
    try {
      const plant = (file: string, text: string): void => {
        mkdirSync(dirname(join(top, file)), { recursive: true });
        writeFileSync(join(top, file), text);
      };
      plant('src/engine/index.ts', 'export {};\n');
      plant('src/engine/leaky.ts', "import * as vscode from 'vscode';\nimport express from 'express';\nexport { vscode, express };\n");
      plant('src/protocol/fs-user.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n");
      plant('src/server/peek.ts', "import { x } from '../engine/leaky';\nexport { x };\n");
      plant('src/common/fine.ts', 'export const fine = 1;\n');
      plant('webview-ui/src/back-door.ts', "import '../../src/engine/index';\n");
      assert.deepEqual(violations(top).sort(), [
        "src/engine/leaky.ts imports 'express': engine may not import the package express",
        "src/engine/leaky.ts imports 'vscode': engine may not import the package vscode",
        "src/protocol/fs-user.ts imports 'node:fs': protocol may not use node:*",
        "src/server/peek.ts imports '../engine/leaky': go through engine/index.ts",
        "webview-ui/src/back-door.ts imports '../../src/engine/index': webview may not import engine",
      ]);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
