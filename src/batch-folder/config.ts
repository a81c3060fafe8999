// config.json: a batch's identity and settings, created on start and read back on resume and retry.
// Knows nothing of OCR or cards.
import { readFileInside, writeFileInside } from './no-follow';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { BatchConfig, failure, type BatchStatus, type Outcome, type StartBatchParams } from '../protocol';
import { batchPaths } from './paths';

/** `Zettel Katalog 1` → `zettel-katalog-1-3fa9c2`: readable, unique, and safe in URLs and file names. */
export function makeBatchId(name: string): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug === '' ? 'batch' : slug}-${randomBytes(3).toString('hex')}`;
}

export function newBatchConfig(params: StartBatchParams): BatchConfig {
  const now = new Date().toISOString();
  const name = params.name ?? basename(params.dir);
  return {
    version: 1, id: makeBatchId(name), name, fields: params.fields, language: params.language, options: params.options,
    ...(params.templateId === undefined ? {} : { templateId: params.templateId }),
    status: 'queued', createdAt: now, updatedAt: now,
  };
}

export async function readBatchConfig(dir: string): Promise<Outcome<BatchConfig>> {
  let text: string;
  try {
    text = await readFileInside(dir, batchPaths(dir).config, 'utf8');
  } catch {
    return failure('batch/not-found', `No batch in ${dir} (config.json is missing); start one with card-ocr run`, { dir });
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const parsed = BatchConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure('batch/invalid', `${batchPaths(dir).config} is not a batch config${issue ? `: ${issue.path.join('.')} ${issue.message}` : ''}`, { dir });
  }
  return { ok: true, value: parsed.data };
}

/** Whole-file write through a tmp file: config.json changes only with the batch's status, never per card. */
export async function writeBatchConfig(dir: string, config: BatchConfig): Promise<void> {
  const file = batchPaths(dir).config;
  await writeFileInside(dir, file, `${JSON.stringify(config, null, 2)}\n`);
}

export function withStatus(config: BatchConfig, status: BatchStatus): BatchConfig {
  return { ...config, status, updatedAt: new Date().toISOString() };
}
