import { Region, parseEnvironment } from '@spapi-lake/config';
import { z } from 'zod';

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The token broker's environment (set by infra on the Lambda function). */
export const TokenBrokerEnvironment = z.object({
  /** SSM prefix of the pipeline's configuration, e.g. `/spapi-lake/prod`. */
  PARAMETER_PREFIX: z.string().min(1),
  /** Secrets Manager id of the LWA client credentials `{"clientId","clientSecret"}`. */
  LWA_CLIENT_SECRET_ID: z.string().min(1),
  /** Secrets Manager id of the state signing key (random, 32+ characters). */
  STATE_SIGNING_KEY_SECRET_ID: z.string().min(1),
  /** Refresh tokens are stored as `<prefix>/<sellingPartnerId>/<region>`. */
  REFRESH_TOKEN_SECRET_PREFIX: z.string().min(1),
  /** KMS key of the refresh token secrets the broker creates. */
  SECRETS_KMS_KEY_ID: z.string().optional(),
  /** DynamoDB table of used authorization states (partition key `pk`, TTL `expiresAt`). */
  USED_STATE_TABLE: z.string().min(1),
  /** The SP-API application id, `amzn1.sp.solution.…`. */
  SP_API_APPLICATION_ID: z.string().regex(/^amzn1\.sp\.solution\./, {
    error: 'must be an SP-API application id (amzn1.sp.solution.…)',
  }),
  /** The OAuth redirect URI registered for the application; it must reach `/callback`. */
  REDIRECT_URI: httpsUrl,
  /** `true` while the application is a draft: consent URLs carry `version=beta`. */
  APP_DRAFT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  STATE_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  /** Consent page bases instead of Amazon's (a test site or the simulator). */
  SELLER_CENTRAL_BASE_URL: baseUrl.optional(),
  VENDOR_CENTRAL_BASE_URL: baseUrl.optional(),
  /** The SP-API region whose endpoint answers rotateApplicationClientSecret. */
  ROTATION_REGION: z.enum(Region).default('NA'),
  METRICS_NAMESPACE: z.string().min(1).default('spapi-lake'),
});

/** The validated environment. */
export type TokenBrokerConfig = z.output<typeof TokenBrokerEnvironment>;

/** Validates `env` (default: the process environment); throws a ConfigurationError naming each bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TokenBrokerConfig {
  return parseEnvironment(TokenBrokerEnvironment, env);
}
