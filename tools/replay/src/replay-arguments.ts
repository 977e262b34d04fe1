import { parseArgs } from 'node:util';
import { TypedError } from '@spapi-lake/core';

/** The command line does not say what to replay, or where. */
export class ReplayArgumentsError extends TypedError {
  override readonly name = 'ReplayArgumentsError';
  readonly retryable = false;
}

/** Where the lake is: a local folder (as `npm start` writes it) or the two S3 buckets. */
export type LakeLocation =
  | { readonly kind: 'local'; readonly directory: string }
  | {
      readonly kind: 's3';
      readonly rawBucket: string;
      readonly curatedBucket: string;
      readonly kmsKeyId?: string;
    };

export interface ReplayArguments {
  readonly lake: LakeLocation;
  /** Only this selling partner's reports. */
  readonly sellingPartnerId?: string;
  /** Only these reports (needs the selling partner); every manifested report when empty. */
  readonly reportIds: readonly string[];
}

export const REPLAY_USAGE = `Rebuilds curated objects from the raw zone, without calling SP-API.

  npm run replay -- [--lake-dir .lake] [--partner <sellingPartnerId> [--report <reportId>]...]
  npm run replay -- --raw-bucket <name> --curated-bucket <name> [--kms-key-id <key>] [...]

--lake-dir        local lake folder (default .lake, where npm start writes)
--raw-bucket      S3 bucket of the raw zone (with --curated-bucket; AWS credentials and region
--curated-bucket  from the environment, as the AWS CLI reads them)
--kms-key-id      SSE-KMS key for the objects written (default: the bucket's default encryption)
--partner         only this selling partner's reports
--report          only this report (repeatable; needs --partner)`;

/** Reads the command line; throws `ReplayArgumentsError` with what is wrong. */
export function parseReplayArguments(args: readonly string[]): ReplayArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        'lake-dir': { type: 'string' },
        'raw-bucket': { type: 'string' },
        'curated-bucket': { type: 'string' },
        'kms-key-id': { type: 'string' },
        partner: { type: 'string' },
        report: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ReplayArgumentsError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const rawBucket = values['raw-bucket'];
  const curatedBucket = values['curated-bucket'];
  if ((rawBucket === undefined) !== (curatedBucket === undefined)) {
    throw new ReplayArgumentsError('--raw-bucket and --curated-bucket go together');
  }
  if (rawBucket !== undefined && values['lake-dir'] !== undefined) {
    throw new ReplayArgumentsError('give either --lake-dir or the buckets, not both');
  }
  const reportIds = values.report ?? [];
  if (reportIds.length > 0 && values.partner === undefined) {
    throw new ReplayArgumentsError('--report needs --partner (report ids are per selling partner)');
  }
  const kmsKeyId = values['kms-key-id'];
  const lake: LakeLocation =
    rawBucket !== undefined && curatedBucket !== undefined
      ? { kind: 's3', rawBucket, curatedBucket, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) }
      : { kind: 'local', directory: values['lake-dir'] ?? '.lake' };
  return {
    lake,
    ...(values.partner === undefined ? {} : { sellingPartnerId: values.partner }),
    reportIds,
  };
}
