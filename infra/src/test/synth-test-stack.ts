import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Testing } from 'cdktf';
import type { CuratedDataset } from '../catalog/data-catalog';
import { AppName } from '../functions/function-spec';
import { STACK_INPUT_PATHS, WORKFLOW_FILES } from '../stack/load-stack-inputs';
import { SpapiLakeStack, type SpapiLakeStackProps } from '../stack/spapi-lake-stack';

/** The workspace root (the tests read the exported definitions from `dist/workflows`). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** The exported definitions and datasets of `nx run asl-export:build` (the test target builds them). */
export function exportedWorkflowFile(file: string): string {
  return readFileSync(path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.workflows, file), 'utf8');
}

/** Small stand-in zips (the stack only hashes and copies them), one per app. */
export function fixtureArtifactZips(): Record<AppName, string> {
  const directory = mkdtempSync(path.join(tmpdir(), 'infra-artifacts-'));
  mkdirSync(directory, { recursive: true });
  return Object.fromEntries(
    Object.values(AppName).map((app) => {
      const zip = path.join(directory, `${app}.zip`);
      writeFileSync(zip, `stand-in artifact of ${app}`);
      return [app, zip];
    }),
  ) as Record<AppName, string>;
}

/** The curated datasets of the export (`datasets.json`). */
export function exportedDatasets(): CuratedDataset[] {
  return (JSON.parse(exportedWorkflowFile('datasets.json')) as { datasets: CuratedDataset[] })
    .datasets;
}

/** The props of a stack built from the real exported definitions and report configs. */
export function testStackProps(overrides: Partial<SpapiLakeStackProps> = {}): SpapiLakeStackProps {
  return {
    workflows: {
      reportIngestion: exportedWorkflowFile(WORKFLOW_FILES.reportIngestion),
      fanOut: exportedWorkflowFile(WORKFLOW_FILES.fanOut),
      reportRetrieval: exportedWorkflowFile(WORKFLOW_FILES.reportRetrieval),
      catalogRefresh: exportedWorkflowFile(WORKFLOW_FILES.catalogRefresh),
    },
    datasets: exportedDatasets().map(({ name, crawlerStartedBy }) => ({ name, crawlerStartedBy })),
    artifactZips: fixtureArtifactZips(),
    defaultReportConfigsJson: JSON.stringify(
      JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.reportConfigs), 'utf8')),
    ),
    ...overrides,
  };
}

let defaultStack: SynthesizedStack | undefined;

/**
 * The synthesized Terraform JSON of the whole stack, parsed. Without overrides it is synthesized
 * once per test file (about a second) and shared: tests only read it.
 */
export function synthTestStack(overrides?: Partial<SpapiLakeStackProps>): SynthesizedStack {
  if (overrides === undefined && defaultStack !== undefined) return defaultStack;
  const app = Testing.app();
  const stack = new SpapiLakeStack(app, 'test', testStackProps(overrides));
  const synthesized = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  if (overrides === undefined) defaultStack = synthesized;
  return synthesized;
}

/** The parts of the Terraform JSON the tests read. */
export interface SynthesizedStack {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable: Record<string, Record<string, unknown>>;
  readonly output: Record<string, Record<string, unknown>>;
  readonly locals?: Record<string, unknown>;
  readonly terraform: Record<string, unknown>;
  readonly provider: Record<string, unknown>;
}
