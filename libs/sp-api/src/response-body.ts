import type { z } from 'zod';
import { SpApiResponseValidationError } from './errors';
import type { OperationResponse } from './operation-caller';

/**
 * The body of a 2xx response checked against `schema`; a mismatch is a SpApiResponseValidationError
 * naming the paths that failed (never their values).
 */
export function parseResponseBody<S extends z.ZodType>(
  schema: S,
  response: OperationResponse,
): z.output<S> {
  const result = schema.safeParse(response.body);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`,
  );
  throw new SpApiResponseValidationError(response, issues, { cause: result.error });
}

/**
 * For large documents (catalog and listings items): validates the envelope the client relies on with
 * `schema` and types the whole body as the model's generated type `T`.
 */
export function parseResponseEnvelope<T>(schema: z.ZodType, response: OperationResponse): T {
  return parseResponseBody(schema, response) as T;
}
