// Where the learned finder gets its model: from the file a template names (read once per file and change time),
// or, for cross-validation, a model held in memory.
import { stat, readFile } from 'node:fs/promises';
import { LearnedModel } from '../../protocol';
import { LearnedLabeller } from './learned-finder';

/** The labeller for a learned field's model path (undefined: the only model there is, e.g. in memory). */
export type ModelSource = (modelPath: string | undefined) => Promise<LearnedLabeller>;

/** A labeller that is already built: every learned field uses it. */
export function fixedModel(model: LearnedModel): ModelSource {
  const labeller = new LearnedLabeller(model);
  return async () => labeller;
}

/** Reads model files once each (again when their change time moves); a missing or bad file throws, naming it. */
export class ModelFiles {
  private readonly loaded = new Map<string, { mtimeMs: number; labeller: Promise<LearnedLabeller> }>();

  readonly source: ModelSource = async modelPath => {
    if (!modelPath) { throw new Error('A learned field names no model file: give the template a "model" (card-ocr learn writes one)'); }
    const info = await stat(modelPath).catch(() => undefined);
    if (!info) { throw new Error(`The model file ${modelPath} does not exist (card-ocr learn writes it)`); }
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
