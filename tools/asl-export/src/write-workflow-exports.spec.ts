import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reportTypeDefinitions } from '@spapi-lake/reports';
import {
  fanOutDefinition,
  reportIngestionDefinition,
  type FanOutResources,
  type ReportIngestionResources,
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
  });

  it('writes definitions asl-validator accepts once the placeholders are ARNs', () => {
    expect(exportedDefinitionErrors(read('report-ingestion.asl.json'))).toBe('');
    expect(exportedDefinitionErrors(read('fan-out.asl.json'))).toBe('');
  });

  it('writes every curated dataset of the report-type registry once, with its report types', () => {
    const { datasets } = JSON.parse(read('datasets.json')) as {
      datasets: { name: string; reportTypes: string[] }[];
    };
    const expected = reportTypeDefinitions.flatMap((definition) =>
      definition.datasets.map((dataset) => dataset.name),
    );
    expect(datasets.map((dataset) => dataset.name)).toEqual([...new Set(expected)].sort());
    expect(datasets).toContainEqual({
      name: 'vendor_sales_by_asin',
      reportTypes: ['GET_VENDOR_SALES_REPORT'],
    });
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
