// Where the learned finder gets its model: from the file a template names (read once per file and change time),
// or, for cross-validation, a model held in memory.
import { stat, readFile } from 'node:fs/promises';
import { LearnedModel } from '../../protocol';
import type { TokenSegment } from './zone-tokens';
import type { OcrPage, RawValue } from '../ocr-page';
import { LearnedLabeller } from './learned-finder';

/** What a learned field needs of a model: the raw value of each field it fills on a card, from its page and the
 *  readings (page, zones) its learned fields use. */
export interface PageLabeller {
  label(page: OcrPage, segments?: readonly TokenSegment[]): Map<string, RawValue>;
  /** Whether the zone (its index among the model's fields' zones) should be read once more (see LearnedLabeller). */
  wantsRetry(segments: readonly TokenSegment[], zone: number): boolean;
}

/** The labeller for a learned field's model path (undefined: the only model there is, e.g. in memory). */
export type ModelSource = (modelPath: string | undefined) => Promise<PageLabeller>;

/** The model behind each `fixedModel` source: a worker thread builds its own labeller from it. */
const fixedModels = new WeakMap<ModelSource, LearnedModel>();

/** A labeller that is already built: every learned field uses it. */
export function fixedModel(model: LearnedModel): ModelSource {
  const labeller = new LearnedLabeller(model);
  const source: ModelSource = async () => labeller;
  fixedModels.set(source, model);
  return source;
}

/** The model a `fixedModel` source was made from (undefined for any other source). */
export function modelOfFixed(source: ModelSource): LearnedModel | undefined {
  return fixedModels.get(source);
}

/** Labels nothing: what a learned field finds before its model is trained. Every retry reading is read, so the
 *  model trained on these cards can choose among them. */
const untrained: PageLabeller = { label: () => new Map(), wantsRetry: () => true };

/** Reads model files once each (again when their change time moves); a missing file labels nothing, a bad one throws, naming it. */
export class ModelFiles {
  private readonly loaded = new Map<string, { mtimeMs: number; labeller: Promise<PageLabeller> }>();

  readonly source: ModelSource = async modelPath => {
    if (!modelPath) { throw new Error('A learned field names no model file: give the template a "model" (card-ocr learn writes one)'); }
    const info = await stat(modelPath).catch(() => undefined);
    // No model yet: a template's first batch is read to be checked and learned from, so its learned fields
    // come out empty rather than failing every card.
    if (!info) { return untrained; }
    const cached = this.loaded.get(modelPath);
    if (cached && cached.mtimeMs === info.mtimeMs) { return cached.labeller; }
    const labeller = readFile(modelPath, 'utf8').then(text => {
      const parsed = LearnedModel.safeParse(JSON.parse(text));
      if (!parsed.success) { throw new Error(`The model file ${modelPath} is not a card-ocr model: ${parsed.error.issues[0]?.message ?? 'invalid'}`); }
      return new LearnedLabeller(parsed.data);
    });
    this.loaded.set(modelPath, { mtimeMs: info.mtimeMs, labeller });
    return labeller;
  };
}

/** One per engine process: every batch's cards share the parsed models. */
export const sharedModelFiles = new ModelFiles();
