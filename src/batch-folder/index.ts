// The batch folder's door: the on-disk batch format (paths, config, checkpoint, outputs, readers, report) and its
// single-writer lock. Only the engine writes through it; the server, CLI and extension read. Holds no logic.
export { BatchLock, describeHolder, LockHolder, lockFileName, lockPath, readLockHolder, withBatchLock } from './lock';
export { appendFileInside, appendFlags, createFileInside, firstLinkBelow, LinkRefusedError, mkdirInside, readFileInside, realPathInside, writeFileInside } from './no-follow';
export { type BatchPaths, outputDirNames, csvFileName, batchPaths, cardJsonPath } from './paths';
export { makeBatchId, newBatchConfig, readBatchConfig, writeBatchConfig, withStatus } from './config';
export { hasBatch, summaryOf, readBatchSummary, readCardResult, listCardResults } from './store';
export { type CheckpointState, readCheckpoint, CheckpointJournal } from './checkpoint-journal';
export { cardExtensions, compareCardNames, isCardName, listCardFiles, linkOutOfFolder } from './card-files';
export { type CardOrder, orderCards } from './card-order';
export { previousRunsDirName, archiveBatch } from './archive';
export { QualityTally, computeQualityReport, writeQualityReport } from './quality-report';
export { type KnownBatchFolder, KnownBatchFolders } from './known-batches';
export { writeCardJson, readCardJson, cardJsonText, rewriteCardJson, readCardJsonText } from './outputs/card-json';
export { csvRecords, firstCell, editedCopyPath, isCsvAsWritten, keepEditedCsv, inCardOrder, exportCsv, RunningCsv } from './outputs/csv-export';
export { csvHeader, csvRow, ensureCsv, appendCsvRow, writeCsv, writeCsvRows } from './outputs/csv-table';
export { supersededDirName, moveToErrors, readErrorEntries, type RestoredCard, restoreErrors } from './outputs/error-folder';
export { servableCsv } from './outputs/csv-file';
