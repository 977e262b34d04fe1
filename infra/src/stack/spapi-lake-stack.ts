import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  Fn,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  type TerraformElement,
} from 'cdktf';
import type { Construct, Node } from 'constructs';
import { CrawlerStarter, type CuratedDataset, DataCatalog } from '../catalog/data-catalog';
import { LakeFormationSettings } from '../catalog/lake-formation-settings';
import { LakeGovernance } from '../catalog/lake-governance';
import { QueryWorkgroup } from '../catalog/query-workgroup';
import { ConfigurationStore } from '../configuration/configuration-store';
import { StateTables } from '../configuration/state-tables';
import { AppArtifacts } from '../functions/app-artifacts';
import { AppFunctions } from '../functions/app-functions';
import { LIVE_ALIAS } from '../functions/app-function';
import { FUNCTION_CATALOG } from '../functions/function-catalog';
import {
  type AppName,
  EnvironmentSource,
  type FunctionSpec,
  QueueName,
  StateTableName,
} from '../functions/function-spec';
import type { GrantTargets } from '../functions/grant-targets';
import { LakeBuckets } from '../lake/lake-buckets';
import { LakeKeys } from '../lake/lake-keys';
import { Alarms } from '../monitoring/alarms';
import {
  ListingsEventRoute,
  listingsRuleArn,
  ruleSends,
} from '../notifications/listings-event-route';
import { NotificationQueue } from '../notifications/notification-queue';
import {
  Orchestration,
  type WorkflowTemplates,
  ingestionStateMachineArn,
  retrievalExecutionsArn,
  retrievalStateMachineArn,
} from '../orchestration/orchestration';
import { Schedules } from '../orchestration/schedules';
import { DeployManifest } from './deploy-manifest';
import { Deployment } from './deployment';
import { declareStackVariables } from './stack-variables';

/** Remote state in S3 (the default is a local state file next to the synthesized stack). */
export interface StateBackend {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/** Everything the stack is built from: Nx build outputs and the typed configuration. */
export interface SpapiLakeStackProps {
  /** tools/asl-export output: the definitions with `${placeholder}` ARNs. */
  readonly workflows: WorkflowTemplates;
  /** tools/asl-export `datasets.json`: the curated datasets (one crawler each). */
  readonly datasets: readonly CuratedDataset[];
  /** `dist/artifacts/<app>.zip` of every app. */
  readonly artifactZips: Readonly<Record<AppName, string>>;
  /** Default of `report_configs_json`, validated with @spapi-lake/config. */
  readonly defaultReportConfigsJson: string;
  readonly catalog?: readonly FunctionSpec[];
  readonly backend?: StateBackend;
}

/** The stack's name: the synthesized JSON is `cdktf.out/stacks/<name>/cdk.tf.json`. */
export const STACK_NAME = 'spapi-lake';

/**
 * The whole deployment of one stage: lake (keys, buckets), configuration and secrets, state tables,
 * functions, notifications, orchestration and schedules, catalog and governance, alarms. Stage
 * values are Terraform variables; the synth only needs build outputs.
 */
export class SpapiLakeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: SpapiLakeStackProps) {
    super(scope, id);
    const catalog = props.catalog ?? FUNCTION_CATALOG;
    const vars = declareStackVariables(this, {
      reportConfigsJson: props.defaultReportConfigsJson,
    });

    new AwsProvider(this, 'aws', {
      region: vars.region,
      defaultTags: [{ tags: { project: 'spapi-lake', stack: vars.namePrefix } }],
    });
    // The explicit Function URL invoke permission needs `invoked_via_function_url` (6.28.0).
    this.addOverride('terraform.required_providers.aws.version', '>= 6.28.0, < 7.0.0');
    this.addOverride('terraform.required_version', '>= 1.10.0');
    if (props.backend) {
      new S3Backend(this, { ...props.backend, encrypt: true });
      // S3-native state locking (Terraform >= 1.10): no DynamoDB lock table.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      // Outside cdktf.out, which a synth may replace: infra/.terraform-state/<stack>.tfstate.
      new LocalBackend(this, { path: `../../../.terraform-state/${id}.tfstate` });
    }

    const identity = new DataAwsCallerIdentity(this, 'caller');
    const partition = new DataAwsPartition(this, 'partition');
    const deployment = new Deployment(
      vars.namePrefix,
      partition.partition,
      identity.accountId,
      vars.region,
    );
    const parameterPrefix = `/${vars.namePrefix}`;

    const keys = new LakeKeys(this, 'keys', deployment);
    const buckets = new LakeBuckets(this, 'lake', deployment, keys.lake.arn);
    const configuration = new ConfigurationStore(this, 'configuration', {
      deployment,
      parameterPrefix,
      accountsJson: vars.accountsJson,
      reportConfigsJson: vars.reportConfigsJson,
      endpointsJson: vars.endpointsJson,
      secretsKeyArn: keys.secrets.arn,
    });
    const tables = new StateTables(this, 'state', deployment, keys.lake.arn);

    const consumerTimeout = (queue: QueueName) =>
      Math.max(
        30,
        ...catalog
          .filter((spec) => spec.queueTrigger?.queue === queue)
          .map((spec) => spec.timeoutSeconds),
      );
    const listingsRule = listingsRuleArn(deployment, vars.partnerEventSourceName);
    const notifications = new NotificationQueue(this, 'notifications', {
      deployment,
      queueName: deployment.name(QueueName.Notifications),
      kmsKeyArn: keys.lake.arn,
      sellingPartnerApiSends: true,
      visibilityTimeoutSeconds: 6 * consumerTimeout(QueueName.Notifications),
      extraStatements: (queueArn) => [ruleSends('ListingsRuleSends', queueArn, listingsRule)],
      extraDeadLetterStatements: (deadLetterQueueArn) => [
        ruleSends('ListingsRuleDeadLetters', deadLetterQueueArn, listingsRule),
      ],
    });
    const applicationNotifications = new NotificationQueue(this, 'application_notifications', {
      deployment,
      queueName: deployment.name(QueueName.ApplicationNotifications),
      kmsKeyArn: keys.lake.arn,
      sellingPartnerApiSends: true,
      visibilityTimeoutSeconds: 6 * consumerTimeout(QueueName.ApplicationNotifications),
    });
    // Filled by the notification consumer; drained by the catalog/listings fetcher (refreshListings).
    const listingRefresh = new NotificationQueue(this, 'listing_refresh', {
      deployment,
      queueName: deployment.name(QueueName.ListingRefresh),
      kmsKeyArn: keys.lake.arn,
      sellingPartnerApiSends: false,
      visibilityTimeoutSeconds: 6 * consumerTimeout(QueueName.ListingRefresh),
    });
    const listingsRoute = new ListingsEventRoute(this, 'listings_events', {
      deployment,
      partnerEventSourceName: vars.partnerEventSourceName,
      queueArn: notifications.arn,
      deadLetterQueueArn: notifications.deadLetterQueue.arn,
    });

    const lakeFormation = new LakeFormationSettings(this, 'lake_formation', {
      adminArns: vars.lakeAdminArns,
      callerArn: identity.arn,
    });
    const dataCatalog = new DataCatalog(this, 'catalog', {
      deployment,
      datasets: props.datasets,
      curatedBucketName: buckets.curated.name,
      crawlerSchedule: vars.crawlerSchedule,
      dependsOn: [lakeFormation.settings],
    });

    const tokenBroker = catalog.find((spec) => spec.functionUrl);
    const tokenBrokerAliasArn = deployment.arn(
      'lambda',
      `function:${deployment.name(tokenBroker?.id ?? 'token-broker')}:${LIVE_ALIAS}`,
    );
    const secretArnPattern = (name: string) => deployment.arn('secretsmanager', `secret:${name}`);
    const grantTargets: GrantTargets = {
      deployment,
      lakeKeyArn: keys.lake.arn,
      secretsKeyArn: keys.secrets.arn,
      bucketArns: { raw: buckets.raw.arn, curated: buckets.curated.arn },
      // The datasets a report workflow lands (and crawls): the report retriever's to write.
      reportDatasets: props.datasets
        .filter((dataset) =>
          dataset.crawlerStartedBy.some(
            (starter) =>
              starter === CrawlerStarter.ReportIngestion ||
              starter === CrawlerStarter.ReportRetrieval,
          ),
        )
        .map((dataset) => dataset.name),
      configurationParameterArns: {
        accounts: configuration.accounts.arn,
        reportConfigs: configuration.reportConfigs.arn,
        endpoints: deployment.arn('ssm', `parameter${configuration.endpointsParameterName}`),
      },
      lwaSecretArns: {
        clientCredentials: configuration.clientCredentials.arn,
        stateSigningKey: configuration.stateSigningKey.arn,
        refreshTokens: secretArnPattern(`${configuration.refreshTokenSecretPrefix}/*`),
      },
      tableArns: tables.arns(),
      queueArns: {
        [QueueName.Notifications]: notifications.arn,
        [QueueName.ApplicationNotifications]: applicationNotifications.arn,
        [QueueName.ListingRefresh]: listingRefresh.arn,
      },
      tokenBrokerAliasArn,
      ingestionStateMachineArn: ingestionStateMachineArn(deployment),
      retrievalStateMachineArn: retrievalStateMachineArn(deployment),
      retrievalExecutionsArn: retrievalExecutionsArn(deployment),
    };
    const tableName = (name: StateTableName) => tables.tables[name].name;

    const functions = new AppFunctions(this, 'functions', {
      deployment,
      catalog,
      artifacts: new AppArtifacts(this, 'artifacts', props.artifactZips),
      grantTargets,
      logRetentionDays: vars.logRetentionDays,
      environmentValues: {
        [EnvironmentSource.ParameterPrefix]: parameterPrefix,
        [EnvironmentSource.RawBucket]: buckets.raw.name,
        [EnvironmentSource.CuratedBucket]: buckets.curated.name,
        [EnvironmentSource.CrawlerNamePrefix]: dataCatalog.crawlerNamePrefix,
        [EnvironmentSource.LakeKmsKeyId]: keys.lake.arn,
        [EnvironmentSource.TokenBrokerFunction]: tokenBrokerAliasArn,
        [EnvironmentSource.RetrievalStateMachineArn]: retrievalStateMachineArn(deployment),
        [EnvironmentSource.NotificationQueueArn]: notifications.arn,
        [EnvironmentSource.ListingRefreshQueueUrl]: listingRefresh.queue.url,
        [EnvironmentSource.EventBridgeAccountId]: identity.accountId,
        // The partner bus and its rule live in this stack's region, whatever the SP-API region.
        [EnvironmentSource.EventBridgeRegions]: JSON.stringify({
          NA: vars.region,
          EU: vars.region,
          FE: vars.region,
        }),
        [EnvironmentSource.LaneStateTable]: tableName(StateTableName.LaneStates),
        [EnvironmentSource.ReportRequestTable]: tableName(StateTableName.ReportRequests),
        [EnvironmentSource.NotificationStateTable]: tableName(StateTableName.NotificationState),
        [EnvironmentSource.IdempotencyTable]: tableName(StateTableName.Idempotency),
        [EnvironmentSource.UsedStateTable]: tableName(StateTableName.UsedStates),
        [EnvironmentSource.SkuRefreshTable]: tableName(StateTableName.SkuRefreshes),
        [EnvironmentSource.LwaClientSecretId]: configuration.clientCredentials.name,
        [EnvironmentSource.StateSigningKeySecretId]: configuration.stateSigningKey.name,
        [EnvironmentSource.RefreshTokenSecretPrefix]: configuration.refreshTokenSecretPrefix,
        [EnvironmentSource.SecretsKmsKeyId]: keys.secrets.arn,
        [EnvironmentSource.SpApiApplicationId]: vars.spApiApplicationId,
        [EnvironmentSource.OAuthRedirectUri]: vars.oauthRedirectUri,
        [EnvironmentSource.AppDraft]: Fn.tostring(vars.spApiAppDraft),
        [EnvironmentSource.RotationRegion]: vars.rotationRegion,
        [EnvironmentSource.MetricsNamespace]: 'spapi-lake',
      },
    });

    const orchestration = new Orchestration(this, 'orchestration', {
      deployment,
      functions,
      templates: props.workflows,
      crawlerArns: (starter) => dataCatalog.crawlerArns(deployment, starter),
      curatedBucketArn: buckets.curated.arn,
      lakeKeyArn: keys.lake.arn,
      logRetentionDays: vars.logRetentionDays,
    });
    new Schedules(this, 'schedules', {
      deployment,
      reportConfigsJson: vars.reportConfigsJson,
      fanOutStateMachineArn: orchestration.fanOut.stateMachine.arn,
      catalogRefreshesJson: vars.catalogRefreshesJson,
      catalogRefreshStateMachineArn: orchestration.catalogRefresh.stateMachine.arn,
      tokenBrokerAliasArn,
      subscriptionSetupAliasArn: functions.get('setup-subscriptions').aliasArn,
      settlementSweepAliasArn: functions.get('sweep-settlements').aliasArn,
      clientSecretRotationSchedule: vars.clientSecretRotationSchedule,
      credentialExpiryCheckSchedule: vars.credentialExpiryCheckSchedule,
      subscriptionSetupSchedule: vars.subscriptionSetupSchedule,
      settlementSweepSchedule: vars.settlementSweepSchedule,
    });

    const workgroup = new QueryWorkgroup(this, 'query', {
      deployment,
      resultsBucketName: buckets.athenaResults.name,
      lakeKeyArn: keys.lake.arn,
      bytesScannedCutoffPerQuery: vars.athenaBytesScannedCutoff,
    });
    const governance = new LakeGovernance(this, 'governance', {
      deployment,
      curatedBucketArn: buckets.curated.arn,
      lakeKeyArn: keys.lake.arn,
      databaseName: dataCatalog.database.name,
      crawlerRoleArn: dataCatalog.crawlerRole.arn,
      analystPrincipalArns: vars.analystPrincipalArns,
      athenaWorkgroupArn: workgroup.workgroup.arn,
      athenaResultsBucketArn: buckets.athenaResults.arn,
      dependsOn: [lakeFormation.settings, dataCatalog.database],
    });

    new Alarms(this, 'alarms', {
      deployment,
      deadLetterQueues: [
        { id: QueueName.Notifications, name: notifications.deadLetterQueue.name },
        {
          id: QueueName.ApplicationNotifications,
          name: applicationNotifications.deadLetterQueue.name,
        },
        { id: QueueName.ListingRefresh, name: listingRefresh.deadLetterQueue.name },
      ],
      stateMachineArns: [
        { id: 'report_ingestion', arn: orchestration.ingestion.stateMachine.arn },
        { id: 'fan_out', arn: orchestration.fanOut.stateMachine.arn },
        { id: 'report_retrieval', arn: orchestration.retrieval.stateMachine.arn },
        { id: 'catalog_refresh', arn: orchestration.catalogRefresh.stateMachine.arn },
      ],
      functions: functions.all().map((fn) => ({ id: fn.spec.id, functionName: fn.functionName })),
      eventRules: [listingsRoute.alarmedRule],
      actionArns: vars.alarmActionArns,
    });

    const manifest = new DeployManifest(this, 'deploy_manifest', {
      parameterName: `${parameterPrefix}/deploy/manifest`,
      catalog,
      functions,
      artifactBucketName: buckets.artifacts.name,
    });

    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output(
      'token_broker_url',
      functions.functionUrl?.functionUrl ?? '',
      'Function URL of the token broker: register <url>callback as the OAuth redirect URI',
    );
    output(
      'notification_queue_arn',
      notifications.arn,
      'SQS destination for createDestination (REPORT_PROCESSING_FINISHED)',
    );
    output(
      'application_notification_queue_arn',
      applicationNotifications.arn,
      'Queue to register in the Developer Console for APPLICATION_OAUTH_* notifications',
    );
    output(
      'deploy_manifest_parameter',
      manifest.parameter.name,
      'SPAPI_LAKE_DEPLOY_MANIFEST for nx deploy targets',
    );
    output(
      'catalog_refresh_state_machine_arn',
      orchestration.catalogRefresh.stateMachine.arn,
      'Catalog refresh state machine (one execution per partner and region)',
    );
    output('raw_bucket', buckets.raw.name, 'Raw zone bucket');
    output('curated_bucket', buckets.curated.name, 'Curated zone bucket');
    output('glue_database', dataCatalog.database.name, 'Glue database of the curated datasets');
    output('athena_workgroup', workgroup.workgroup.name, 'Athena workgroup for analysts');
    output('analyst_role_arn', governance.analystRole.arn, 'Role analysts assume to query');
    output(
      'fan_out_state_machine_arn',
      orchestration.fanOut.stateMachine.arn,
      'Fan-out state machine',
    );
    output(
      'lwa_client_credentials_secret',
      configuration.clientCredentials.name,
      'Put {"clientId","clientSecret"} here before the first run',
    );
    output(
      'state_signing_key_secret',
      configuration.stateSigningKey.name,
      'Put a random string of 32+ characters here before the first authorization',
    );
  }

  /**
   * Readable, stable Terraform names from the construct path (`lake/raw/bucket` ->
   * `lake_raw_bucket`) instead of cdktf's hashed ids: plans and state addresses read like the code.
   */
  protected override allocateLogicalId(tfElement: TerraformElement | Node): string {
    const node = 'node' in tfElement ? tfElement.node : tfElement;
    return node.scopes
      .slice(2)
      .map((scope) => scope.node.id)
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_');
  }
}
