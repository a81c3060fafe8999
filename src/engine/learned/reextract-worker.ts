// A worker thread of re-extraction (entry point; dist/reextract-worker.js): re-extracts the runs of cards the
// engine posts, with its own copy of the model, and posts back what each run gave. Writes only json/ files of the
// cards it is given; the engine, which holds the batch lock, writes the CSV.
import { parentPort, workerData } from 'node:worker_threads';
import type { FieldSpec, LearnedModel } from '../../protocol';
import { fixedModel, ModelFiles } from './model-source';
import { reextractCards } from './reextract-cards';

export interface ReextractWorkerData { dir: string; fields: FieldSpec[]; model?: LearnedModel }
export interface ReextractRun { run: number; cards: string[] }

const data = workerData as ReextractWorkerData;
const models = data.model ? fixedModel(data.model) : new ModelFiles().source;

// The engine terminates the thread when every run is done; a run is all it is ever sent.
parentPort?.on('message', (message: ReextractRun) => {
  reextractCards(data.dir, message.cards, data.fields, models).then(
    done => parentPort?.postMessage({ run: message.run, done }),
    (error: unknown) => parentPort?.postMessage({ run: message.run, error: error instanceof Error ? error.message : String(error) }),
  );
});
