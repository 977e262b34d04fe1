// `npm run replay`: rebuilds curated objects from the raw zone of a local or S3 lake (see README).
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock } from '@spapi-lake/core';
import { buildReplayDependencies } from '@spapi-lake/report-retriever-handlers';
import { LocalDiskObjectStore, S3ObjectStore } from '@spapi-lake/lake-adapters';
import type { ObjectStore } from '@spapi-lake/lake';
import {
  type LakeLocation,
  REPLAY_USAGE,
  ReplayArgumentsError,
  parseReplayArguments,
} from './replay-arguments';
import { replayLake } from './replay-lake';

function lakeZones(lake: LakeLocation): { raw: ObjectStore; curated: ObjectStore } {
  if (lake.kind === 'local') {
    return {
      raw: new LocalDiskObjectStore(path.join(lake.directory, 'raw')),
      curated: new LocalDiskObjectStore(path.join(lake.directory, 'curated')),
    };
  }
  const client = new S3Client({});
  const kms = lake.kmsKeyId === undefined ? {} : { kmsKeyId: lake.kmsKeyId };
  return {
    raw: new S3ObjectStore({ client, bucket: lake.rawBucket, ...kms }),
    curated: new S3ObjectStore({ client, bucket: lake.curatedBucket, ...kms }),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(REPLAY_USAGE);
    return;
  }
  const options = parseReplayArguments(args);
  const summary = await replayLake(
    {
      ...buildReplayDependencies(lakeZones(options.lake)),
      clock: systemClock,
      // A workstation has no 15-minute limit: a huge document could outlast its report's lease.
      leaseRenewEveryMs: 5 * 60_000,
    },
    {
      ...(options.sellingPartnerId === undefined
        ? {}
        : { sellingPartnerId: options.sellingPartnerId }),
      reportIds: options.reportIds,
    },
    (line) => console.log(line),
  );
  if (summary.failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof ReplayArgumentsError) console.error(`${error.message}\n\n${REPLAY_USAGE}`);
  else console.error(error);
  process.exitCode = 1;
});
