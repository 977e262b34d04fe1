import { z } from 'zod';
import { parseEnvironment } from './environment';
import { ConfigurationError } from './errors';

const schema = z.object({
  CURATED_BUCKET: z.string(),
  RAW_BUCKET: z.string(),
  CONFIG_PREFIX: z.string().default('/spapi-lake/dev'),
  MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  DRY_RUN: z.stringbool().default(false),
});

describe('parseEnvironment', () => {
  it('returns typed values with defaults and ignores other variables', () => {
    expect(
      parseEnvironment(schema, {
        CURATED_BUCKET: 'curated',
        RAW_BUCKET: 'raw',
        MAX_ATTEMPTS: '5',
        DRY_RUN: 'true',
        PATH: '/usr/bin',
        AWS_REGION: undefined,
      }),
    ).toEqual({
      CURATED_BUCKET: 'curated',
      RAW_BUCKET: 'raw',
      CONFIG_PREFIX: '/spapi-lake/dev',
      MAX_ATTEMPTS: 5,
      DRY_RUN: true,
    });
  });

  it('names every missing variable, counting empty strings as unset', () => {
    expect(() => parseEnvironment(schema, { RAW_BUCKET: '' })).toThrow(
      'Invalid environment: env CURATED_BUCKET: required; env RAW_BUCKET: required',
    );
  });

  it('names a variable with a bad value', () => {
    let caught: unknown;
    try {
      parseEnvironment(schema, { CURATED_BUCKET: 'c', RAW_BUCKET: 'r', MAX_ATTEMPTS: 'many' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(caught).toMatchObject({ retryable: false, issues: [{ path: 'env MAX_ATTEMPTS' }] });
  });
});
