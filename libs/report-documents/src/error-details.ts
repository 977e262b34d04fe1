/**
 * The first `code` property along an error's cause chain (`ECONNRESET`, `UND_ERR_SOCKET`,
 * `Z_BUF_ERROR`), for short messages that say what failed without quoting foreign text.
 */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // Structural checks, not `instanceof Error`: Node's internal errors can come from another realm.
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if ('code' in current && typeof current.code === 'string') {
      return current.code;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/**
 * `error`, unless its message, stack or cause chain quotes `secret` (a pre-signed URL's query):
 * then a neutral stand-in, so that logging the `cause` of our errors cannot leak the signature.
 */
export function withoutSecret(error: unknown, secret: string): unknown {
  if (secret === '') {
    return error;
  }
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (describeForSearch(current).includes(secret)) {
      return new Error(`cause withheld because it quoted the pre-signed URL (${errorCode(error)})`);
    }
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return error;
}

// Message, stack and every own string property: Node's errors carry inputs in properties of their
// own (ERR_INVALID_URL keeps `input` and `base`), which a logger prints with the error.
function describeForSearch(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return String(value);
  }
  const message = 'message' in value ? String(value.message) : '';
  const stack = 'stack' in value ? String(value.stack) : '';
  const own = Object.values(value).filter((property) => typeof property === 'string');
  return [message, stack, ...own].join('\n');
}
