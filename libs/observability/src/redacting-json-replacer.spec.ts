import { REDACTED } from './redact-text';
import { createRedactingJsonReplacer } from './redacting-json-replacer';
import { SecretRegistry } from './secret-registry';

describe('createRedactingJsonReplacer', () => {
  it('redacts credential keys and secret strings during serialisation on its own', () => {
    const secrets = new SecretRegistry();
    secrets.register('shapeless-secret-1');
    const replacer = createRedactingJsonReplacer(secrets);
    const text = JSON.stringify(
      {
        nested: { accessToken: 'opaque', list: ['shapeless-secret-1', 'Atzr|IwEBIabc'] },
        url: new URL('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc'),
        nextToken: 'page-2',
      },
      replacer,
    );
    expect(JSON.parse(text)).toEqual({
      nested: { accessToken: REDACTED, list: [REDACTED, REDACTED] },
      url: `https://b.s3.amazonaws.com/k?${REDACTED}`,
      nextToken: 'page-2',
    });
  });
});
