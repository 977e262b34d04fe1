import type { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { type Clock, systemClock } from '@spapi-lake/core';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import { ConfigParameterUnavailableError } from './errors';
import type { ParameterSource } from './parameter-source';

/** Options of {@link PowertoolsSsmParameterSource}. */
export interface PowertoolsSsmParameterSourceOptions {
  /** How long a value (or its absence) is reused before SSM is asked again. */
  readonly maxAgeSeconds: number;
  /** Default: the provider's own SSMClient. */
  readonly client?: SSMClient;
  /** Times the cached absence of a parameter. */
  readonly clock?: Clock;
}

/**
 * SSM String parameters through Powertools Parameters, cached per container for `maxAgeSeconds`
 * (the fan-out runs hourly at most; a config change is picked up within that age). A missing
 * parameter is cached as missing too, so an optional one costs no call per invocation.
 */
export class PowertoolsSsmParameterSource implements ParameterSource {
  private readonly provider: SSMProvider;
  private readonly missingUntil = new Map<string, number>();
  private readonly clock: Clock;

  constructor(private readonly options: PowertoolsSsmParameterSourceOptions) {
    this.provider = new SSMProvider(
      options.client === undefined ? {} : { awsSdkV3Client: options.client },
    );
    this.clock = options.clock ?? systemClock;
  }

  async get(name: string): Promise<string | undefined> {
    const now = this.clock.now();
    if ((this.missingUntil.get(name) ?? 0) > now) return undefined;
    try {
      return await this.provider.get(name, { maxAge: this.options.maxAgeSeconds });
    } catch (error) {
      // Powertools wraps the SDK's error (GetParameterError) and keeps it as the cause.
      const failure = awsFailure(error instanceof Error && error.cause ? error.cause : error);
      if (failure.name === 'ParameterNotFound') {
        this.missingUntil.set(name, now + this.options.maxAgeSeconds * 1000);
        return undefined;
      }
      throw new ConfigParameterUnavailableError(
        `${describeAwsFailure('GetParameter', failure)} on ${name}`,
        { cause: error },
      );
    }
  }
}
