import { z } from 'zod';
import { isMarketplaceId, type MarketplaceId } from './marketplaces';

const MAX_QUOTED_LENGTH = 40;

/** A known marketplace id; the error quotes the unknown id (ids are public, never secrets). */
export const MarketplaceIdSchema = z.custom<MarketplaceId>(
  (value) => typeof value === 'string' && isMarketplaceId(value),
  {
    error: (issue) =>
      typeof issue.input === 'string'
        ? `unknown marketplace id ${JSON.stringify(issue.input.slice(0, MAX_QUOTED_LENGTH))}`
        : 'must be a marketplace id string',
  },
);

/** A non-empty list of distinct known marketplace ids. */
export const MarketplaceIdListSchema = z
  .array(MarketplaceIdSchema)
  .min(1, { error: 'must list at least one marketplace id' })
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate marketplace id "${id}"`,
          path: [index],
        });
      }
    });
  });
