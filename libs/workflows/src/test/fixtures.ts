import {
  parseAccounts,
  parseReportConfigs,
  type Account,
  type AccountInput,
  type ReportConfig,
  type ReportConfigInput,
} from '@spapi-lake/config';

/** Marketplaces of the fixtures' EU seller. */
export const DE = 'A1PA6795UKMFR9';
export const FR = 'A13V1IB3VIYZZH';
export const US = 'ATVPDKIKX0DER';

/** An account validated by @spapi-lake/config, defaults applied. */
export function account(overrides: Partial<AccountInput> = {}): Account {
  const [parsed] = parseAccounts([
    {
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      accountType: 'seller',
      region: 'EU',
      marketplaceIds: [DE],
      refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1B2C3D4E5F6G7/EU',
      ...overrides,
    },
  ]);
  if (parsed === undefined) throw new Error('fixture account did not parse');
  return parsed;
}

/** A vendor account in NA. */
export function vendorAccount(): Account {
  return account({
    sellingPartnerId: 'amzn1.vg.1234567',
    accountType: 'vendor',
    region: 'NA',
    marketplaceIds: [US],
    refreshTokenSecretRef: 'spapi-lake/refresh-tokens/vendor/NA',
  });
}

/** A report config validated by @spapi-lake/config, defaults applied. */
export function reportConfig(
  input: Partial<ReportConfigInput> & Pick<ReportConfigInput, 'reportType'>,
): ReportConfig {
  const [parsed] = parseReportConfigs([
    {
      id: 'test-config',
      accountTypes: ['seller', 'vendor'],
      schedule: 'daily',
      ...(input.period === undefined ? { windowDays: 1 } : {}),
      ...input,
    },
  ]);
  if (parsed === undefined) throw new Error('fixture report config did not parse');
  return parsed;
}

/** Epoch milliseconds of an ISO date or date-time written in a test. */
export function at(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}
