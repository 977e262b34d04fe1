/**
 * The subset of the Amazon States Language (JSONPath mode) the definitions use, as plain JSON-able
 * types: Terraform serialises them with `JSON.stringify`, aws-local-stepfunctions runs them as they are.
 */

/** Any JSON value. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A payload template (`Parameters`, `ResultSelector`, `ItemSelector`): keys ending `.$` are paths. */
export type PayloadTemplate = { readonly [key: string]: JsonValue };

/** One `Retry` entry. */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** One `Catch` entry. */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
}

/** A Choice rule (data-test expressions and And/Or/Not), `Next` only at the top level. */
export interface ChoiceRule {
  readonly Variable?: string;
  readonly StringEquals?: string;
  readonly BooleanEquals?: boolean;
  readonly NumericLessThanPath?: string;
  readonly NumericGreaterThanEquals?: number;
  readonly IsPresent?: boolean;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  readonly Next?: string;
}

/** A state; one interface with the fields of every type used (JSON-able, checked by asl-validator). */
export interface State {
  readonly Type: 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Map' | 'Succeed' | 'Fail';
  readonly Comment?: string;
  readonly Next?: string;
  readonly End?: true;
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly ResultPath?: string | null;
  readonly Parameters?: PayloadTemplate;
  readonly ResultSelector?: PayloadTemplate;
  readonly Result?: JsonValue;
  readonly Resource?: string;
  readonly TimeoutSeconds?: number;
  readonly HeartbeatSeconds?: number;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly Choices?: readonly ChoiceRule[];
  readonly Default?: string;
  readonly Seconds?: number;
  readonly SecondsPath?: string;
  readonly ItemsPath?: string;
  readonly ItemSelector?: PayloadTemplate;
  readonly ItemProcessor?: {
    readonly ProcessorConfig?: { readonly Mode: 'INLINE' };
    readonly StartAt: string;
    readonly States: { readonly [name: string]: State };
  };
  readonly MaxConcurrency?: number;
  readonly Error?: string;
  readonly ErrorPath?: string;
  readonly Cause?: string;
  readonly CausePath?: string;
}

/** A whole state machine definition. */
export interface StateMachineDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: { readonly [name: string]: State };
}
