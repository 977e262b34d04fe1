import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogDatasets } from '@spapi-lake/catalog';
import { reportTypeDefinitions } from '@spapi-lake/reports';
import {
  catalogRefreshDefinition,
  fanOutDefinition,
  reportIngestionDefinition,
  reportRetrievalDefinition,
  type CatalogRefreshResources,
  type FanOutResources,
  type ReportIngestionResources,
  type ReportRetrievalResources,
} from '@spapi-lake/workflows';
import { placeholderFor, placeholderNames } from './placeholders';
import { exportedDefinitionErrors, sampleArnFor } from './validate-exported-definition';
import { writeWorkflowExports } from './write-workflow-exports';

describe('writeWorkflowExports', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'asl-export-'));
    writeWorkflowExports(outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const read = (file: string): string => readFileSync(path.join(outDir, file), 'utf8');

  it('writes the ingestion definition libs/workflows builds, with a placeholder per resource', () => {
    const resources: ReportIngestionResources = {
      createReportFunctionArn: '${create_report_function_arn}',
      registerReportWaiterFunctionArn: '${register_report_waiter_function_arn}',
      getReportStatusFunctionArn: '${get_report_status_function_arn}',
      retrieveReportFunctionArn: '${retrieve_report_function_arn}',
      recordFatalFunctionArn: '${record_fatal_function_arn}',
      recordOutcomeFunctionArn: '${record_outcome_function_arn}',
    };
    expect(JSON.parse(read('report-ingestion.asl.json'))).toEqual(
      reportIngestionDefinition(resources),
    );
  });

  it('writes the fan-out definition libs/workflows builds, with a placeholder per resource', () => {
    const resources: FanOutResources = {
      planWindowsFunctionArn: '${plan_windows_function_arn}',
      claimWindowFunctionArn: '${claim_window_function_arn}',
      completeWindowFunctionArn: '${complete_window_function_arn}',
      recordWindowFailureFunctionArn: '${record_window_failure_function_arn}',
      ingestionStateMachineArn: '${ingestion_state_machine_arn}',
    };
    expect(JSON.parse(read('fan-out.asl.json'))).toEqual(fanOutDefinition(resources));
  });

  it('writes the report retrieval definition, with a placeholder per resource', () => {
    const resources: ReportRetrievalResources = {
      retrieveReportFunctionArn: '${retrieve_report_function_arn}',
      recordOutcomeFunctionArn: '${record_outcome_function_arn}',
    };
    expect(JSON.parse(read('report-retrieval.asl.json'))).toEqual(
      reportRetrievalDefinition(resources),
    );
  });

  it('writes the catalog refresh definition, Distributed Map included, with a placeholder per resource', () => {
    const resources: CatalogRefreshResources = {
      planRefreshFunctionArn: '${plan_refresh_function_arn}',
      fetchListingsFunctionArn: '${fetch_listings_function_arn}',
      planCatalogFunctionArn: '${plan_catalog_function_arn}',
      fetchCatalogChunkFunctionArn: '${fetch_catalog_chunk_function_arn}',
      finishRefreshFunctionArn: '${finish_refresh_function_arn}',
    };
    const exported = JSON.parse(read('catalog-refresh.asl.json')) as {
      States: Record<string, { ItemProcessor?: { ProcessorConfig?: { Mode?: string } } }>;
    };
    expect(exported).toEqual(catalogRefreshDefinition(resources));
    expect(exported.States['FetchCatalogDistributed']?.ItemProcessor?.ProcessorConfig?.Mode).toBe(
      'DISTRIBUTED',
    );
  });

  it('writes the four definitions and the dataset list, nothing else', () => {
    expect(readdirSync(outDir).sort()).toEqual([
      'catalog-refresh.asl.json',
      'datasets.json',
      'fan-out.asl.json',
      'report-ingestion.asl.json',
      'report-retrieval.asl.json',
    ]);
  });

  it('lists exactly the placeholders infra has to bind', () => {
    expect(placeholderNames(read('report-ingestion.asl.json'))).toEqual([
      'create_report_function_arn',
      'get_report_status_function_arn',
      'record_fatal_function_arn',
      'record_outcome_function_arn',
      'register_report_waiter_function_arn',
      'retrieve_report_function_arn',
    ]);
    expect(placeholderNames(read('fan-out.asl.json'))).toEqual([
      'claim_window_function_arn',
      'complete_window_function_arn',
      'ingestion_state_machine_arn',
      'plan_windows_function_arn',
      'record_window_failure_function_arn',
    ]);
    expect(placeholderNames(read('report-retrieval.asl.json'))).toEqual([
      'record_outcome_function_arn',
      'retrieve_report_function_arn',
    ]);
    expect(placeholderNames(read('catalog-refresh.asl.json'))).toEqual([
      'fetch_catalog_chunk_function_arn',
      'fetch_listings_function_arn',
      'finish_refresh_function_arn',
      'plan_catalog_function_arn',
      'plan_refresh_function_arn',
    ]);
  });

  it.each([
    'report-ingestion.asl.json',
    'fan-out.asl.json',
    'report-retrieval.asl.json',
    'catalog-refresh.asl.json',
  ])('writes %s so that asl-validator accepts it once the placeholders are ARNs', (file) => {
    expect(exportedDefinitionErrors(read(file))).toBe('');
  });

  type DatasetEntry = { name: string; reportTypes: string[]; crawlerStartedBy: string[] };
  const datasets = () =>
    (JSON.parse(read('datasets.json')) as { datasets: DatasetEntry[] }).datasets;

  it('writes every curated dataset of the report-type registry and the catalog once, sorted', () => {
    const expected = [
      ...reportTypeDefinitions.flatMap((definition) =>
        definition.datasets.map((dataset) => dataset.name),
      ),
      ...catalogDatasets.map((dataset) => dataset.name),
    ];
    expect(datasets().map((dataset) => dataset.name)).toEqual([...new Set(expected)].sort());
  });

  it('names the report types of each report dataset and the machine that starts its crawler', () => {
    expect(datasets()).toContainEqual({
      name: 'vendor_sales_by_asin',
      reportTypes: ['GET_VENDOR_SALES_REPORT'],
      crawlerStartedBy: ['report-ingestion'],
    });
    // Settlements are never requested: only the retrieval of their notification writes them.
    expect(datasets()).toContainEqual({
      name: 'settlements',
      reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'],
      crawlerStartedBy: ['report-retrieval'],
    });
  });

  it('lists the catalog datasets without report types, crawled after a catalog refresh', () => {
    for (const name of ['catalog_items', 'listings_items', 'listings_issues']) {
      expect(datasets()).toContainEqual({
        name,
        reportTypes: [],
        crawlerStartedBy: ['catalog-refresh'],
      });
    }
  });
});

describe('exportedDefinitionErrors', () => {
  it('reports a definition asl-validator rejects', () => {
    const broken = JSON.stringify({ StartAt: 'Missing', States: {} });
    expect(exportedDefinitionErrors(broken)).not.toBe('');
  });
});

describe('placeholders', () => {
  it('turns a camelCase resource key into a snake_case placeholder', () => {
    expect(placeholderFor('recordWindowFailureFunctionArn')).toBe(
      '${record_window_failure_function_arn}',
    );
  });

  it('samples a state machine ARN for state machine placeholders and a Lambda alias ARN otherwise', () => {
    expect(sampleArnFor('ingestion_state_machine_arn')).toMatch(/^arn:aws:states:.*:stateMachine:/);
    expect(sampleArnFor('claim_window_function_arn')).toMatch(
      /^arn:aws:lambda:.*:function:.*:live$/,
    );
  });
});
