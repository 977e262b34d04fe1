import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import {
  BasePersistenceLayer,
  IdempotencyRecord,
} from '@aws-lambda-powertools/idempotency/persistence';
import type { IdempotencyRecordStatusValue } from '@aws-lambda-powertools/idempotency/types';
import { JsonState } from './json-state';

type JsonValue = IdempotencyRecord['responseData'];

interface StoredRecord {
  status: IdempotencyRecordStatusValue;
  /** Epoch seconds (Powertools' unit). */
  expiryTimestamp?: number;
  /** Epoch ms (Powertools' unit). */
  inProgressExpiryTimestamp?: number;
  responseData?: JsonValue;
  payloadHash?: string;
}

/**
 * Powertools idempotency records in memory, or in a JSON file (`filePath`) for the local runner:
 * the same put-if-absent-or-expired rule as the DynamoDB layer, without a table. Timestamps are
 * Powertools' own (wall clock), so expiry is compared on the wall clock too.
 */
export class LocalIdempotencyStore extends BasePersistenceLayer {
  private readonly state: JsonState<Record<string, StoredRecord>>;

  constructor(options: { readonly filePath?: string } = {}) {
    super();
    this.state = new JsonState<Record<string, StoredRecord>>(() => ({}), options.filePath);
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const stored = (await this.state.read())[idempotencyKey];
    if (stored === undefined) throw new IdempotencyItemNotFoundError();
    return toRecord(idempotencyKey, stored);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const key = record.idempotencyKey;
    await this.state.update((document) => {
      const existing = document[key];
      if (existing !== undefined && !replaceable(existing, Date.now())) {
        throw new IdempotencyItemAlreadyExistsError(
          `Failed to put record for already existing idempotency key: ${key}`,
          toRecord(key, existing),
        );
      }
      document[key] = fromRecord(record);
      return { document, result: undefined };
    });
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await this.state.update((document) => {
      document[record.idempotencyKey] = {
        ...document[record.idempotencyKey],
        ...fromRecord(record),
      };
      return { document, result: undefined };
    });
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.state.update((document) => {
      delete document[record.idempotencyKey];
      return { document, result: undefined };
    });
  }
}

// The DynamoDB layer's condition: absent, expired, or in progress past its in-progress expiry.
function replaceable(existing: StoredRecord, nowMs: number): boolean {
  if (existing.expiryTimestamp !== undefined && existing.expiryTimestamp < nowMs / 1000)
    return true;
  return (
    existing.status === IdempotencyRecordStatus.INPROGRESS &&
    existing.inProgressExpiryTimestamp !== undefined &&
    existing.inProgressExpiryTimestamp < nowMs
  );
}

function fromRecord(record: IdempotencyRecord): StoredRecord {
  return {
    status: record.getStatus(),
    ...(record.expiryTimestamp === undefined ? {} : { expiryTimestamp: record.expiryTimestamp }),
    ...(record.inProgressExpiryTimestamp === undefined
      ? {}
      : { inProgressExpiryTimestamp: record.inProgressExpiryTimestamp }),
    ...(record.responseData === undefined ? {} : { responseData: record.responseData }),
    ...(record.payloadHash === undefined ? {} : { payloadHash: record.payloadHash }),
  };
}

function toRecord(idempotencyKey: string, stored: StoredRecord): IdempotencyRecord {
  return new IdempotencyRecord({ idempotencyKey, ...stored });
}
