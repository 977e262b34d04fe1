import { isExpiredTokenFailure, parseSpApiErrors } from './error-body';

describe('parseSpApiErrors', () => {
  it('reads the bare error list of Reports, Catalog and Listings', () => {
    const body = {
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota.', details: '' }],
    };
    expect(parseSpApiErrors(body)).toEqual([
      { code: 'QuotaExceeded', message: 'You exceeded your quota.' },
    ]);
  });

  it('reads the payload/errors wrapper of Notifications and Sellers', () => {
    const body = {
      payload: null,
      errors: [{ code: 'InvalidInput', message: 'Bad destination', details: 'arn' }],
    };
    expect(parseSpApiErrors(body)).toEqual([
      { code: 'InvalidInput', message: 'Bad destination', details: 'arn' },
    ]);
  });

  it('tolerates bodies that are not error lists', () => {
    expect(parseSpApiErrors(undefined)).toEqual([]);
    expect(parseSpApiErrors('<html>Bad Gateway</html>')).toEqual([]);
    expect(parseSpApiErrors({ errors: 'nope' })).toEqual([]);
    expect(parseSpApiErrors({ errors: [{ message: 'no code' }, 7] })).toEqual([
      { code: 'Unknown', message: 'no code' },
    ]);
  });
});

describe('isExpiredTokenFailure', () => {
  const expired = {
    code: 'Unauthorized',
    message: 'Access to requested resource is denied.',
    details: 'The access token you provided has expired.',
  };

  it('recognises an expired or invalid access token on 403', () => {
    expect(isExpiredTokenFailure(403, [expired])).toBe(true);
    expect(
      isExpiredTokenFailure(403, [
        { ...expired, details: 'The access token you provided is revoked, malformed or invalid.' },
      ]),
    ).toBe(true);
  });

  it('does not confuse a missing role or another status with an expired token', () => {
    expect(isExpiredTokenFailure(403, [{ ...expired, details: '' }])).toBe(false);
    expect(isExpiredTokenFailure(400, [expired])).toBe(false);
    expect(isExpiredTokenFailure(403, [])).toBe(false);
  });
});
