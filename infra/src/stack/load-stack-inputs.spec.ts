import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@spapi-lake/config';
import { StackInputError } from '../errors';
import { AppName } from '../functions/function-spec';
import { WORKSPACE_ROOT } from '../test/synth-test-stack';
import { STACK_INPUT_PATHS, loadStackInputs } from './load-stack-inputs';

describe('loadStackInputs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'infra-inputs-'));
    cpSync(
      path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.workflows),
      path.join(root, STACK_INPUT_PATHS.workflows),
      { recursive: true },
    );
    mkdirSync(path.join(root, STACK_INPUT_PATHS.artifacts), { recursive: true });
    for (const app of Object.values(AppName)) {
      writeFileSync(path.join(root, STACK_INPUT_PATHS.artifacts, `${app}.zip`), app);
    }
    mkdirSync(path.join(root, 'infra/config'), { recursive: true });
    cpSync(
      path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.reportConfigs),
      path.join(root, STACK_INPUT_PATHS.reportConfigs),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the exported definitions, the datasets, every app zip and the report configs', () => {
    const inputs = loadStackInputs(root);
    expect(JSON.parse(inputs.workflows.reportIngestion)).toMatchObject({ StartAt: 'CreateReport' });
    expect(JSON.parse(inputs.workflows.fanOut)).toMatchObject({ StartAt: 'PlanWindows' });
    expect(JSON.parse(inputs.workflows.reportRetrieval)).toMatchObject({
      StartAt: 'RetrieveReport',
    });
    expect(JSON.parse(inputs.workflows.catalogRefresh)).toMatchObject({ StartAt: 'PlanRefresh' });
    expect(inputs.datasets).toContainEqual({
      name: 'orders_by_last_update',
      crawlerStartedBy: ['report-ingestion'],
    });
    expect(inputs.datasets).toContainEqual({
      name: 'catalog_items',
      crawlerStartedBy: ['catalog-refresh'],
    });
    expect(inputs.artifactZips['token-broker']).toBe(
      path.join(root, STACK_INPUT_PATHS.artifacts, 'token-broker.zip'),
    );
    expect(JSON.parse(inputs.defaultReportConfigsJson)).toContainEqual(
      expect.objectContaining({ id: 'orders-by-last-update' }),
    );
  });

  it('names the package target to run when an app zip is missing', () => {
    rmSync(path.join(root, STACK_INPUT_PATHS.artifacts, 'report-creator.zip'));
    expect(() => loadStackInputs(root)).toThrow(StackInputError);
    expect(() => loadStackInputs(root)).toThrow('run nx run report-creator:package first');
  });

  it('names the export target to run when the definitions are missing', () => {
    rmSync(path.join(root, STACK_INPUT_PATHS.workflows), { recursive: true });
    expect(() => loadStackInputs(root)).toThrow('run nx run asl-export:build first');
  });

  it('refuses a dataset list without the machines that start each crawler', () => {
    writeFileSync(
      path.join(root, STACK_INPUT_PATHS.workflows, 'datasets.json'),
      JSON.stringify({ datasets: [{ name: 'orders_by_order_date', reportTypes: [] }] }),
    );
    expect(() => loadStackInputs(root)).toThrow('datasets.json is not a dataset list');
  });

  it('refuses report configs the apps would refuse', () => {
    writeFileSync(
      path.join(root, STACK_INPUT_PATHS.reportConfigs),
      JSON.stringify([
        {
          id: 'Bad Id',
          reportType: 'GET_X',
          accountTypes: ['seller'],
          windowDays: 1,
          schedule: 'daily',
        },
      ]),
    );
    expect(() => loadStackInputs(root)).toThrow(ConfigurationError);
  });
});
