/** An IAM condition block: operator -> key -> value(s). */
export type PolicyCondition = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

/** A principal of a resource or trust policy. */
export type PolicyPrincipal =
  | '*'
  | { readonly AWS: string | readonly string[] }
  | { readonly Service: string | readonly string[] };

/** One IAM policy statement; actions are always listed one by one (never `service:*`). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly Action: readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

/**
 * A policy document as JSON text. Resource strings may hold cdktf tokens (`${aws_s3_bucket.x.arn}`):
 * they stay interpolations in the synthesized string and Terraform fills them in.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
