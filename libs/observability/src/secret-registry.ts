import { InvalidSecretValueError } from './errors';

/** Shortest value accepted: shorter ones would redact ordinary words and numbers. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Secret values known at run time (a client secret read from Secrets Manager, a freshly minted
 * token) that the logger replaces wherever they appear, whatever their shape. Share one registry
 * between a logger and the code that fetches secrets.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();

  /** Adds a value (and its URL- and JSON-escaped forms). Throws InvalidSecretValueError if too short. */
  register(value: string): void {
    if (value.length < MIN_SECRET_LENGTH) {
      // Never quote the value itself.
      throw new InvalidSecretValueError(
        `Secret values to redact must be at least ${MIN_SECRET_LENGTH} characters long`,
      );
    }
    this.#values.add(value);
    this.#values.add(encodeURIComponent(value));
    this.#values.add(JSON.stringify(value).slice(1, -1));
  }

  /** Adds several values; see {@link register}. */
  registerAll(values: Iterable<string>): void {
    for (const value of values) this.register(value);
  }

  /** The registered values and their escaped forms. */
  values(): readonly string[] {
    return [...this.#values];
  }
}
