import { AppName, EnvironmentSource as E, type FunctionSpec } from './function-spec';
import {
  readConfiguration,
  invokeTokenBroker,
  curated,
  curatedObjects,
  spApiCaller,
  curatedWriter,
} from './function-spec-parts';

/** The report-retriever functions: polling, retrieval into the lake, outcomes in the ledger. */
export const REPORT_RETRIEVER_FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: 'get-report-status',
    app: AppName.ReportRetriever,
    exportName: 'getReportStatus',
    description: 'Ingestion: getReport status with the next poll delay',
    memoryMb: 256,
    timeoutSeconds: 60,
    environment: spApiCaller,
    grants: [readConfiguration('endpoints'), invokeTokenBroker],
  },
  {
    id: 'retrieve-report',
    app: AppName.ReportRetriever,
    exportName: 'retrieveReport',
    description: 'Ingestion: report document -> raw zone and curated Parquet, manifest, ledger',
    memoryMb: 2048,
    timeoutSeconds: 900,
    environment: {
      ...spApiCaller,
      ...curatedWriter,
      RAW_BUCKET: E.RawBucket,
      CRAWLER_NAME_PREFIX: E.CrawlerNamePrefix,
    },
    grants: [
      readConfiguration('endpoints'),
      invokeTokenBroker,
      { kind: 'objects', bucket: 'raw', access: 'read-write', prefixes: ['reports/'] },
      // Delete too: a retrieval that fails after its curated objects landed takes them back (a
      // landing found stale goes with its manifest), and one that succeeds removes the report's
      // stale uncurated-report record. Catalog and listings datasets stay out of reach.
      {
        kind: 'objects',
        bucket: 'curated',
        access: 'read-write-delete',
        // And the report's lease (ingestion's withReportLease), released by deleting it.
        prefixes: ['_manifests/reports/', '_manifests/uncurated-reports/', '_leases/reports/'],
        reportDatasets: true,
      },
      curatedObjects('read-write', '_ledger/', '_errors/'),
    ],
  },
  {
    id: 'record-fatal',
    app: AppName.ReportRetriever,
    exportName: 'recordFatal',
    description: 'Ingestion: keeps a FATAL report error document, records the outcome',
    memoryMb: 256,
    timeoutSeconds: 120,
    environment: { ...spApiCaller, ...curatedWriter },
    grants: [readConfiguration('endpoints'), invokeTokenBroker, curated('_errors/', '_ledger/')],
  },
  {
    id: 'record-outcome',
    app: AppName.ReportRetriever,
    exportName: 'recordOutcome',
    description:
      'Ingestion: records a CANCELLED or FAILED window (a settlement placed by getReport)',
    memoryMb: 256,
    timeoutSeconds: 60,
    environment: { ...spApiCaller, ...curatedWriter },
    grants: [readConfiguration('endpoints'), invokeTokenBroker, curated('_ledger/')],
  },
];
