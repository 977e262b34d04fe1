import { ConfigurationError } from './errors';
import { configParameterNames, normalizeParameterPrefix } from './parameter-names';

describe('SSM parameter names', () => {
  it('builds the names under a prefix', () => {
    expect(configParameterNames('/spapi-lake/prod')).toEqual({
      accounts: '/spapi-lake/prod/accounts',
      reportConfigs: '/spapi-lake/prod/report-configs',
      endpoints: '/spapi-lake/prod/endpoints',
    });
  });

  it('normalises leading and trailing slashes', () => {
    expect(normalizeParameterPrefix('spapi-lake/dev/')).toBe('/spapi-lake/dev');
    expect(normalizeParameterPrefix('//spapi-lake//dev')).toBe('/spapi-lake/dev');
  });

  it.each([
    ['', 'must not be empty'],
    ['/', 'must not be empty'],
    ['/spapi lake', 'each level may hold only'],
    ['/aws/spapi', 'must not start with "aws" or "ssm"'],
    ['/SSM-things', 'must not start with "aws" or "ssm"'],
    [`/${Array.from({ length: 15 }, (_, level) => `l${level}`).join('/')}`, 'at most 14 levels'],
  ])('rejects the prefix %j', (prefix, problem) => {
    expect(() => normalizeParameterPrefix(prefix)).toThrow(ConfigurationError);
    expect(() => normalizeParameterPrefix(prefix)).toThrow(problem);
  });
});
