import {
  catalogRefreshDefinition,
  fanOutDefinition,
  reportIngestionDefinition,
  reportRetrievalDefinition,
  type CatalogRefreshDefinition,
  type CatalogRefreshResources,
  type FanOutResources,
  type ReportIngestionResources,
  type ReportRetrievalResources,
  type StateMachineDefinition,
} from '@spapi-lake/workflows';
import { placeholderResources } from './placeholders';

/** One state machine definition as infra deploys it, resource ARNs left as placeholders. */
export interface ExportedWorkflow {
  /** `report-ingestion` | `fan-out` | `report-retrieval` | `catalog-refresh`: `<name>.asl.json`. */
  readonly name: string;
  readonly fileName: string;
  readonly definition: StateMachineDefinition | CatalogRefreshDefinition;
}

// Records of `true` so that a resource added to (or removed from) a definition's resources is a
// compile error here, not a placeholder silently missing from the export.
const INGESTION_RESOURCES: Record<keyof ReportIngestionResources, true> = {
  createReportFunctionArn: true,
  registerReportWaiterFunctionArn: true,
  getReportStatusFunctionArn: true,
  retrieveReportFunctionArn: true,
  recordFatalFunctionArn: true,
  recordOutcomeFunctionArn: true,
};

const FAN_OUT_RESOURCES: Record<keyof FanOutResources, true> = {
  planWindowsFunctionArn: true,
  claimWindowFunctionArn: true,
  completeWindowFunctionArn: true,
  recordWindowFailureFunctionArn: true,
  ingestionStateMachineArn: true,
};

const RETRIEVAL_RESOURCES: Record<keyof ReportRetrievalResources, true> = {
  retrieveReportFunctionArn: true,
  recordOutcomeFunctionArn: true,
};

const CATALOG_REFRESH_RESOURCES: Record<keyof CatalogRefreshResources, true> = {
  planRefreshFunctionArn: true,
  fetchListingsFunctionArn: true,
  planCatalogFunctionArn: true,
  fetchCatalogChunkFunctionArn: true,
  finishRefreshFunctionArn: true,
};

function keysOf<K extends string>(record: Record<K, true>): K[] {
  return Object.keys(record) as K[];
}

/**
 * The ingestion, fan-out, report retrieval and catalog refresh definitions of @spapi-lake/workflows
 * (default options), built with `${snake_case}` placeholders (`${create_report_function_arn}`)
 * where the ARNs go.
 */
export function exportedWorkflows(): ExportedWorkflow[] {
  return [
    {
      name: 'report-ingestion',
      fileName: 'report-ingestion.asl.json',
      definition: reportIngestionDefinition(
        placeholderResources(keysOf(INGESTION_RESOURCES)) as ReportIngestionResources,
      ),
    },
    {
      name: 'fan-out',
      fileName: 'fan-out.asl.json',
      definition: fanOutDefinition(
        placeholderResources(keysOf(FAN_OUT_RESOURCES)) as FanOutResources,
      ),
    },
    {
      name: 'report-retrieval',
      fileName: 'report-retrieval.asl.json',
      definition: reportRetrievalDefinition(
        placeholderResources(keysOf(RETRIEVAL_RESOURCES)) as ReportRetrievalResources,
      ),
    },
    {
      name: 'catalog-refresh',
      fileName: 'catalog-refresh.asl.json',
      definition: catalogRefreshDefinition(
        placeholderResources(keysOf(CATALOG_REFRESH_RESOURCES)) as CatalogRefreshResources,
      ),
    },
  ];
}
