import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('keeps scheme, host and path and drops query, user info and fragment', () => {
    expect(
      redactUrl(
        'https://user:pw@tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc%201?X-Amz-Signature=abc#frag',
      ),
    ).toBe('https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc%201');
  });

  it('does not echo an unparsable URL', () => {
    expect(redactUrl('nonsense?X-Amz-Signature=abc')).toBe('<unparsable url>');
  });
});
