import aslValidator from 'asl-validator';

/** Stand-ins with the shape of real ARNs, so asl-validator can check `Resource` values. */
export function sampleArnFor(placeholderName: string): string {
  if (placeholderName.endsWith('_state_machine_arn')) {
    return `arn:aws:states:eu-west-1:123456789012:stateMachine:sample-${placeholderName}`;
  }
  return `arn:aws:lambda:eu-west-1:123456789012:function:sample-${placeholderName.replaceAll('_', '-')}:live`;
}

/**
 * asl-validator's findings for an exported definition (JSON text with placeholders), as text
 * ('' when valid). Placeholders are replaced by sample ARNs first; paths and ARNs are checked.
 */
export function exportedDefinitionErrors(definitionJson: string): string {
  const concrete = definitionJson.replace(/\$\{([a-z0-9_]+)\}/g, (_match, name: string) =>
    sampleArnFor(name),
  );
  const result = aslValidator(JSON.parse(concrete), { checkPaths: true, checkArn: true });
  return result.isValid ? '' : result.errorsText('; ');
}
