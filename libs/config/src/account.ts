import { z } from 'zod';
import { parseDocument } from './issues';
import { findMarketplace } from './marketplaces';
import { MarketplaceIdListSchema } from './marketplace-id-schema';
import { Region } from './region';

/** Whether the partner sells on Amazon (seller) or to Amazon (vendor). */
export const AccountType = { Seller: 'seller', Vendor: 'vendor' } as const;
export type AccountType = (typeof AccountType)[keyof typeof AccountType];

/** Lifecycle of an authorisation: only `active` accounts are scheduled. */
export const AccountStatus = {
  Active: 'active',
  ReauthorizationRequired: 'reauthorization-required',
  Disabled: 'disabled',
} as const;
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

// Ids end up in S3 partition paths (`selling_partner_id=<id>`): no '/', '=' or spaces.
const SELLING_PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;

/** A Secrets Manager secret name or ARN. The message never repeats the value: it may be a token. */
const SecretRefSchema = z.string().refine((ref) => SECRET_NAME.test(ref) || SECRET_ARN.test(ref), {
  error: 'must be a Secrets Manager secret name or ARN (a reference, never the token itself)',
});

/** One selling partner authorisation in one region (a merged account has one per region). */
export const AccountSchema = z
  .strictObject({
    sellingPartnerId: z.string().regex(SELLING_PARTNER_ID, {
      error: 'must be a selling partner id (letters, digits, ".", "_" or "-"; at most 64)',
    }),
    accountType: z.enum(AccountType),
    region: z.enum(Region),
    marketplaceIds: MarketplaceIdListSchema,
    refreshTokenSecretRef: SecretRefSchema,
    displayName: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
    reportProcessingNotifications: z.boolean().optional(),
    status: z.enum(AccountStatus).default(AccountStatus.Active),
    authorizedAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
      .optional(),
  })
  .superRefine((account, ctx) => {
    account.marketplaceIds.forEach((id, index) => {
      const marketplace = findMarketplace(id);
      if (marketplace && marketplace.region !== account.region) {
        ctx.addIssue({
          code: 'custom',
          path: ['marketplaceIds', index],
          message: `marketplace "${id}" (${marketplace.countryCode}) is in region ${marketplace.region}, not ${account.region}`,
        });
      }
    });
  })
  .transform((account) => ({
    ...account,
    // Vendors poll by default: the seed predates Amazon sending them REPORT_PROCESSING_FINISHED.
    reportProcessingNotifications:
      account.reportProcessingNotifications ?? account.accountType === AccountType.Seller,
  }));

/** An account as written in SSM (defaults not yet applied). */
export type AccountInput = z.input<typeof AccountSchema>;
/** A validated account with its defaults applied. */
export type Account = z.output<typeof AccountSchema>;

/** The accounts document: a list of accounts, one per (sellingPartnerId, region). */
export const AccountsSchema = z.array(AccountSchema).superRefine((accounts, ctx) => {
  const seen = new Map<string, number>();
  accounts.forEach((account, index) => {
    const key = `${account.sellingPartnerId}@${account.region}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [index, 'sellingPartnerId'],
      message: `duplicate account "${account.sellingPartnerId}" in region ${account.region} (first at index ${first})`,
    });
  });
});

/**
 * Validates the accounts document (a JSON string or a parsed value). Throws a ConfigurationError
 * naming each bad key path under `source` (default `accounts`).
 */
export function parseAccounts(json: unknown, source = 'accounts'): Account[] {
  return parseDocument(AccountsSchema, json, source);
}
