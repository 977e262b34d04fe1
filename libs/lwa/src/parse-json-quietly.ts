/** `JSON.parse` that yields `undefined` instead of throwing. */
export function parseJsonQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError quotes the text, which may hold a token: never let it travel as a cause.
    return undefined;
  }
}
