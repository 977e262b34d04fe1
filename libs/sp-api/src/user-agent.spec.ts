import { readFileSync } from 'node:fs';
import { TYPESCRIPT_VERSION, formatUserAgent } from './user-agent';

describe('formatUserAgent', () => {
  it('follows the documented AppName/Version (Language=...; Platform=...) form', () => {
    expect(formatUserAgent({ appName: 'spapi-lake', appVersion: '1.4.0' })).toBe(
      `spapi-lake/1.4.0 (Language=TypeScript/${TYPESCRIPT_VERSION}; Platform=Node/${process.versions.node})`,
    );
  });

  it('names the TypeScript version the workspace compiles with', () => {
    const installed = JSON.parse(
      readFileSync(require.resolve('typescript/package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version.startsWith(`${TYPESCRIPT_VERSION}.`)).toBe(true);
  });

  it('rejects user agents over 500 characters and names that break the format', () => {
    expect(() => formatUserAgent({ appName: 'a'.repeat(480), appVersion: '1' })).toThrow(
      'at most 500',
    );
    expect(() => formatUserAgent({ appName: 'my app', appVersion: '1' })).toThrow(
      'appName and appVersion',
    );
    expect(() => formatUserAgent({ appName: 'app', appVersion: '' })).toThrow();
  });
});
