import { InvalidSecretValueError } from './errors';
import { SecretRegistry } from './secret-registry';

describe('SecretRegistry', () => {
  it('keeps each value with its URL- and JSON-escaped forms', () => {
    const registry = new SecretRegistry();
    registry.registerAll(['p@ss/"word"+1', 'plainvalue']);
    expect(registry.values()).toEqual(
      expect.arrayContaining([
        'p@ss/"word"+1',
        'p%40ss%2F%22word%22%2B1',
        'p@ss/\\"word\\"+1',
        'plainvalue',
      ]),
    );
  });

  it('refuses values too short to redact safely without quoting them', () => {
    const registry = new SecretRegistry();
    expect(() => registry.register('abc123')).toThrow(InvalidSecretValueError);
    expect(() => registry.register('abc123')).toThrow(/at least 8 characters/);
    expect(() => registry.register('abc123')).not.toThrow(/abc123/);
  });
});
