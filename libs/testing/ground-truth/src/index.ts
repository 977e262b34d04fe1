export {
  type ExpectedDataset,
  type ExpectedRow,
  type GroundTruthTables,
  type RowLineage,
  type RowPlacement,
  expectedDatasets,
  expectedFileColumns,
  groundTruthTables,
  normaliseRead,
  selectRows,
} from './expected-rows';
