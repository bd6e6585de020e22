/**
 * lib/experiments — runs of one experiment grouped by task × method and
 * aggregated over seeds: the paper-style table shared by
 * `npm run reproduce -- --table` and the /experiments pages (one
 * implementation).
 */
export { buildRows, markdownTable, tableCells, pooledProductivity, summaryCsv, runsCsv, HV_DEFINITION } from './reproduce-table';
export type { RunResult, TableRow } from './reproduce-table';
export { bucketsOf, experimentResults, methodLabel, seedReferences } from './experiment-results';
export { pairedCsv, pairedRows } from './reproduce-report';
export type { PairedRow, SeedReference } from './reproduce-report';
export type { ExperimentRunLike, ResultOptions } from './experiment-results';
export { parameterAnalysis, IMPORTANCE_METHOD } from './parameter-analysis';
export type { ParameterTask, Outcome, AnalysisRunInput } from './parameter-analysis';
export type { KnobImportance } from './parameter-importance';
export type { Knob } from './config-knobs';
