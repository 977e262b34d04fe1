import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { SCHEDULE_PRESETS } from '@spapi-lake/config';
import { Fn, TerraformIterator, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceRole } from '../iam/service-role';
import type { Deployment } from '../stack/deployment';

/** What EventBridge Scheduler fills in with the invocation's scheduled time. */
export const SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

/**
 * Stands in for SCHEDULED_TIME inside `jsonencode`, which escapes `<` and `>` (`\u003c`) as Go's
 * encoder does: Scheduler would then never see its placeholder. `replace` puts it in afterwards.
 */
const SCHEDULED_TIME_TOKEN = '__aws_scheduler_scheduled_time__';

/** Options of {@link Schedules}. */
export interface SchedulesProps {
  readonly deployment: Deployment;
  /** The report configs JSON (the Terraform variable): one fan-out schedule per enabled config. */
  readonly reportConfigsJson: string;
  readonly fanOutStateMachineArn: string;
  /** The catalog refreshes JSON (the Terraform variable): one schedule per enabled refresh. */
  readonly catalogRefreshesJson: string;
  readonly catalogRefreshStateMachineArn: string;
  readonly tokenBrokerAliasArn: string;
  readonly subscriptionSetupAliasArn: string;
  /** The notification subscriber's `sweepSettlements` (getReports backstop for settlements). */
  readonly settlementSweepAliasArn: string;
  readonly clientSecretRotationSchedule: string;
  readonly credentialExpiryCheckSchedule: string;
  readonly subscriptionSetupSchedule: string;
  readonly settlementSweepSchedule: string;
}

/**
 * EventBridge Scheduler: one schedule per enabled report config (its `schedule`, presets expanded
 * as @spapi-lake/config does) starting the fan-out for that config, one per enabled catalog
 * refresh starting the catalog refresh with its request, the token broker's client secret rotation
 * and credential expiry check, the daily subscription setup and settlement sweep. All in one
 * group, with one role that may start those two state machines and invoke those three functions,
 * nothing else.
 */
export class Schedules extends Construct {
  readonly role: ServiceRole;
  readonly group: SchedulerScheduleGroup;
  readonly reportConfigSchedules: SchedulerSchedule;
  readonly catalogRefreshSchedules: SchedulerSchedule;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { deployment } = props;
    this.group = new SchedulerScheduleGroup(this, 'group', { name: deployment.namePrefix });
    this.role = new ServiceRole(this, 'scheduler', {
      roleName: deployment.name('scheduler'),
      description:
        'EventBridge Scheduler: starts the fan-out and catalog refreshes, invokes the token broker',
      service: 'scheduler.amazonaws.com',
      trustCondition: { StringEquals: { 'aws:SourceAccount': deployment.accountId } },
      statements: [
        {
          Sid: 'StartFanOut',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: props.fanOutStateMachineArn,
        },
        {
          Sid: 'StartCatalogRefreshes',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: props.catalogRefreshStateMachineArn,
        },
        {
          Sid: 'InvokeScheduledFunctions',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [
            props.tokenBrokerAliasArn,
            props.subscriptionSetupAliasArn,
            props.settlementSweepAliasArn,
          ],
        },
      ],
    });
    const retryPolicy = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 };
    const common = {
      groupName: this.group.name,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
    };

    // Enabled configs keyed by id; `schedule` presets map to their cron, anything else is already
    // a rate(...) or cron(...) expression (validated by the apps' schema and at synth).
    const presets = new TerraformLocal(this, 'schedule_presets', { ...SCHEDULE_PRESETS });
    // A map iterator over the decoded list (`key` is the index): a list iterator would wrap it in
    // toset(), which fails on configs of different shapes. Values keep only `schedule`.
    const enabledConfigs = TerraformIterator.fromMap(
      Fn.jsondecode(props.reportConfigsJson) as Record<string, unknown>,
    ).forExpressionForMap('val.id', '{ schedule = val.schedule } if try(val.enabled, true)');
    const configs = TerraformIterator.fromMap(enabledConfigs);
    const schedule = configs.getString('schedule');
    this.reportConfigSchedules = new SchedulerSchedule(this, 'report_config', {
      forEach: configs,
      name: configs.key,
      description: 'Fan-out of one report config',
      scheduleExpression: Fn.lookup(presets.asStringMap, schedule, schedule),
      target: {
        arn: props.fanOutStateMachineArn,
        roleArn: this.role.arn,
        input: Fn.replace(
          Fn.jsonencode({ scheduledTime: SCHEDULED_TIME_TOKEN, reportConfigIds: [configs.key] }),
          SCHEDULED_TIME_TOKEN,
          SCHEDULED_TIME,
        ),
        retryPolicy,
      },
      ...common,
    });

    // One execution per (partner, region) and run. The request's `asOf` defaults to the scheduled
    // time, so a run the scheduler retries writes the same `dt` partition. The input is encoded in
    // the for expression: every value then has one type, whatever the requests hold.
    const enabledRefreshes = TerraformIterator.fromMap(
      Fn.jsondecode(props.catalogRefreshesJson) as Record<string, unknown>,
    ).forExpressionForMap(
      'val.id',
      `{ schedule = val.schedule, input = replace(jsonencode(merge({ asOf = "${SCHEDULED_TIME_TOKEN}" }, val.request)), "${SCHEDULED_TIME_TOKEN}", "${SCHEDULED_TIME}") } if try(val.enabled, true)`,
    );
    const refreshes = TerraformIterator.fromMap(enabledRefreshes);
    const refreshSchedule = refreshes.getString('schedule');
    this.catalogRefreshSchedules = new SchedulerSchedule(this, 'catalog_refresh', {
      forEach: refreshes,
      name: `catalog-refresh-${refreshes.key}`,
      description: 'Catalog refresh of one partner and region',
      scheduleExpression: Fn.lookup(presets.asStringMap, refreshSchedule, refreshSchedule),
      target: {
        arn: props.catalogRefreshStateMachineArn,
        roleArn: this.role.arn,
        input: refreshes.getString('input'),
        retryPolicy,
      },
      ...common,
    });

    const invoke = (
      logicalId: string,
      name: string,
      expression: string,
      functionArn: string,
      input: object,
      description: string,
    ) =>
      new SchedulerSchedule(this, logicalId, {
        name,
        description,
        scheduleExpression: expression,
        target: {
          arn: functionArn,
          roleArn: this.role.arn,
          input: JSON.stringify(input),
          retryPolicy,
        },
        ...common,
      });
    invoke(
      'client_secret_rotation',
      'client-secret-rotation',
      props.clientSecretRotationSchedule,
      props.tokenBrokerAliasArn,
      { action: 'rotate' },
      'Token broker: rotate the LWA client secret',
    );
    invoke(
      'credential_expiry_check',
      'credential-expiry-check',
      props.credentialExpiryCheckSchedule,
      props.tokenBrokerAliasArn,
      { action: 'check-expiry' },
      'Token broker: client secret and refresh token ages',
    );
    // Destinations and subscriptions are idempotent: the daily run picks up new authorizations.
    invoke(
      'subscription_setup',
      'subscription-setup',
      props.subscriptionSetupSchedule,
      props.subscriptionSetupAliasArn,
      {},
      'SP-API destinations and subscriptions of every active account',
    );
    // A literal (not jsonencode): the placeholder's < and > reach Scheduler as they are.
    invoke(
      'settlement_sweep',
      'settlement-sweep',
      props.settlementSweepSchedule,
      props.settlementSweepAliasArn,
      { scheduledTime: SCHEDULED_TIME },
      'getReports sweep: retrieves settlement reports that have not landed',
    );
  }
}
