// Encodes STYLE.md's dependency table as data: which area may import which, checked on every source file.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '../..');

type Area = 'common' | 'protocol' | 'engine' | 'server' | 'cli' | 'extension' | 'webview';

/** One line per area: the areas and packages it may import. `node:*` is a flag of its own. */
const rules: Record<Area, { areas: Area[]; packages: string[]; node: boolean }> = {
  common: { areas: [], packages: [], node: false },
  protocol: { areas: ['common'], packages: ['zod'], node: false },
  engine: { areas: ['common', 'protocol'], packages: ['tesseract.js', '@tesseract.js-data/eng', 'sharp', 'fastest-levenshtein', 'koffi'], node: true },
  server: { areas: ['common', 'protocol', 'engine'], packages: ['express', 'ws', 'multer', 'zod'], node: true },
  cli: { areas: ['common', 'protocol', 'engine', 'server'], packages: ['commander', 'cli-progress'], node: true },
  extension: { areas: ['common', 'protocol', 'engine', 'server'], packages: ['vscode'], node: true },
  webview: { areas: ['common', 'protocol'], packages: ['@vscode-elements/elements'], node: false },
};
/** Areas whose door (index.ts) others must go through. */
const doors: Area[] = ['engine', 'server'];

function areaOf(file: string): Area | undefined {
  const rel = relative(root, file).split(sep);
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

/** Every broken rule, as "file imports 'x': reason". */
export function violations(): string[] {
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'webview-ui', 'src'))];
  const found: string[] = [];
  for (const file of files) {
    const area = areaOf(file);
    if (!area) { continue; }
    const rule = rules[area];
    const name = relative(root, file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const targetArea = areaOf(target);
        if (!targetArea) { found.push(`${name} imports '${spec}': outside any area`); continue; }
        if (targetArea === area) { continue; }
        if (!rule.areas.includes(targetArea)) { found.push(`${name} imports '${spec}': ${area} may not import ${targetArea}`); continue; }
        const rel = relative(join(root, 'src', targetArea), target);
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

  it('the checker itself catches a forbidden import', () => {
    // Guards against a checker that silently passes everything (e.g. a broken regex).
    assert.deepEqual(importsOf(__filename).includes('node:fs'), true);
  });
});
