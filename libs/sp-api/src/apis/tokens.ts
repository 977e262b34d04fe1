import { z } from 'zod';
import type { definitions } from '../generated/tokens.types';
import type { OperationCaller } from '../operation-caller';
import { parseResponseBody } from '../response-body';

/** Tokens 2021-03-01 `CreateRestrictedDataTokenRequest`. */
export type CreateRestrictedDataTokenRequest = definitions['CreateRestrictedDataTokenRequest'];

/** A restricted data token (send it as `accessToken` of a restricted call) and its lifetime. */
export interface RestrictedDataToken {
  readonly restrictedDataToken: string;
  /** Seconds. */
  readonly expiresIn?: number;
}

/** Tokens API 2021-03-01. */
export interface TokensApi {
  createRestrictedDataToken(
    request: CreateRestrictedDataTokenRequest,
  ): Promise<RestrictedDataToken>;
}

const restrictedDataTokenSchema = z.looseObject({
  restrictedDataToken: z.string().min(1),
  expiresIn: z.number().optional(),
});

/** The Tokens API over an operation caller. */
export function createTokensApi(call: OperationCaller): TokensApi {
  return {
    async createRestrictedDataToken(request) {
      const response = await call('createRestrictedDataToken', { body: request });
      return parseResponseBody(restrictedDataTokenSchema, response);
    },
  };
}
