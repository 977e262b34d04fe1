import { Construct } from 'constructs';
import { CrawlerStarter } from '../catalog/data-catalog';
import { LIVE_ALIAS } from '../functions/app-function';
import type { AppFunctions } from '../functions/app-functions';
import type { PolicyStatement } from '../iam/policy-document';
import type { Deployment } from '../stack/deployment';
import { bindPlaceholders } from '../workflows/bind-placeholders';
import {
  CATALOG_REFRESH_FUNCTION_BINDINGS,
  FAN_OUT_FUNCTION_BINDINGS,
  INGESTION_FUNCTION_BINDINGS,
  INGESTION_STATE_MACHINE_PLACEHOLDER,
  RETRIEVAL_FUNCTION_BINDINGS,
} from '../workflows/workflow-bindings';
import { WorkflowStateMachine } from './workflow-state-machine';

/** State machine names (after the prefix). */
export const WorkflowName = {
  ReportIngestion: 'report-ingestion',
  FanOut: 'fan-out',
  ReportRetrieval: 'report-retrieval',
  CatalogRefresh: 'catalog-refresh',
} as const;

/** The exported definitions (tools/asl-export output) the stack deploys. */
export interface WorkflowTemplates {
  readonly reportIngestion: string;
  readonly fanOut: string;
  readonly reportRetrieval: string;
  readonly catalogRefresh: string;
}

/** Options of {@link Orchestration}. */
export interface OrchestrationProps {
  readonly deployment: Deployment;
  readonly functions: AppFunctions;
  readonly templates: WorkflowTemplates;
  /** The crawlers each state machine may start after writing a dataset (names-built ARNs). */
  readonly crawlerArns: (starter: CrawlerStarter) => readonly string[];
  /** The curated bucket (the catalog refresh's Distributed Map reads its chunk list there). */
  readonly curatedBucketArn: string;
  readonly lakeKeyArn: string;
  readonly logRetentionDays: number;
}

/** Where the catalog refresh's chunk lists are (libs/catalog `chunkManifestKey`). */
export const CATALOG_REFRESH_WORK_PREFIX = '_work/catalog-refresh/';

/**
 * The ARN of the report retrieval state machine (RetrieveReport -> crawlers for reports nobody
 * waits for, e.g. settlements), from its name: the notification consumer's environment and policy
 * name it without a reference to the machine.
 */
export function retrievalStateMachineArn(deployment: Deployment): string {
  return deployment.arn('states', `stateMachine:${deployment.name(WorkflowName.ReportRetrieval)}`);
}

/** The ARNs of the report retrieval state machine's executions (the settlement sweep's policy). */
export function retrievalExecutionsArn(deployment: Deployment): string {
  return deployment.arn('states', `execution:${deployment.name(WorkflowName.ReportRetrieval)}:*`);
}

/** The ARN of the ingestion state machine, from names (functions' policies name it). */
export function ingestionStateMachineArn(deployment: Deployment): string {
  return deployment.arn('states', `stateMachine:${deployment.name(WorkflowName.ReportIngestion)}`);
}

// Name-built `live` alias ARNs rather than references: the definitions are then known at plan
// time, so `terraform plan` shows each definition in full (the machines still depend on the aliases).
function bindFunctions(
  deployment: Deployment,
  functions: AppFunctions,
  bindings: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bindings).map(([placeholder, id]) => [
      placeholder,
      deployment.arn('lambda', `function:${functions.get(id).functionName}:${LIVE_ALIAS}`),
    ]),
  );
}

function aliasesOf(functions: AppFunctions, bindings: Readonly<Record<string, string>>) {
  return Object.values(bindings).map((id) => functions.get(id).alias);
}

function startCrawlers(crawlerArns: readonly string[]): PolicyStatement[] {
  return [
    {
      Sid: 'StartDatasetCrawlers',
      Effect: 'Allow',
      Action: ['glue:StartCrawler'],
      Resource: [...crawlerArns],
    },
  ];
}

/**
 * The four state machines of libs/workflows, from the very definitions the local runner executes:
 * report ingestion (one execution per window), the fan-out that plans windows and runs them, the
 * retrieval of reports nobody waits for (settlements), and the catalog refresh (one execution per
 * partner and region, a Distributed Map over large chunk lists).
 */
export class Orchestration extends Construct {
  readonly ingestion: WorkflowStateMachine;
  readonly fanOut: WorkflowStateMachine;
  readonly retrieval: WorkflowStateMachine;
  readonly catalogRefresh: WorkflowStateMachine;

  constructor(scope: Construct, id: string, props: OrchestrationProps) {
    super(scope, id);
    const { deployment, functions } = props;

    const ingestionBindings = bindFunctions(deployment, functions, INGESTION_FUNCTION_BINDINGS);
    this.ingestion = new WorkflowStateMachine(this, 'report_ingestion', {
      deployment,
      name: WorkflowName.ReportIngestion,
      definition: bindPlaceholders(
        WorkflowName.ReportIngestion,
        props.templates.reportIngestion,
        ingestionBindings,
      ),
      invokedFunctionArns: Object.values(ingestionBindings),
      dependsOn: aliasesOf(functions, INGESTION_FUNCTION_BINDINGS),
      statements: startCrawlers(props.crawlerArns(CrawlerStarter.ReportIngestion)),
      logRetentionDays: props.logRetentionDays,
    });

    const ingestionArn = ingestionStateMachineArn(deployment);
    const ingestionExecutions = deployment.arn(
      'states',
      `execution:${this.ingestion.stateMachineName}:*`,
    );
    const fanOutBindings = bindFunctions(deployment, functions, FAN_OUT_FUNCTION_BINDINGS);
    this.fanOut = new WorkflowStateMachine(this, 'fan_out', {
      deployment,
      name: WorkflowName.FanOut,
      definition: bindPlaceholders(WorkflowName.FanOut, props.templates.fanOut, {
        ...fanOutBindings,
        [INGESTION_STATE_MACHINE_PLACEHOLDER]: ingestionArn,
      }),
      invokedFunctionArns: Object.values(fanOutBindings),
      dependsOn: [...aliasesOf(functions, FAN_OUT_FUNCTION_BINDINGS), this.ingestion.stateMachine],
      statements: [
        {
          Sid: 'StartIngestions',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: ingestionArn,
        },
        {
          Sid: 'AwaitAndDescribeIngestions',
          Effect: 'Allow',
          Action: ['states:DescribeExecution', 'states:StopExecution'],
          Resource: ingestionExecutions,
        },
        {
          // `.sync` integrations learn of the child's end through this managed rule.
          Sid: 'SyncIntegrationRule',
          Effect: 'Allow',
          Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          Resource: deployment.arn(
            'events',
            'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
          ),
        },
      ],
      logRetentionDays: props.logRetentionDays,
    });

    // The machine the notification consumer starts (its policy and environment name it by ARN).
    const retrievalBindings = bindFunctions(deployment, functions, RETRIEVAL_FUNCTION_BINDINGS);
    this.retrieval = new WorkflowStateMachine(this, 'report_retrieval', {
      deployment,
      name: WorkflowName.ReportRetrieval,
      definition: bindPlaceholders(
        WorkflowName.ReportRetrieval,
        props.templates.reportRetrieval,
        retrievalBindings,
      ),
      invokedFunctionArns: Object.values(retrievalBindings),
      dependsOn: aliasesOf(functions, RETRIEVAL_FUNCTION_BINDINGS),
      statements: startCrawlers(props.crawlerArns(CrawlerStarter.ReportRetrieval)),
      logRetentionDays: props.logRetentionDays,
    });

    // The Distributed Map runs its chunks as child executions of this very machine: its ARN and
    // its executions' are built from the name (a reference would make the role depend on the
    // machine that depends on the role).
    const catalogRefreshName = deployment.name(WorkflowName.CatalogRefresh);
    const catalogRefreshBindings = bindFunctions(
      deployment,
      functions,
      CATALOG_REFRESH_FUNCTION_BINDINGS,
    );
    this.catalogRefresh = new WorkflowStateMachine(this, 'catalog_refresh', {
      deployment,
      name: WorkflowName.CatalogRefresh,
      definition: bindPlaceholders(
        WorkflowName.CatalogRefresh,
        props.templates.catalogRefresh,
        catalogRefreshBindings,
      ),
      invokedFunctionArns: Object.values(catalogRefreshBindings),
      dependsOn: aliasesOf(functions, CATALOG_REFRESH_FUNCTION_BINDINGS),
      statements: [
        ...startCrawlers(props.crawlerArns(CrawlerStarter.CatalogRefresh)),
        {
          Sid: 'DistributedMapRunsChildExecutions',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: deployment.arn('states', `stateMachine:${catalogRefreshName}`),
        },
        {
          // A map run's child executions are `execution:<name>/<map run label>:<id>`. This
          // statement, StartExecution on the machine itself and s3:GetObject for the ItemReader
          // are the Distributed Map policy of
          // https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
          // (no ResultWriter here, so no s3:PutObject / multipart actions).
          Sid: 'DistributedMapAwaitsChildExecutions',
          Effect: 'Allow',
          Action: ['states:DescribeExecution', 'states:StopExecution'],
          Resource: deployment.arn('states', `execution:${catalogRefreshName}/*`),
        },
        {
          Sid: 'ReadChunkLists',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: `${props.curatedBucketArn}/${CATALOG_REFRESH_WORK_PREFIX}*`,
        },
        {
          Sid: 'LakeKeyThroughS3Read',
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: props.lakeKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': deployment.serviceHost('s3') } },
        },
      ],
      logRetentionDays: props.logRetentionDays,
    });
  }
}
