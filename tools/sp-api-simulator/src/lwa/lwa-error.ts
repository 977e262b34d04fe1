/** An LWA error answer: `{"error", "error_description"}` with its HTTP status. */
export interface LwaErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: string; readonly error_description: string };
}

/** Builds an LWA error answer; OAuth uses 401 for invalid_client and 400 for the rest. */
export function lwaError(error: string, description: string): LwaErrorAnswer {
  return {
    status: error === 'invalid_client' ? 401 : 400,
    body: { error, error_description: description },
  };
}
