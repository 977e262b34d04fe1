/**
 * The AWS account SP-API delivers notifications from (SQS destinations and the client secret
 * rotation queue). Amazon's docs and samples use this one account in every region (SPAPI.md 6.2).
 */
export const SP_API_NOTIFICATION_ACCOUNT = '437568002678';

/** The principal ARN of {@link SP_API_NOTIFICATION_ACCOUNT}, as queue and key policies name it. */
export const SP_API_NOTIFICATION_PRINCIPAL = `arn:aws:iam::${SP_API_NOTIFICATION_ACCOUNT}:root`;
