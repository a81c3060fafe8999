// "Learn from checked cards" for one batch: trains its learned fields from the cards checked in review, writes the
// model beside the batch's template (or into the batch folder when that template is bundled or read-only), then
// finds every card's fields again from the stored OCR. The caller holds the batch idle; this takes its lock.
import { writeFile, rename } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { failure, type FieldSpec, type LearnedModel, type LearnReport, type Outcome } from '../../protocol';
import { bundledTemplatesDir } from '../templates/package-root';
import { readCheckedCards } from './labelled-cards';
import { fixedModel } from './model-source';
import { reextractBatch } from './reextract';
import { trainModel } from './train';
import { learnedTargets } from './zone-tokens';
import { readBatchConfig, withBatchLock, writeFileInside } from '../../batch-folder/index';

/** The model's name inside a batch folder: not an image, so never taken for a card. */
export const batchModelFileName = 'learned.model.json';

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Writes beside the template when allowed; false when the file is not ours to write (shipped with Card OCR, read-only). */
async function writeBesideTemplate(file: string, text: string): Promise<boolean> {
  const bundled = bundledTemplatesDir();
  if (bundled && isInside(bundled, file)) { return false; }
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);   // whole, so an engine reading the model never sees half of it
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') { return false; }
    throw error;
  }
}

/**
 * Trains, writes the model, re-extracts. `request/invalid` when the batch has no learned fields, `batch/not-found`
 * when none of its cards was checked in review yet, `batch/busy` when another writer holds the folder.
 */
export async function learnBatch(dir: string, owner?: string): Promise<Outcome<LearnReport>> {
  return withBatchLock(dir, 'learn', () => learnLocked(dir), owner);
}

async function learnLocked(dir: string): Promise<Outcome<LearnReport>> {
  const config = await readBatchConfig(dir);
  if (!config.ok) { return config; }
  const learned = config.value.fields.filter(field => field.find.by === 'learned');
  if (learned.length === 0) {
    return failure('request/invalid', `The batch in ${dir} has no learned fields (a field with "find": {"by": "learned"}); nothing to learn`, { dir });
  }
  const cards = await readCheckedCards(dir, learned);
  if (!cards.ok) { return cards; }
  const { model, report } = trainModel(cards.value, learnedTargets(learned));
  const placed = await placeModel(dir, config.value.fields, model);
  // The model just trained labels the cards: no file cache can hand back the one it replaced.
  const again = await reextractBatch(dir, placed.fields, fixedModel(model));
  if (!again.ok) { return again; }
  const completeness = new Map(again.value.completeness.map(c => [c.field, c]));
  return { ok: true, value: {
    model: placed.model, inBatchFolder: placed.inBatchFolder, trainedOn: report.cards,
    cards: again.value.cards, skipped: again.value.skipped.length, trainingMs: report.trainingMs, reextractMs: again.value.ms,
    fields: report.fields.map(f => ({
      field: f.field, withValue: f.withValue, found: f.found, notFound: f.notFound,
      before: completeness.get(f.field)?.before ?? 0, after: completeness.get(f.field)?.after ?? 0,
    })),
  } };
}

/** Where the model goes, and the batch's field list when its learned fields must name a new file (else undefined). */
async function placeModel(dir: string, fields: readonly FieldSpec[], model: LearnedModel): Promise<{ model: string; inBatchFolder: boolean; fields?: FieldSpec[] }> {
  const text = `${JSON.stringify(model)}\n`;
  const named = fields.map(f => (f.find.by === 'learned' ? f.find.model : undefined)).find(Boolean);
  const file = join(dir, batchModelFileName);
  if (named && isAbsolute(named) && named !== file && await writeBesideTemplate(named, text)) { return { model: named, inBatchFolder: false }; }
  await writeFileInside(dir, file, text);
  if (named === file) { return { model: file, inBatchFolder: true }; }
  const moved = fields.map(f => (f.find.by === 'learned' ? { ...f, find: { ...f.find, model: file } } : f));
  return { model: file, inBatchFolder: true, fields: moved };
}
