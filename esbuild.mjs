// Bundles each entry point into dist/. `node esbuild.mjs [target…] [--watch]`; targets: extension engine reextractWorker nativeHost cli webview.
import * as esbuild from 'esbuild';

// Native binaries and worker scripts are found relative to their own package folders, so these stay external.
// tsx is only resolved (never loaded) by the engine client when it runs from source.
const nodeExternal = ['vscode', 'sharp', 'tesseract.js', '@tesseract.js-data/eng', '@tesseract.js-data/fra', '@tesseract.js-data/deu', 'tsx', 'koffi'];

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external: nodeExternal, logLevel: 'warning' };

const targets = {
  extension: { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' },
  engine: { ...node, entryPoints: ['src/engine/main.ts'], outfile: 'dist/engine.js' },
  // The engine's (and the CLI's) re-extraction threads load this beside them: dist/reextract-worker.js.
  reextractWorker: { ...node, entryPoints: ['src/engine/learned/reextract-worker.ts'], outfile: 'dist/reextract-worker.js' },
  nativeHost: { ...node, entryPoints: ['src/engine/ocr-backends/native-host.ts'], outfile: 'dist/native-ocr-host.js' },
  cli: { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  webview: {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: true, logLevel: 'warning',
    entryPoints: ['webview-ui/src/main.ts'], outfile: 'dist/webview.js', loader: { '.css': 'text' },
  },
};

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const names = args.filter(a => !a.startsWith('--'));
for (const name of names) {
  if (!(name in targets)) { console.error(`Unknown target "${name}"; known: ${Object.keys(targets).join(', ')}`); process.exit(2); }
}
const chosen = names.length > 0 ? names : Object.keys(targets);

if (watch) {
  for (const name of chosen) { await (await esbuild.context(targets[name])).watch(); }
  console.log(`watching ${chosen.join(', ')}`);
} else {
  await Promise.all(chosen.map(name => esbuild.build(targets[name])));
}
