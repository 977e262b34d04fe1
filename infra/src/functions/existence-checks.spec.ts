import { type SynthesizedStack, synthTestStack } from '../test/synth-test-stack';
import { type Statement, ref, roleStatements } from '../test/terraform-json';

// S3 answers GetObject/HeadObject on a missing key with 403 instead of 404 unless the caller may
// also s3:ListBucket that key's prefix; the lake adapters read "no such key" as "not yet done"
// (idempotency: a manifest or ledger entry already written; a missing identifiers object), so a
// 403 would fail the function instead. Keys below are shaped like libs/lake and libs/catalog
// build them.

const bucket = (name: string) => ref(`aws_s3_bucket.lake_${name}_bucket`, 'arn');

/** IAM's StringLike / ARN wildcards: `*` any run of characters, `?` one character. */
function wildcardMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${regex}$`).test(value);
}

/**
 * Whether `statements` allow `action` on `resource` in a request whose only condition keys are
 * `context`. Conditions other than StringLike on a context key count as unmet.
 */
function allows(
  statements: readonly Statement[],
  action: string,
  resource: string,
  context: Readonly<Record<string, string>> = {},
): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      statement.Action.includes(action) &&
      [statement.Resource ?? []].flat().some((pattern) => wildcardMatches(pattern, resource)) &&
      Object.entries(statement.Condition ?? {}).every(
        ([operator, values]) =>
          operator === 'StringLike' &&
          Object.entries(values).every(([key, patterns]) => {
            const value = context[key];
            return (
              value !== undefined &&
              [patterns].flat().some((pattern) => wildcardMatches(pattern, value))
            );
          }),
      ),
  );
}

const partner = 'selling_partner_id=A1B2C3D4E5F6G7';
const ledgerKey = `_ledger/${partner}/GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL/report_config_id=orders-by-last-update/marketplace_ids=ATVPDKIKX0DER/20240101T000000.000Z_20240102T000000.000Z.json`;
const manifestKey = `_manifests/reports/${partner}/50001019000.json`;
const uncuratedKey = `_manifests/uncurated-reports/${partner}/50001019000.json`;
const identifiersKey = '_inputs/catalog-refresh/asins-2024-01.json';

// [function, bucket, what, a key whose absence the function handles]
const EXISTENCE_CHECKS = [
  ['retrieve_report', 'curated', 'report manifest', manifestKey],
  ['retrieve_report', 'curated', 'ledger entry', ledgerKey],
  ['retrieve_report', 'curated', 'uncurated-report record', uncuratedKey],
  ['create_report', 'curated', 'report manifest', manifestKey],
  ['create_report', 'curated', 'uncurated-report record', uncuratedKey],
  ['record_fatal', 'curated', 'ledger entry', ledgerKey],
  ['record_outcome', 'curated', 'ledger entry', ledgerKey],
  ['plan_catalog_chunks', 'curated', 'identifiers object', identifiersKey],
] as const;

const refreshWork = `_work/catalog-refresh/${partner}/refresh-20240101-0430/`;
// [function, bucket, a prefix the function lists (libs/catalog listKeys)]
const LISTINGS = [
  ['plan_catalog_chunks', 'curated', `${refreshWork}listings-asins/marketplace_id=ATVPDKIKX0DER/`],
  ['finish_catalog_refresh', 'curated', `${refreshWork}chunk-summaries/`],
] as const;

describe('existence checks and listings', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });
  const statements = (fn: string) => roleStatements(stack, `functions_${fn}_execution_role`);

  it.each(EXISTENCE_CHECKS)(
    '%s may get and list a %s %s key, so a missing one answers 404',
    (fn, name, _what, key) => {
      const role = statements(fn);
      expect(allows(role, 's3:GetObject', `${bucket(name)}/${key}`)).toBe(true);
      expect(allows(role, 's3:ListBucket', bucket(name), { 's3:prefix': key })).toBe(true);
    },
  );

  it.each(LISTINGS)('%s may list %s under %s', (fn, name, prefix) => {
    expect(allows(statements(fn), 's3:ListBucket', bucket(name), { 's3:prefix': prefix })).toBe(
      true,
    );
  });

  it('keeps each prefix-scoped ListBucket to its prefixes', () => {
    expect(
      allows(statements('record_outcome'), 's3:ListBucket', bucket('curated'), {
        's3:prefix': manifestKey,
      }),
    ).toBe(false);
    expect(
      allows(statements('plan_catalog_chunks'), 's3:ListBucket', bucket('curated'), {
        's3:prefix': 'catalog_items/',
      }),
    ).toBe(false);
    // A whole-bucket listing has no s3:prefix; a prefix-scoped grant must not allow it.
    expect(allows(statements('record_fatal'), 's3:ListBucket', bucket('curated'))).toBe(false);
  });
});
