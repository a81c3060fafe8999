// The learned finder's door inside the engine (re-exported by src/engine/index.ts). Holds no logic.
export { alignCard, alignThreshold, type CardAlignment, type TruthValue } from './align';
export { Crf, type CrfSequence } from './crf';
export { crossValidate, learningCurve, assignFolds, type CrossValidation, type CurvePoint, type SplitFigures } from './cross-validate';
export { pageTokens, tokenFeatures, type Token } from './features';
export { readCheckedCards, readTruthCards, truthValues, type LabelledCard } from './labelled-cards';
export { LearnedLabeller } from './learned-finder';
export { fixedModel, ModelFiles, type ModelSource } from './model-source';
export { templateModelPath, withModelPaths } from './model-paths';
export { pageFromResult } from './stored-page';
export { trainModel, type FieldTarget, type TrainingCard, type TrainingReport } from './train';
export { learnedTargets } from './zone-tokens';
export { reextractBatch, reextractCard, type ReextractReport } from './reextract';
