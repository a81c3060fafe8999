// Runs inside a VS Code extension host (the `run()` contract of @vscode/test-electron and of vscode-host's
// run-ext-tests): commands registered, OCR Folder on the prepared folder produces the outputs, the batch is listed.
// Bundled by the mocha side into out/; the cards are written there too, so this file needs no image library.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/ids';
import type { CardOcrApi } from '../../../src/extension/main';
import type { BatchSummary, FieldSpec } from '../../../src/protocol/index';

export async function run(): Promise<void> {
  const folder = process.env.CARD_OCR_TEST_DIR ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'CARD_OCR_TEST_DIR or a workspace folder holding cards/ and expected.json');
  const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as { fields: FieldSpec[]; cards: Record<string, string[]>; errors: string[] };

  const extension = vscode.extensions.getExtension<CardOcrApi>('card-ocr.card-ocr');
  assert.ok(extension, 'the extension card-ocr.card-ocr is loaded');
  const api = await extension.activate();

  const registered = new Set(await vscode.commands.getCommands(true));
  assert.deepEqual(Object.values(commandIds).filter(id => !registered.has(id)), [], 'every command is registered');

  const dir = join(folder, 'cards');
  let resolveFinished: (() => void) | undefined;
  let batchId: string | undefined;
  const finished = new Promise<void>(done => { resolveFinished = done; });
  const listener = api.onDidReceiveBatchMessage(message => {
    if (message.type === 'status' && message.status === 'finished' && message.batchId === batchId) { resolveFinished?.(); }
  });
  const batch = await vscode.commands.executeCommand<BatchSummary | undefined>(commandIds.ocrFolder, vscode.Uri.file(dir), undefined,
    { fields: expected.fields, language: 'eng' });
  assert.ok(batch, 'OCR Folder started a batch');
  batchId = batch.id;
  const summary = (await api.listBatches()).find(b => b.id === batchId);
  if (summary?.status !== 'finished') { await finished; }
  listener.dispose();

  const csvFiles = readdirSync(join(dir, 'csv'));
  assert.equal(csvFiles.length, 1);
  const csv = readFileSync(join(dir, 'csv', csvFiles[0]), 'utf8');
  for (const [card, values] of Object.entries(expected.cards)) {
    for (const value of values) { assert.ok(csv.includes(value), `CSV has ${value} of ${card}`); }
  }
  assert.deepEqual(readdirSync(join(dir, 'json')).sort(), Object.keys(expected.cards).map(c => `${c}.json`).sort());
  assert.deepEqual(readdirSync(join(dir, '_errors')).filter(f => f !== 'errors.jsonl').sort(), expected.errors);

  const listed = (await api.listBatches()).find(b => b.id === batchId);
  assert.ok(listed, 'the batches tree lists the batch');
  assert.equal(listed.status, 'finished');
  assert.deepEqual([listed.progress.succeeded, listed.progress.failed], [Object.keys(expected.cards).length, expected.errors.length]);
  console.log(`[card-ocr-ext-test] ok: ${Object.keys(expected.cards).length} cards, ${expected.errors.length} error(s), batch ${batchId}`);
}
