import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReportConfigs } from '@spapi-lake/config';
import { z } from 'zod';
import { CrawlerStarter } from '../catalog/data-catalog';
import { StackInputError } from '../errors';
import { AppName } from '../functions/function-spec';
import type { SpapiLakeStackProps } from './spapi-lake-stack';

/** Where the synth reads its inputs, relative to the workspace root. */
export const STACK_INPUT_PATHS = {
  workflows: 'dist/workflows',
  artifacts: 'dist/artifacts',
  reportConfigs: 'infra/config/report-configs.json',
} as const;

const DatasetsFileSchema = z.object({
  datasets: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z][a-z0-9_]*$/),
        crawlerStartedBy: z.array(z.enum(CrawlerStarter)).min(1),
      }),
    )
    .min(1)
    .refine(
      (datasets) => new Set(datasets.map((dataset) => dataset.name)).size === datasets.length,
      'dataset names must be unique',
    ),
});

/** The exported definitions the stack reads, by the key of `WorkflowTemplates`. */
export const WORKFLOW_FILES = {
  reportIngestion: 'report-ingestion.asl.json',
  fanOut: 'fan-out.asl.json',
  reportRetrieval: 'report-retrieval.asl.json',
  catalogRefresh: 'catalog-refresh.asl.json',
} as const;

function readInput(file: string, producer: string): string {
  if (!existsSync(file)) {
    throw new StackInputError(
      `${file} is missing: run ${producer} first (nx run infra:synth does)`,
    );
  }
  return readFileSync(file, 'utf8');
}

/**
 * Reads what the stack is built from: the exported state machine definitions and dataset list
 * (`nx run asl-export:build`), every app's zip (`nx run <app>:package`) and the typed report
 * configs (validated with @spapi-lake/config). Throws StackInputError naming what is missing.
 */
export function loadStackInputs(
  workspaceRoot: string,
): Pick<
  SpapiLakeStackProps,
  'workflows' | 'datasets' | 'artifactZips' | 'defaultReportConfigsJson'
> {
  const at = (relative: string) => path.join(workspaceRoot, relative);
  const exported = (file: string) =>
    readInput(at(`${STACK_INPUT_PATHS.workflows}/${file}`), 'nx run asl-export:build');

  const datasetsFile = DatasetsFileSchema.safeParse(JSON.parse(exported('datasets.json')));
  if (!datasetsFile.success) {
    throw new StackInputError(`datasets.json is not a dataset list: ${datasetsFile.error.message}`);
  }

  const artifactZips = Object.fromEntries(
    Object.values(AppName).map((app) => {
      const zip = at(`${STACK_INPUT_PATHS.artifacts}/${app}.zip`);
      if (!existsSync(zip)) {
        throw new StackInputError(`${zip} is missing: run nx run ${app}:package first`);
      }
      return [app, zip];
    }),
  ) as Record<AppName, string>;

  const reportConfigs = readInput(at(STACK_INPUT_PATHS.reportConfigs), 'nothing (it is source)');
  // Throws a ConfigurationError naming each bad key: a stage never gets configs the apps refuse.
  parseReportConfigs(reportConfigs, STACK_INPUT_PATHS.reportConfigs);

  return {
    workflows: {
      reportIngestion: exported(WORKFLOW_FILES.reportIngestion),
      fanOut: exported(WORKFLOW_FILES.fanOut),
      reportRetrieval: exported(WORKFLOW_FILES.reportRetrieval),
      catalogRefresh: exported(WORKFLOW_FILES.catalogRefresh),
    },
    datasets: datasetsFile.data.datasets.map(({ name, crawlerStartedBy }) => ({
      name,
      crawlerStartedBy,
    })),
    artifactZips,
    defaultReportConfigsJson: JSON.stringify(JSON.parse(reportConfigs)),
  };
}
