// Evaluation's door inside the engine: score a batch against truth files and format the result.
export { cardF1, evaluateBatch, matchThreshold, scoreCard, scoreValue, summarise, type CardScore, type EvalReport, type FieldScore, type KeyScore } from './evaluate';
export { formatEvalReport } from './format-report';
export { indelDistance, indelSimilarity } from './indel';
export { benchmarkTruth, layOutFields, terminalPaths, valueAt, type Json } from './truth-paths';
export { formatOracleReport, isInText, oracleCard, substringEditDistance, summariseOracle, type OracleReport } from './oracle';
export { oracleBatch } from './oracle-batch';
