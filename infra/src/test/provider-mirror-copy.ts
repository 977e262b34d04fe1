/**
 * Arguments the shipped stack sets that the AWS provider only has from 6.28.0 on (resource type ->
 * arguments). Validating with an older provider means leaving exactly these out of a test copy.
 */
export const ARGUMENTS_NEWER_THAN_MIRROR: Readonly<Record<string, readonly string[]>> = {
  // The Function URL's invoke-only permission (lambda:InvokedViaFunctionUrl condition).
  aws_lambda_permission: ['invoked_via_function_url'],
};

type StackJson = Record<string, unknown> & {
  terraform: { required_providers: { aws: { version: string } } };
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

/** The test copy and what it changed, for the test to assert and report. */
export interface MirrorCopy {
  readonly json: string;
  readonly shippedConstraint: string;
  /** `type.name.argument` of every argument left out. */
  readonly removedArguments: readonly string[];
}

/**
 * A copy of the synthesized stack an older provider can load: its AWS provider constraint
 * replaced by `constraint` and the {@link ARGUMENTS_NEWER_THAN_MIRROR} removed. Nothing else
 * changes, so any other argument the older provider does not know still fails validation.
 */
export function copyForProviderMirror(synthesized: string, constraint: string): MirrorCopy {
  const stack = JSON.parse(synthesized) as StackJson;
  const shippedConstraint = stack.terraform.required_providers.aws.version;
  stack.terraform.required_providers.aws.version = constraint;
  const removedArguments: string[] = [];
  for (const [type, names] of Object.entries(ARGUMENTS_NEWER_THAN_MIRROR)) {
    for (const [name, config] of Object.entries(stack.resource[type] ?? {})) {
      for (const argument of names) {
        if (argument in config) {
          delete config[argument];
          removedArguments.push(`${type}.${name}.${argument}`);
        }
      }
    }
  }
  return { json: JSON.stringify(stack, null, 2), shippedConstraint, removedArguments };
}
