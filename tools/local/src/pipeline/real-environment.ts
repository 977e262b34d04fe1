import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import {
  type Account,
  type Region,
  parseAccounts,
  parseEndpointOverrides,
  parseReportConfigs,
  resolveEndpoints,
} from '@spapi-lake/config';
import { systemClock } from '@spapi-lake/core';
import { S3ObjectStore } from '@spapi-lake/lake-adapters';
import { z } from 'zod';
import { localReportConfigs } from '../config/local-report-configs';
import type { LakePaths } from './lake-paths';
import { type LocalFunctions, createLocalFunctions } from './local-functions';
import { LOCAL_PARAMETER_PREFIX } from './simulated-environment';

/** Options of {@link openRealEnvironment}. */
export interface RealEnvironmentOptions {
  readonly paths: LakePaths;
  readonly days: number;
  /** Only these selling partner ids (all accounts when empty). */
  readonly partners: readonly string[];
  readonly environment?: NodeJS.ProcessEnv;
}

/** The functions wired to Amazon's SP-API and LWA, and the accounts they serve. */
export interface RealEnvironment {
  readonly functions: LocalFunctions;
  readonly accounts: readonly Account[];
  /** True when the lake's curated zone is an S3 bucket (DuckDB cannot read it offline). */
  readonly curatedInS3: boolean;
}

/**
 * `--real`: the same handlers with your SP-API application instead of the simulator. From the
 * environment: SPAPI_LWA_CLIENT_ID, SPAPI_LWA_CLIENT_SECRET, SPAPI_APPLICATION_ID,
 * SPAPI_ACCOUNTS_FILE (the accounts document), SPAPI_REFRESH_TOKENS (JSON
 * `{"<sellingPartnerId>/<region>": "Atzr|…"}`), optional SPAPI_REPORT_CONFIGS_FILE,
 * SPAPI_ENDPOINTS (endpoint overrides, e.g. the sandbox), RAW_BUCKET and CURATED_BUCKET (S3 with
 * the default AWS credential chain; local folders otherwise). Accounts poll: notifications need the
 * deployed queue.
 */
export async function openRealEnvironment(
  options: RealEnvironmentOptions,
): Promise<RealEnvironment> {
  const env = options.environment ?? process.env;
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new Error(`--real needs ${name} (see tools/local/README.md)`);
    }
    return value;
  };
  const { paths } = options;
  const accounts = parseAccounts(
    await readFile(required('SPAPI_ACCOUNTS_FILE'), 'utf8'),
    'SPAPI_ACCOUNTS_FILE',
  ).filter(
    (account) =>
      options.partners.length === 0 || options.partners.includes(account.sellingPartnerId),
  );
  const configsFile = env['SPAPI_REPORT_CONFIGS_FILE'];
  const reportConfigs =
    configsFile === undefined || configsFile === ''
      ? localReportConfigs({ days: options.days, now: Date.now() })
      : parseReportConfigs(await readFile(configsFile, 'utf8'), 'SPAPI_REPORT_CONFIGS_FILE');
  // The values are refresh tokens: never printed, never in an error message.
  const refreshTokens = z
    .record(z.string(), z.string().min(1))
    .parse(JSON.parse(required('SPAPI_REFRESH_TOKENS')));
  const overrides = env['SPAPI_ENDPOINTS'];
  const endpoints = resolveEndpoints(
    overrides === undefined || overrides === '' ? {} : parseEndpointOverrides(overrides),
  );

  await mkdir(paths.config, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(
    paths.parameterFile('accounts'),
    json(accounts.map((account) => ({ ...account, reportProcessingNotifications: false }))),
  );
  await writeFile(paths.parameterFile('report-configs'), json(reportConfigs));

  const s3 = new S3Client({});
  const bucket = (name: string) => {
    const value = env[name];
    return value === undefined || value === ''
      ? undefined
      : new S3ObjectStore({ client: s3, bucket: value });
  };
  const raw = bucket('RAW_BUCKET');
  const curated = bucket('CURATED_BUCKET');
  const functions = await createLocalFunctions({
    paths,
    clock: systemClock,
    spApiBaseUrl: (region: Region) => endpoints.spApiBaseUrl[region],
    lwaBaseUrl: endpoints.lwaBaseUrl,
    application: {
      clientId: required('SPAPI_LWA_CLIENT_ID'),
      clientSecret: required('SPAPI_LWA_CLIENT_SECRET'),
      applicationId: required('SPAPI_APPLICATION_ID'),
    },
    refreshTokens: accounts.map((account) => {
      const key = `${account.sellingPartnerId}/${account.region}`;
      const refreshToken = refreshTokens[key];
      if (refreshToken === undefined) throw new Error(`SPAPI_REFRESH_TOKENS has no ${key}`);
      return { sellingPartnerId: account.sellingPartnerId, region: account.region, refreshToken };
    }),
    parameterPrefix: LOCAL_PARAMETER_PREFIX,
    queueArn: 'arn:aws:sqs:us-east-1:000000000000:spapi-lake-notifications',
    ...(raw === undefined ? {} : { raw }),
    ...(curated === undefined ? {} : { curated }),
  });
  return { functions, accounts, curatedInS3: curated !== undefined };
}
