import { Construct } from 'constructs';
import type { AppFunctions } from '../functions/app-functions';
import type { Deployment } from '../stack/deployment';
import { bindPlaceholders } from '../workflows/bind-placeholders';
import {
  FAN_OUT_FUNCTION_BINDINGS,
  INGESTION_FUNCTION_BINDINGS,
  INGESTION_STATE_MACHINE_PLACEHOLDER,
} from '../workflows/workflow-bindings';
import { WorkflowStateMachine } from './workflow-state-machine';

/** State machine names (after the prefix). */
export const WorkflowName = { ReportIngestion: 'report-ingestion', FanOut: 'fan-out' } as const;

/** The exported definitions (tools/asl-export output) the stack deploys. */
export interface WorkflowTemplates {
  readonly reportIngestion: string;
  readonly fanOut: string;
}

/** Options of {@link Orchestration}. */
export interface OrchestrationProps {
  readonly deployment: Deployment;
  readonly functions: AppFunctions;
  readonly templates: WorkflowTemplates;
  /** Crawlers the ingestion starts after a report lands. */
  readonly crawlerArns: readonly string[];
  readonly logRetentionDays: number;
}

/**
 * The ARN of the report retrieval state machine (RetrieveReport -> crawlers for reports nobody
 * waits for, e.g. settlements), from its name. libs/workflows has no definition for it yet: the
 * stack names it for the notification consumer and creates it once asl-export exports one.
 */
export function retrievalStateMachineArn(deployment: Deployment): string {
  return deployment.arn('states', `stateMachine:${deployment.name('report-retrieval')}`);
}

/** The ARN of the ingestion state machine, from names (functions' policies name it). */
export function ingestionStateMachineArn(deployment: Deployment): string {
  return deployment.arn('states', `stateMachine:${deployment.name(WorkflowName.ReportIngestion)}`);
}

function bindFunctions(
  functions: AppFunctions,
  bindings: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bindings).map(([placeholder, id]) => [placeholder, functions.get(id).aliasArn]),
  );
}

/**
 * The two state machines of libs/workflows, from the very definitions the local runner executes:
 * report ingestion (one execution per window) and the fan-out that plans windows and runs them.
 */
export class Orchestration extends Construct {
  readonly ingestion: WorkflowStateMachine;
  readonly fanOut: WorkflowStateMachine;

  constructor(scope: Construct, id: string, props: OrchestrationProps) {
    super(scope, id);
    const { deployment, functions } = props;

    const ingestionBindings = bindFunctions(functions, INGESTION_FUNCTION_BINDINGS);
    this.ingestion = new WorkflowStateMachine(this, 'report_ingestion', {
      deployment,
      name: WorkflowName.ReportIngestion,
      definition: bindPlaceholders(
        WorkflowName.ReportIngestion,
        props.templates.reportIngestion,
        ingestionBindings,
      ),
      invokedFunctionArns: Object.values(ingestionBindings),
      statements: [
        {
          Sid: 'StartDatasetCrawlers',
          Effect: 'Allow',
          Action: ['glue:StartCrawler'],
          Resource: [...props.crawlerArns],
        },
      ],
      logRetentionDays: props.logRetentionDays,
    });

    const ingestionArn = this.ingestion.stateMachine.arn;
    const ingestionExecutions = deployment.arn(
      'states',
      `execution:${this.ingestion.stateMachineName}:*`,
    );
    const fanOutBindings = bindFunctions(functions, FAN_OUT_FUNCTION_BINDINGS);
    this.fanOut = new WorkflowStateMachine(this, 'fan_out', {
      deployment,
      name: WorkflowName.FanOut,
      definition: bindPlaceholders(WorkflowName.FanOut, props.templates.fanOut, {
        ...fanOutBindings,
        [INGESTION_STATE_MACHINE_PLACEHOLDER]: ingestionArn,
      }),
      invokedFunctionArns: Object.values(fanOutBindings),
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
  }
}
