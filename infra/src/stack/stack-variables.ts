import { type IResolvable, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';

/** Defaults that come from the typed configuration at synth time. */
export interface VariableDefaults {
  /** Report configs JSON, validated with @spapi-lake/config. */
  readonly reportConfigsJson: string;
}

/** The stack's Terraform variables (values are Terraform references). */
export interface StackVariables {
  readonly namePrefix: string;
  readonly region: string;
  readonly spApiApplicationId: string;
  readonly spApiAppDraft: IResolvable;
  readonly oauthRedirectUri: string;
  readonly rotationRegion: string;
  readonly partnerEventSourceName: string;
  readonly accountsJson: string;
  readonly reportConfigsJson: string;
  readonly catalogRefreshesJson: string;
  readonly endpointsJson: string;
  readonly lakeAdminArns: string[];
  readonly analystPrincipalArns: string[];
  readonly alarmActionArns: string[];
  readonly logRetentionDays: number;
  readonly crawlerSchedule: string;
  readonly clientSecretRotationSchedule: string;
  readonly credentialExpiryCheckSchedule: string;
  readonly subscriptionSetupSchedule: string;
  readonly settlementSweepSchedule: string;
  readonly athenaBytesScannedCutoff: number;
}

// "Is a JSON array": `tolist(jsondecode(…))` fails for arrays whose elements differ in shape (report
// configs with and without `reportOptions`), which made the default report configs fail their own
// validation; `concat(…, [])` accepts any JSON array (a tuple) and refuses objects and scalars.
const jsonArray = (name: string) => `concat(jsondecode(var.${name}), [])`;
const isJsonArray = (name: string) => `can(${jsonArray(name)})`;
/** The elements of a JSON array variable, `[]` when it is none (conditions do not short-circuit). */
const elementsOf = (name: string) => `try(${jsonArray(name)}, [])`;

const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096];

/**
 * Declares the variables that parametrise a stage. Nothing secret is a variable: secrets are
 * created empty and filled outside Terraform.
 */
export function declareStackVariables(
  scope: Construct,
  defaults: VariableDefaults,
): StackVariables {
  const variable = (
    name: string,
    config: ConstructorParameters<typeof TerraformVariable>[2],
  ): TerraformVariable => {
    const declared = new TerraformVariable(scope, name, config);
    declared.overrideLogicalId(name);
    return declared;
  };
  const schedule = (name: string, description: string, fallback: string) =>
    variable(name, {
      type: 'string',
      description,
      default: fallback,
      validation: [
        {
          condition: `\${can(regex("^(rate|cron)\\\\(.+\\\\)$", var.${name}))}`,
          errorMessage: `${name} must be an EventBridge rate(...) or cron(...) expression.`,
        },
      ],
    });

  return {
    namePrefix: variable('name_prefix', {
      type: 'string',
      description:
        'Prefix of every resource name and of the SSM parameters (/<prefix>/…), e.g. spapi-lake-prod.',
      validation: [
        {
          condition:
            '${can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix)) && !startswith(var.name_prefix, "aws") && !startswith(var.name_prefix, "ssm")}',
          errorMessage:
            'name_prefix: 3-32 lowercase letters, digits and hyphens, starting with a letter, not with "aws" or "ssm".',
        },
      ],
    }).stringValue,
    region: variable('region', {
      type: 'string',
      description: 'AWS region of the stack, e.g. eu-west-1.',
    }).stringValue,
    spApiApplicationId: variable('spapi_application_id', {
      type: 'string',
      description: 'The SP-API application id (amzn1.sp.solution.…), from the Developer Console.',
      validation: [
        {
          condition: '${startswith(var.spapi_application_id, "amzn1.sp.solution.")}',
          errorMessage: 'spapi_application_id must start with amzn1.sp.solution.',
        },
      ],
    }).stringValue,
    spApiAppDraft: variable('spapi_app_draft', {
      type: 'bool',
      description: 'true while the application is a draft (consent URLs carry version=beta).',
      default: false,
    }).booleanValue,
    oauthRedirectUri: variable('oauth_redirect_uri', {
      type: 'string',
      description:
        'The OAuth redirect URI registered for the application; it must reach the token broker /callback (output token_broker_url).',
      validation: [
        {
          condition: '${startswith(var.oauth_redirect_uri, "https://")}',
          errorMessage: 'oauth_redirect_uri must be an https URL.',
        },
      ],
    }).stringValue,
    rotationRegion: variable('rotation_region', {
      type: 'string',
      description: 'SP-API region (NA, EU, FE) whose endpoint rotates the LWA client secret.',
      default: 'NA',
      validation: [
        {
          condition: '${contains(["NA", "EU", "FE"], var.rotation_region)}',
          errorMessage: 'rotation_region must be NA, EU or FE.',
        },
      ],
    }).stringValue,
    partnerEventSourceName: variable('partner_event_source_name', {
      type: 'string',
      description:
        'The SP-API partner event source (aws.partner/sellingpartnerapi.amazon.com/<account>/<app>) made by createDestination; "" until it exists.',
      default: '',
      validation: [
        {
          condition:
            '${var.partner_event_source_name == "" || startswith(var.partner_event_source_name, "aws.partner/sellingpartnerapi.amazon.com/")}',
          errorMessage:
            'partner_event_source_name must be "" or start with aws.partner/sellingpartnerapi.amazon.com/.',
        },
      ],
    }).stringValue,
    accountsJson: variable('accounts_json', {
      type: 'string',
      description:
        'Initial account list (JSON, @spapi-lake/config AccountsSchema); the token broker adds authorizations, Terraform never overwrites them.',
      default: '[]',
      validation: [
        {
          condition: `\${${isJsonArray('accounts_json')}}`,
          errorMessage: 'accounts_json must be a JSON array.',
        },
      ],
    }).stringValue,
    reportConfigsJson: variable('report_configs_json', {
      type: 'string',
      description:
        'Report configs (JSON, @spapi-lake/config ReportConfigsSchema); the default is infra/config/report-configs.json, validated at synth.',
      default: defaults.reportConfigsJson,
      validation: [
        {
          condition: `\${${isJsonArray('report_configs_json')} && alltrue([for c in ${elementsOf('report_configs_json')} : can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", c.id)) && can(tostring(c.schedule))])}`,
          errorMessage:
            'report_configs_json must be a JSON array of report configs, each with a slug id and a schedule.',
        },
      ],
    }).stringValue,
    catalogRefreshesJson: variable('catalog_refreshes_json', {
      type: 'string',
      description:
        'Scheduled catalog refreshes (JSON array of { id, schedule, enabled?, request }): one schedule each, starting the catalog refresh with `request` (a @spapi-lake/catalog CatalogRefreshRequest, one partner and region).',
      default: '[]',
      validation: [
        {
          condition: `\${${isJsonArray('catalog_refreshes_json')} && alltrue([for r in ${elementsOf('catalog_refreshes_json')} : can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", r.id)) && length(try(r.id, "")) <= 48 && can(tostring(r.schedule)) && can(tostring(r.request.sellingPartnerId)) && contains(["NA", "EU", "FE"], try(r.request.region, "")) && length(try(r.request.marketplaceIds, [])) > 0])}`,
          errorMessage:
            'catalog_refreshes_json must be a JSON array of { id (slug, at most 48 characters), schedule, request: { sellingPartnerId, region (NA, EU, FE), marketplaceIds, … } }.',
        },
      ],
    }).stringValue,
    endpointsJson: variable('endpoints_json', {
      type: 'string',
      description:
        'Endpoint overrides (JSON, @spapi-lake/config EndpointOverridesSchema); "" = Amazon production.',
      default: '',
      validation: [
        {
          condition: '${var.endpoints_json == "" || can(keys(jsondecode(var.endpoints_json)))}',
          errorMessage: 'endpoints_json must be "" or a JSON object.',
        },
      ],
    }).stringValue,
    lakeAdminArns: variable('lake_admin_arns', {
      type: 'list(string)',
      description:
        'Lake Formation administrators besides the role Terraform runs as (IAM role or user ARNs).',
      default: [],
    }).listValue,
    analystPrincipalArns: variable('analyst_principal_arns', {
      type: 'list(string)',
      description:
        'Principals that may assume the analyst role; empty = any IAM principal of this account allowed to.',
      default: [],
    }).listValue,
    alarmActionArns: variable('alarm_action_arns', {
      type: 'list(string)',
      description: 'Alarm and OK actions (e.g. an SNS topic ARN).',
      default: [],
    }).listValue,
    logRetentionDays: variable('log_retention_days', {
      type: 'number',
      description: 'Retention of the Lambda and Step Functions log groups.',
      default: 30,
      validation: [
        {
          condition: `\${contains([${LOG_RETENTION_DAYS.join(', ')}], var.log_retention_days)}`,
          errorMessage: 'log_retention_days must be a CloudWatch Logs retention value.',
        },
      ],
    }).numberValue,
    crawlerSchedule: schedule(
      'crawler_schedule',
      'When the crawlers run besides after each report (a backstop for new partitions).',
      'cron(30 3 * * ? *)',
    ).stringValue,
    clientSecretRotationSchedule: schedule(
      'client_secret_rotation_schedule',
      'When the token broker rotates the LWA client secret (Amazon requires at least every 180 days).',
      'rate(90 days)',
    ).stringValue,
    credentialExpiryCheckSchedule: schedule(
      'credential_expiry_check_schedule',
      'When the token broker checks client secret and refresh token ages.',
      'rate(1 day)',
    ).stringValue,
    subscriptionSetupSchedule: schedule(
      'subscription_setup_schedule',
      'When SP-API destinations and subscriptions are checked for every active account.',
      'rate(1 day)',
    ).stringValue,
    // Amazon keeps a settlement report 90 days; daily listing leaves room for failed retries.
    settlementSweepSchedule: schedule(
      'settlement_sweep_schedule',
      'When getReports is swept for settlement reports that have not landed (at least daily).',
      'rate(1 day)',
    ).stringValue,
    athenaBytesScannedCutoff: variable('athena_bytes_scanned_cutoff', {
      type: 'number',
      description: 'Bytes one Athena query may scan in the workgroup before it is cancelled.',
      default: 10 * 1024 ** 3,
    }).numberValue,
  };
}
