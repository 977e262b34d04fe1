/** Port: unguessable, URL-safe random strings (at least 128 bits) for state ids and cookie nonces. */
export interface NonceSource {
  next(): string;
}
