import type { TsvCurationOutput, TsvCurationSetup } from '@spapi-lake/ingestion';

/** Messages to a TSV curation worker; each is answered by one {@link WorkerResponse}, in order. */
export type WorkerRequest =
  | { readonly type: 'open'; readonly id: number; readonly setup: TsvCurationSetup }
  | { readonly type: 'curate'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'finish'; readonly id: number };

export type WorkerResponse =
  | { readonly id: number; readonly output: TsvCurationOutput | undefined }
  | {
      readonly id: number;
      readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    };

/** What a worker is started with. */
export interface WorkerOptions {
  readonly createdBy?: string;
}
