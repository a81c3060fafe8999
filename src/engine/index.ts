// The engine's door: the only engine file other areas import. Holds no logic.
export { EngineClient, type EngineClientOptions } from './engine-client';
export { searchedDirs, systemTessdataDirs } from './language-data';
export { listTemplates, resolveTemplate, saveTemplate, workspaceTemplatesDir, readTemplateFile, bundledTemplatesDir, type TemplateEntry, type TemplateListing, type TemplateSource } from './templates';
export { evaluateBatch, formatEvalReport, indelSimilarity, matchThreshold, type EvalReport } from './eval';
export { formatOracleReport, oracleBatch, type OracleReport } from './eval';
export { applyCorrections, regenerateCsv, reviewCard, type FieldCorrections, type ReviewOptions } from './review';
export { browserFormats, toBrowserPng } from './browser-image';
export { defaultMaxInputPixels } from './recognize-card';
export { classifyImageError } from './image-faults';
export { ReviewFlags, type QueueOrder } from './review-flags';
export { coverageSample, rarelyFoundFields, type FieldCoverage } from './field-coverage';
export { crossValidate, learnedTargets, learningCurve, readCheckedCards, readTruthCards, reextractBatch, templateModelPath, trainModel, withModelPaths, type CurvePoint, type LabelledCard, type ReextractReport, type SplitFigures, type TrainingReport } from './learned';
