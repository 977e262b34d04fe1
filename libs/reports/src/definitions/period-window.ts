import type { WindowRules } from '../report-type-definition';

// Amazon's SLA for vendor analytics: a day 72 hours after it closes, a week 48 hours, "All the
// timezones are in PST" (amzn/selling-partner-api-docs#3107); 72 hours after the Pacific day's end
// is 80 hours after the UTC day's. Brand Analytics documents none and takes the same.
// A period may stay FATAL for days after its data is due: a Brand Analytics week did for six days
// in NA and longer in EU (amzn/selling-partner-api-models#5351); two weeks before one is skipped.
export const periodWindow: WindowRules = {
  maxWindowDays: 31,
  dataLagHours: 80,
  periodAligned: true,
  snapshot: false,
  fatalGraceHours: 14 * 24,
};
