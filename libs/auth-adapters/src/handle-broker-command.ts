import {
  DEFAULT_EXPIRY_THRESHOLDS,
  ReauthorizationRequiredError,
  RefreshTokenNotFoundError,
  VendRequestInvalidError,
  type CredentialExpiryReport,
  type VendResponse,
  checkCredentialExpiry,
  parseVendRequest,
  rotateClientSecret,
  toVendFailure,
  vendAccessToken,
} from '@spapi-lake/auth';
import { isRetryable } from '@spapi-lake/core';
import { TokenBrokerEventError } from './errors';
import type { TokenBrokerDependencies } from './token-broker-dependencies';

/** Direct invocations: other functions (vend) and EventBridge Scheduler (rotate, check-expiry). */
export type BrokerCommand =
  | { readonly action: 'vend'; readonly [key: string]: unknown }
  | { readonly action: 'rotate' }
  | { readonly action: 'check-expiry' };

/** The answer to a rotate command. */
export interface RotateResult {
  readonly ok: true;
  readonly action: 'rotate';
}

/** What a command answers. */
export type BrokerCommandResult = VendResponse | RotateResult | CredentialExpiryReport;

/**
 * Runs one command. A vend failure is an answer (`{ ok: false, error }`), so the caller gets the
 * typed error; rotate and check-expiry failures throw, for the scheduler's retry policy.
 */
export async function handleBrokerCommand(
  deps: TokenBrokerDependencies,
  command: { readonly action: unknown },
): Promise<BrokerCommandResult> {
  switch (command.action) {
    case 'vend':
      return vend(deps, command);
    case 'rotate':
      await rotateClientSecret(deps);
      deps.logger.info('client secret rotation requested');
      return { ok: true, action: 'rotate' };
    case 'check-expiry': {
      const report = await checkCredentialExpiry(
        deps,
        deps.expiryThresholds ?? DEFAULT_EXPIRY_THRESHOLDS,
      );
      for (const warning of report.warnings) deps.logger.warn(warning);
      deps.logger.info('credential expiry checked', {
        clientSecretAgeDays: report.clientSecret.ageDays,
        refreshTokens: report.refreshTokens.length,
        warnings: report.warnings.length,
      });
      return report;
    }
    default:
      throw new TokenBrokerEventError(
        'Unknown action: the broker accepts { action: "vend" | "rotate" | "check-expiry" }',
      );
  }
}

async function vend(deps: TokenBrokerDependencies, command: unknown): Promise<VendResponse> {
  try {
    const request = parseVendRequest(command);
    const token = await vendAccessToken(deps, request.grant, {
      forceRefresh: request.forceRefresh === true,
    });
    return { ok: true, accessToken: token.accessToken, expiresAt: token.expiresAt };
  } catch (error) {
    if (error instanceof ReauthorizationRequiredError) {
      deps.logger.warn('selling partner must re-authorize', {
        sellingPartnerId: error.sellingPartnerId,
        region: error.region,
        recordedInAccountList: error.recorded,
      });
    } else if (
      isRetryable(error) ||
      error instanceof RefreshTokenNotFoundError ||
      error instanceof VendRequestInvalidError
    ) {
      // Transient, or the caller's mistake: the broker itself is fine.
      deps.logger.warn('token vending refused', { error });
    } else {
      deps.logger.error('token vending failed', { error });
    }
    return { ok: false, error: toVendFailure(error) };
  }
}
