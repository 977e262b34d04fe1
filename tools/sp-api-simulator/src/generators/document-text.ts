/** Target size of one text chunk (characters). */
export const CHUNK_CHARS = 65_536;

/** Joins small pieces of text into chunks of about `CHUNK_CHARS` characters. */
export function* chunked(pieces: Iterable<string>): Generator<string, void, undefined> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * Text fit for a TSV cell: Amazon replaces tabs and line breaks inside values, so a cell never
 * holds one. Free text is cleaned where it is made (listings, places), keeping row output cheap.
 */
export function tsvCell(value: string): string {
  return /[\t\r\n]/.test(value) ? value.replace(/[\t\r\n]+/g, ' ') : value;
}

/**
 * The re-iterable text of a TSV document: header line, then one line per row (cells joined by
 * tabs), each ending in `eol`. Cells must already be clean (see `tsvCell`).
 */
export function tsvText(
  header: readonly string[],
  lines: () => Iterable<string>,
  eol: '\n' | '\r\n',
): () => Iterable<string> {
  return () =>
    chunked(
      (function* withEndings() {
        yield header.join('\t') + eol;
        for (const line of lines()) yield line + eol;
      })(),
    );
}

/** The lines of rows: their cells joined by tabs. */
export function* joinedRows(rows: Iterable<readonly string[]>): Generator<string, void, undefined> {
  for (const row of rows) yield row.join('\t');
}

/** One top-level array of a JSON report. */
export interface JsonArray {
  /** Property name in the document, e.g. `salesAndTrafficByDate`. */
  readonly key: string;
  /** Ground-truth table name, e.g. `sales_and_traffic_by_date`. */
  readonly table: string;
  readonly count: number;
  readonly items: () => Iterable<Readonly<Record<string, unknown>>>;
}

/**
 * The re-iterable text of a JSON report: the `head` properties, then each array streamed entry by
 * entry (compact JSON, UTF-8 text).
 */
export function jsonText(
  head: Readonly<Record<string, unknown>>,
  arrays: readonly JsonArray[],
): () => Iterable<string> {
  return () =>
    chunked(
      (function* pieces() {
        const headJson = JSON.stringify(head);
        const headBody = headJson.slice(1, -1);
        yield `{${headBody}`;
        let first = headBody === '';
        for (const array of arrays) {
          yield `${first ? '' : ','}${JSON.stringify(array.key)}:[`;
          first = false;
          let separator = '';
          for (const item of array.items()) {
            yield separator + JSON.stringify(item);
            separator = ',';
          }
          yield ']';
        }
        yield '}';
      })(),
    );
}
