import { spApiOperations } from './generated/operations';
import type { GrantlessScope } from './token-provider';

/** Every operation id of the generated table. */
export type SpApiOperationId = keyof typeof spApiOperations;

/** HTTP methods the SP-API models use. */
export type SpApiHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Routing facts and default usage plan of one operation, read from the official models. */
export interface SpApiOperationSpec {
  readonly api: string;
  readonly version: string;
  readonly method: SpApiHttpMethod;
  /** Path template, e.g. `/reports/2021-06-30/reports/{reportId}`. */
  readonly path: string;
  /** Default tokens per second. */
  readonly rate: number;
  /** Default bucket size. */
  readonly burst: number;
  /** Scope of the grantless token the operation needs, or null for the partner's token. */
  readonly grantlessScope: GrantlessScope | null;
  /** The 2xx status the model declares for success. */
  readonly successStatus: number;
}

/** The generated operation table, typed (this also checks that the generated data fits the type). */
export const operationSpecs: Readonly<Record<SpApiOperationId, SpApiOperationSpec>> =
  spApiOperations;
