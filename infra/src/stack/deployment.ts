/**
 * Where the stack is deployed, as Terraform expressions: the name prefix variable and the
 * partition, account and region data sources. Builds names and ARNs from them, so that resources
 * can name each other without a reference cycle (e.g. a function's policy naming a state machine
 * whose definition names the function).
 */
export class Deployment {
  constructor(
    readonly namePrefix: string,
    readonly partition: string,
    readonly accountId: string,
    readonly region: string,
  ) {}

  /** `<prefix>-<suffix>`, e.g. `spapi-lake-prod-create-report`. */
  name(suffix: string): string {
    return `${this.namePrefix}-${suffix}`;
  }

  /** A regional ARN in this account: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string): string {
    return `arn:${this.partition}:${service}:${this.region}:${this.accountId}:${resource}`;
  }

  /** An IAM (global) ARN in this account. */
  iamArn(resource: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:${resource}`;
  }

  /** An S3 ARN (no region, no account). */
  s3Arn(resource: string): string {
    return `arn:${this.partition}:s3:::${resource}`;
  }

  /** The regional endpoint host of a service, for `kms:ViaService` conditions. */
  serviceHost(service: string): string {
    return `${service}.${this.region}.amazonaws.com`;
  }
}
