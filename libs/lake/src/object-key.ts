import { InvalidObjectKeyError } from './errors';

/** S3's limit on a key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

// C0 controls, DEL, C1 controls and the backslash: legal in S3, but trouble in files and shells.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Checks that `key` is a relative POSIX path both stores can hold the same way: no leading or
 * trailing slash, no empty, `.` or `..` segment, no segment starting with a dot (reserved for the
 * disk store's in-flight temp files, and skipped by Hive-style readers anyway), no control characters.
 */
export function assertObjectKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new InvalidObjectKeyError(`Invalid object key ${JSON.stringify(key)}: ${problem}`);
  }
}

/**
 * Checks a listing prefix: the same rules as a key, except that it may be empty (everything) and
 * may end with a slash or in the middle of a segment (`dt=2024-`).
 */
export function assertObjectKeyPrefix(prefix: string): void {
  if (prefix === '') return;
  const segments = prefix.split('/');
  const last = segments.pop() ?? '';
  // The unfinished last segment only has to be a possible beginning of a valid segment.
  const probe = [...segments, last === '' ? 'x' : `${last}x`].join('/');
  const problem = keyProblem(probe);
  if (problem) {
    throw new InvalidObjectKeyError(`Invalid key prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (FORBIDDEN_CHARACTERS.test(key)) return 'it contains a control character or a backslash';
  if (key.startsWith('/')) return 'it starts with a slash';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty path segment';
    if (segment === '.' || segment === '..') return 'it has a "." or ".." segment';
    if (segment.startsWith('.')) return 'a path segment starts with a dot';
  }
  return undefined;
}
