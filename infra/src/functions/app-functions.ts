import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import type { Deployment } from '../stack/deployment';
import type { AppArtifacts } from './app-artifacts';
import { AppFunction, LIVE_ALIAS } from './app-function';
import type { EnvironmentSource, FunctionSpec } from './function-spec';
import { grantsStatements } from './grant-statements';
import type { GrantTargets } from './grant-targets';

/** Options of {@link AppFunctions}. */
export interface AppFunctionsProps {
  readonly deployment: Deployment;
  readonly catalog: readonly FunctionSpec[];
  readonly artifacts: AppArtifacts;
  readonly environmentValues: Readonly<Record<EnvironmentSource, string>>;
  readonly grantTargets: GrantTargets;
  readonly logRetentionDays: number;
}

/**
 * Every function of the catalog, with its queue triggers (event source mappings on the live alias,
 * partial batch responses) and, for the token broker, the public Function URL of the LWA
 * authorization flow.
 */
export class AppFunctions extends Construct {
  private readonly functions = new Map<string, AppFunction>();
  readonly functionUrl?: LambdaFunctionUrl;

  constructor(scope: Construct, id: string, props: AppFunctionsProps) {
    super(scope, id);
    for (const spec of props.catalog) {
      if (this.functions.has(spec.id)) throw new Error(`function id ${spec.id} is used twice`);
      const scopeId = spec.id.replaceAll('-', '_');
      const fn = new AppFunction(this, scopeId, {
        deployment: props.deployment,
        spec,
        artifact: props.artifacts.of(spec.app),
        environment: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: spec.app,
          ...Object.fromEntries(
            Object.entries(spec.environment).map(([name, source]) => [
              name,
              props.environmentValues[source],
            ]),
          ),
          ...spec.fixedEnvironment,
        },
        statements: grantsStatements(spec.grants, props.grantTargets),
        logRetentionDays: props.logRetentionDays,
      });
      this.functions.set(spec.id, fn);

      if (spec.queueTrigger) {
        const trigger = spec.queueTrigger;
        new LambdaEventSourceMapping(fn, 'queue_trigger', {
          functionName: fn.aliasArn,
          eventSourceArn: props.grantTargets.queueArns[trigger.queue],
          batchSize: trigger.batchSize,
          maximumBatchingWindowInSeconds: trigger.maximumBatchingWindowSeconds,
          functionResponseTypes: ['ReportBatchItemFailures'],
          scalingConfig: { maximumConcurrency: trigger.maximumConcurrency },
          // The mapping polls with the function's role: its SQS grant must exist first.
          dependsOn: [fn.role.policy],
        });
      }
      if (spec.functionUrl) {
        this.functionUrl = publicFunctionUrl(fn);
      }
    }
  }

  /** The function with catalog id `id`. */
  get(id: string): AppFunction {
    const fn = this.functions.get(id);
    if (!fn) throw new Error(`no function ${id} in the catalog`);
    return fn;
  }

  /** Every function, in catalog order. */
  all(): AppFunction[] {
    return [...this.functions.values()];
  }
}

// Seller Central redirects the partner's browser to /callback: the URL must be public (auth NONE);
// the broker checks the signed, single-use state itself. Since October 2025 a NONE URL needs both
// statements; the second is limited to calls through the URL, so the function cannot be invoked
// directly by anyone.
function publicFunctionUrl(fn: AppFunction): LambdaFunctionUrl {
  const url = new LambdaFunctionUrl(fn, 'url', {
    functionName: fn.function.functionName,
    qualifier: LIVE_ALIAS,
    authorizationType: 'NONE',
    invokeMode: 'BUFFERED',
    dependsOn: [fn.alias],
  });
  new LambdaPermission(fn, 'url_public_access', {
    statementId: 'FunctionUrlPublicAccess',
    action: 'lambda:InvokeFunctionUrl',
    principal: '*',
    functionName: fn.function.functionName,
    qualifier: LIVE_ALIAS,
    functionUrlAuthType: 'NONE',
    dependsOn: [fn.alias],
  });
  const invokeThroughUrl = new LambdaPermission(fn, 'url_invoke_only', {
    statementId: 'FunctionUrlInvokeOnly',
    action: 'lambda:InvokeFunction',
    principal: '*',
    functionName: fn.function.functionName,
    qualifier: LIVE_ALIAS,
    dependsOn: [fn.alias],
  });
  // AWS provider >= 6.28 (the bindings here are 6.25): the `lambda:InvokedViaFunctionUrl` condition.
  invokeThroughUrl.addOverride('invoked_via_function_url', true);
  return url;
}
