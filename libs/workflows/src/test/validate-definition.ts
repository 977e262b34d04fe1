import aslValidator from 'asl-validator';
import type { StateMachineDefinition } from '../asl';

/**
 * asl-validator's findings for a definition, as text ('' when valid). It validates a deep copy:
 * asl-validator writes a `QueryLanguage` into every state it sees.
 */
export function aslValidationErrors(definition: StateMachineDefinition): string {
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  return result.isValid ? '' : result.errorsText();
}
