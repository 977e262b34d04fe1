import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('replaces raw, URI-encoded and form-encoded secrets', () => {
    const secret = 'Atzr|a b+c';

    const text = `raw ${secret} uri ${encodeURIComponent(secret)} form ${new URLSearchParams({ s: secret }).toString().slice(2)}`;

    expect(redactSecrets(text, [secret])).toBe('raw [redacted] uri [redacted] form [redacted]');
  });

  it('removes a secret that contains another one whole', () => {
    expect(redactSecrets('x abcdef y', ['abc', 'abcdef'])).toBe('x [redacted] y');
  });

  it('ignores empty secrets', () => {
    expect(redactSecrets('text', [''])).toBe('text');
  });
});

describe('redactSecrets on unknown values', () => {
  it('replaces anything shaped like an LWA token or client secret', () => {
    const text =
      'a Atza|IwEBIA-x_y b Atzr%7CIwEBIB c amzn1.oa2-cs.v1.0123abcd d amzn1.application-oa2-client.42';

    expect(redactSecrets(text, [])).toBe(
      'a [redacted] b [redacted] c [redacted] d amzn1.application-oa2-client.42',
    );
  });
});
