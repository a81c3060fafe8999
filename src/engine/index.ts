// The engine's door: the only engine file other areas import. Holds no logic.
export { EngineClient, type EngineClientOptions } from './engine-client';
export { batchPaths, type BatchPaths } from './batch-paths';
export { readBatchConfig } from './batch-config';
export { hasBatch, readBatchSummary, readCardResult, listCardResults } from './batch-store';
export { readErrorEntries } from './outputs/error-folder';
export { searchedDirs, systemTessdataDirs } from './language-data';
export { listTemplates, resolveTemplate, saveTemplate, workspaceTemplatesDir, readTemplateFile, bundledTemplatesDir, type TemplateEntry, type TemplateListing, type TemplateSource } from './templates';
export { computeQualityReport, writeQualityReport } from './quality-report';
export { evaluateBatch, formatEvalReport, indelSimilarity, matchThreshold, type EvalReport } from './eval';
export { applyCorrections, regenerateCsv, reviewCard, type FieldCorrections } from './review';
export { browserFormats, toBrowserPng } from './browser-image';
export { defaultMaxInputPixels } from './recognize-card';
export { classifyImageError } from './preprocess';
export { ReviewFlags } from './review-flags';
export { crossValidate, learningCurve, readCheckedCards, readTruthCards, reextractBatch, templateModelPath, trainModel, withModelPaths, type CurvePoint, type LabelledCard, type ReextractReport, type TrainingReport } from './learned';
