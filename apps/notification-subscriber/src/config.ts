import { Region, parseEnvironment } from '@spapi-lake/config';
import {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  DEFAULT_OUTCOME_TTL_MS,
  DEFAULT_WAITER_TTL_MS,
  REPORT_RETENTION_DAYS,
} from '@spapi-lake/notification-subscriber-handlers';
import { z } from 'zod';

type Env = Readonly<Record<string, string | undefined>>;

/** The notification state table: waiters, early outcomes and the subscription directory. */
const NOTIFICATION_STATE_TABLE = z.string().min(1);
const seconds = (fallbackMs: number) =>
  z.coerce
    .number()
    .int()
    .min(60)
    .default(fallbackMs / 1000);

/** Default AWS region of the EventBridge destination per SP-API region. */
export const DEFAULT_EVENTBRIDGE_REGIONS: Readonly<Record<Region, string>> = {
  NA: 'us-east-1',
  EU: 'eu-west-1',
  FE: 'us-west-2',
};

const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region' });
const eventBridgeRegions = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(Region), awsRegion))
  .optional()
  .transform((regions) => ({ ...DEFAULT_EVENTBRIDGE_REGIONS, ...regions }));

/** Environment of `setupSubscriptions`. */
export const SetupEnvironment = z.object({
  /** SSM prefix of the pipeline's configuration (accounts, endpoint overrides). */
  PARAMETER_PREFIX: z.string().min(1),
  /** The token broker function (grantless and partner tokens are vended there). */
  TOKEN_BROKER_FUNCTION: z.string().min(1),
  /** The standard SQS queue SP-API delivers REPORT_PROCESSING_FINISHED to. */
  NOTIFICATION_QUEUE_ARN: z
    .string()
    .regex(/^arn:aws:sqs:\S+:\S+:\S+$/, { error: 'must be an SQS queue ARN' }),
  /** The AWS account receiving the EventBridge partner event source of the listings types. */
  EVENTBRIDGE_ACCOUNT_ID: z.string().regex(/^\d{12}$/, { error: 'must be an AWS account id' }),
  /** JSON `{"NA":"us-east-1",...}`: AWS region of the EventBridge destination per SP-API region. */
  EVENTBRIDGE_REGIONS: eventBridgeRegions,
  NOTIFICATION_STATE_TABLE,
  /** The LWA client id (the key of the application's SP-API rate limits); optional. */
  SP_API_APPLICATION_ID: z.string().min(1).optional(),
});
export type SetupConfig = z.output<typeof SetupEnvironment>;

/** The report retrieval state machine started for unsolicited (Amazon-generated) reports. */
const RETRIEVAL_STATE_MACHINE_ARN = z
  .string()
  .regex(/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[\w-]+$/, {
    error: 'must be a state machine ARN',
  });

/** Environment of `consumeNotifications`. */
export const ConsumerEnvironment = z.object({
  NOTIFICATION_STATE_TABLE,
  /** Powertools idempotency table (partition key `id`, TTL on `expiration`). */
  IDEMPOTENCY_TABLE: z.string().min(1),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).default(DEFAULT_IDEMPOTENCY_TTL_SECONDS),
  OUTCOME_TTL_SECONDS: seconds(DEFAULT_OUTCOME_TTL_MS),
  RETRIEVAL_STATE_MACHINE_ARN,
  /** The catalog/listings fetcher's refresh queue. */
  LISTING_REFRESH_QUEUE_URL: z.url({ protocol: /^https$/, error: 'must be an https queue URL' }),
});
export type ConsumerConfig = z.output<typeof ConsumerEnvironment>;

/** Environment of `sweepSettlements`. */
export const SweepEnvironment = z.object({
  PARAMETER_PREFIX: z.string().min(1),
  TOKEN_BROKER_FUNCTION: z.string().min(1),
  /** The curated bucket: report manifests say what has landed. */
  CURATED_BUCKET: z.string().min(1),
  RETRIEVAL_STATE_MACHINE_ARN,
  /** Days of getReports the sweep lists, at most Amazon's 90-day retention. */
  SWEEP_LOOKBACK_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(REPORT_RETENTION_DAYS)
    .default(REPORT_RETENTION_DAYS),
  /** Retrieval attempts per report (the first included) before a sweep gives up on it. */
  MAX_RETRIEVAL_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  SP_API_APPLICATION_ID: z.string().min(1).optional(),
});
export type SweepConfig = z.output<typeof SweepEnvironment>;

/** Environment of `registerWaiter`. */
export const RegisterWaiterEnvironment = z.object({
  NOTIFICATION_STATE_TABLE,
  WAITER_TTL_SECONDS: seconds(DEFAULT_WAITER_TTL_MS),
});
export type RegisterWaiterConfig = z.output<typeof RegisterWaiterEnvironment>;

/** Validates the setup environment; throws a ConfigurationError naming each bad variable. */
export function loadSetupConfig(env: Env): SetupConfig {
  return parseEnvironment(SetupEnvironment, env);
}

/** Validates the consumer environment. */
export function loadConsumerConfig(env: Env): ConsumerConfig {
  return parseEnvironment(ConsumerEnvironment, env);
}

/** Validates the settlement sweep environment. */
export function loadSweepConfig(env: Env): SweepConfig {
  return parseEnvironment(SweepEnvironment, env);
}

/** Validates the register-waiter environment. */
export function loadRegisterWaiterConfig(env: Env): RegisterWaiterConfig {
  return parseEnvironment(RegisterWaiterEnvironment, env);
}
