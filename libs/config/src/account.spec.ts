import { parseAccounts } from './account';
import { ConfigurationError } from './errors';

const seller = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1B2C3D4E5F6G7/EU',
};
const vendor = {
  sellingPartnerId: 'amzn1.vg.1234567',
  accountType: 'vendor',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  refreshTokenSecretRef:
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:spapi-lake/refresh-tokens/vendor-AbCdEf',
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseAccounts', () => {
  it('applies the defaults: active, notifications for sellers, polling for vendors', () => {
    const [parsedSeller, parsedVendor] = parseAccounts([seller, vendor]);
    expect(parsedSeller).toEqual({
      ...seller,
      status: 'active',
      reportProcessingNotifications: true,
    });
    expect(parsedVendor).toEqual({
      ...vendor,
      status: 'active',
      reportProcessingNotifications: false,
    });
  });

  it('keeps explicit optional fields', () => {
    const [account] = parseAccounts([
      {
        ...vendor,
        displayName: 'Vendor US',
        reportProcessingNotifications: true,
        status: 'reauthorization-required',
        authorizedAt: '2025-03-01T10:00:00Z',
      },
    ]);
    expect(account).toMatchObject({
      displayName: 'Vendor US',
      reportProcessingNotifications: true,
      status: 'reauthorization-required',
      authorizedAt: '2025-03-01T10:00:00Z',
    });
  });

  it('reads a JSON string as stored in SSM', () => {
    expect(parseAccounts(JSON.stringify([seller]))).toHaveLength(1);
  });

  it('accepts an empty list', () => {
    expect(parseAccounts([])).toEqual([]);
  });

  it('throws a non-retryable ConfigurationError carrying the located issues', () => {
    let caught: unknown;
    try {
      parseAccounts([seller, { ...seller, sellingPartnerId: 'B1', marketplaceIds: ['X'] }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(caught).toMatchObject({
      name: 'ConfigurationError',
      retryable: false,
      issues: [{ path: 'accounts[1].marketplaceIds[0]', message: 'unknown marketplace id "X"' }],
    });
  });

  it('names an unknown marketplace id with its key path', () => {
    expect(
      messageOf(() =>
        parseAccounts([seller, { ...seller, sellingPartnerId: 'B1', marketplaceIds: ['X'] }]),
      ),
    ).toBe('Invalid accounts: accounts[1].marketplaceIds[0]: unknown marketplace id "X"');
  });

  it('rejects a marketplace outside the account region', () => {
    expect(
      messageOf(() =>
        parseAccounts([{ ...seller, marketplaceIds: ['A1PA6795UKMFR9', 'ATVPDKIKX0DER'] }]),
      ),
    ).toContain(
      'accounts[0].marketplaceIds[1]: marketplace "ATVPDKIKX0DER" (US) is in region NA, not EU',
    );
  });

  it('rejects an empty or repeated marketplace list', () => {
    expect(messageOf(() => parseAccounts([{ ...seller, marketplaceIds: [] }]))).toContain(
      'accounts[0].marketplaceIds: must list at least one marketplace id',
    );
    expect(
      messageOf(() =>
        parseAccounts([{ ...seller, marketplaceIds: ['A1PA6795UKMFR9', 'A1PA6795UKMFR9'] }]),
      ),
    ).toContain('accounts[0].marketplaceIds[1]: duplicate marketplace id "A1PA6795UKMFR9"');
  });

  it('reports a missing key as required', () => {
    const { region: _region, ...withoutRegion } = seller;
    expect(messageOf(() => parseAccounts([withoutRegion]))).toContain(
      'accounts[0].region: required',
    );
  });

  it('rejects unknown keys so typos are caught', () => {
    expect(
      messageOf(() => parseAccounts([{ ...seller, marketplaceId: ['A1PA6795UKMFR9'] }])),
    ).toContain('accounts[0].marketplaceId: unknown key');
  });

  it('rejects bad enums, ids and dates', () => {
    const message = messageOf(() =>
      parseAccounts([
        {
          ...seller,
          sellingPartnerId: 'A1/../B',
          accountType: 'agency',
          region: 'eu',
          status: 'paused',
          authorizedAt: '2025-03-01',
          displayName: ' ',
        },
      ]),
    );
    expect(message).toContain('accounts[0].sellingPartnerId: must be a selling partner id');
    expect(message).toContain('accounts[0].accountType: Invalid option');
    expect(message).toContain('accounts[0].region: Invalid option');
    expect(message).toContain('accounts[0].status: Invalid option');
    expect(message).toContain('accounts[0].authorizedAt: must be an ISO 8601 date-time');
    expect(message).toContain('accounts[0].displayName: must not be empty');
  });

  it('rejects a token in place of the secret reference without repeating it', () => {
    const token = 'Atzr|IwEBIFakeRefreshToken-NeverInMessages';
    const message = messageOf(() => parseAccounts([{ ...seller, refreshTokenSecretRef: token }]));
    expect(message).toContain(
      'accounts[0].refreshTokenSecretRef: must be a Secrets Manager secret name or ARN',
    );
    expect(message).not.toContain(token);
    expect(message).not.toContain('IwEBI');
  });

  it('rejects the same partner twice in one region but allows one per region', () => {
    expect(() =>
      parseAccounts([seller, { ...seller, region: 'FE', marketplaceIds: ['A1VC38T7YXB528'] }]),
    ).not.toThrow();
    expect(messageOf(() => parseAccounts([seller, seller]))).toContain(
      'accounts[1].sellingPartnerId: duplicate account "A1B2C3D4E5F6G7" in region EU (first at index 0)',
    );
  });

  it('names the source given by the caller', () => {
    expect(
      messageOf(() => parseAccounts([{ ...seller, region: 'XX' }], '/spapi-lake/prod/accounts')),
    ).toContain('/spapi-lake/prod/accounts[0].region:');
  });

  it('rejects a document that is not a list', () => {
    expect(messageOf(() => parseAccounts({ accounts: [] }))).toBe(
      'Invalid accounts: accounts: Invalid input: expected array, received object',
    );
  });

  it('rejects invalid JSON without quoting it', () => {
    const message = messageOf(() => parseAccounts('[{"refreshToken": "Atzr|secret-value"'));
    expect(message).toBe('Invalid accounts: accounts: not valid JSON');
  });

  it('lists at most ten issues and counts the rest', () => {
    const message = messageOf(() => parseAccounts(Array.from({ length: 12 }, () => ({}))));
    expect(message).toMatch(/; and \d+ more$/);
  });
});
