/**
 * Actions that support no resource-level permissions, so IAM only accepts them with
 * `"Resource": "*"`. Every statement with a `*` resource must list only these (a synth test checks).
 */
export const UNSCOPED_ACTIONS: ReadonlySet<string> = new Set([
  // X-Ray (Lambda and Step Functions active tracing).
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  // Step Functions logging to CloudWatch Logs goes through log deliveries.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  // Lake Formation vends credentials for registered locations; it has no resource types.
  'lakeformation:GetDataAccess',
  // Athena lists.
  'athena:ListWorkGroups',
]);
