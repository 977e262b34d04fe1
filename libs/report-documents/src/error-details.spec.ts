import { inspect } from 'node:util';
import { errorCode, withoutSecret } from './error-details';

describe('errorCode', () => {
  it('finds the first code along the cause chain', () => {
    const root = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(errorCode(new TypeError('terminated', { cause: root }))).toBe('ECONNRESET');
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode('text')).toBeUndefined();
  });
});

describe('withoutSecret', () => {
  it('keeps causes that do not quote the secret', () => {
    const error = new Error('connect ECONNREFUSED 127.0.0.1:9');
    expect(withoutSecret(error, 'X-Amz-Signature=abc')).toBe(error);
  });

  it('replaces causes that quote the secret anywhere in their chain', () => {
    const quoting = new TypeError('fetch failed', {
      cause: new Error('bad url https://h/p?X-Amz-Signature=abc'),
    });
    const safe = withoutSecret(quoting, 'X-Amz-Signature=abc');
    expect(safe).not.toBe(quoting);
    expect(String(safe)).not.toContain('X-Amz-Signature');
  });

  it('replaces causes that keep the secret in a property of their own (ERR_INVALID_URL)', () => {
    const parse = () => new URL('http://[::1', 'https://h/p?X-Amz-Signature=abc');
    let invalid: unknown;
    try {
      parse();
    } catch (error) {
      invalid = error;
    }
    expect(invalid).toHaveProperty('base');
    const safe = withoutSecret(invalid, 'X-Amz-Signature=abc');
    expect(safe).not.toBe(invalid);
    expect(inspect(safe)).not.toContain('X-Amz-Signature');
  });
});
