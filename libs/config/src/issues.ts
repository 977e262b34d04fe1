import type { z } from 'zod';
import { ConfigurationError, type ConfigurationIssue } from './errors';

type PathSegment = PropertyKey;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;
const MAX_LISTED_ISSUES = 10;

/** `accounts` + `[1, 'marketplaceIds', 0]` -> `accounts[1].marketplaceIds[0]`. */
export function formatPath(root: string, path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    if (IDENTIFIER.test(key)) return text === '' ? key : `${text}.${key}`;
    return `${text}[${JSON.stringify(key)}]`;
  }, root);
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}

/**
 * Turns zod issues into located, readable issues. Messages never echo input values (zod's own do
 * not); a missing key reads `required` and each unknown key is reported at its own path.
 */
export function toConfigurationIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  locate: (path: readonly PathSegment[]) => string,
): ConfigurationIssue[] {
  return issues.flatMap((issue): ConfigurationIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: locate([...issue.path, key]),
        message: 'unknown key (check the spelling)',
      }));
    }
    const missing =
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      valueAt(input, issue.path) === undefined;
    return [{ path: locate(issue.path), message: missing ? 'required' : issue.message }];
  });
}

/** Builds the error thrown by every parser of this lib: a summary line, then each located issue. */
export function configurationError(
  subject: string,
  issues: readonly ConfigurationIssue[],
): ConfigurationError {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - listed.length;
  const suffix = more > 0 ? `; and ${more} more` : '';
  return new ConfigurationError(`Invalid ${subject}: ${listed.join('; ')}${suffix}`, { issues });
}

/**
 * Validates `input` (a JSON string as read from SSM, or an already parsed value) against `schema`,
 * throwing a ConfigurationError located under `source`.
 */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  input: unknown,
  source: string,
): z.output<S> {
  const value = typeof input === 'string' ? parseJson(input, source) : input;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toConfigurationIssues(result.error.issues, value, (path) =>
    formatPath(source, path),
  );
  throw configurationError(source, issues);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError's message quotes the input, which may hold a pasted token: leave it out.
    throw configurationError(source, [{ path: source, message: 'not valid JSON' }]);
  }
}
