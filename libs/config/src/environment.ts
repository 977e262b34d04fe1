import type { z } from 'zod';
import { configurationError, toConfigurationIssues } from './issues';

/**
 * Validates an app's environment against its zod schema (use a non-strict `z.object`: the process
 * environment holds many other variables). Empty strings count as unset. Throws a
 * ConfigurationError naming each variable, e.g. `env CURATED_BUCKET: required`.
 */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.output<S> {
  // Lambda and CI often define a variable as '' to mean "not set".
  const present = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issues = toConfigurationIssues(result.error.issues, present, (path) =>
    path.length === 0 ? 'env' : `env ${path.map(String).join('.')}`,
  );
  throw configurationError('environment', issues);
}
