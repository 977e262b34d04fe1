import { parseReport } from '../parse-report';
import type { ParsedRecord } from '../parsed-record';
import type { ReportTypeDefinition } from '../report-type-definition';

/** Every record `parseReport` makes of a whole document given in one piece. */
export async function parseWhole(
  definition: ReportTypeDefinition,
  document: string,
  windowStart = '2025-01-05T00:00:00Z',
): Promise<ParsedRecord[]> {
  async function* chunks(): AsyncGenerator<string> {
    yield document;
  }
  const records: ParsedRecord[] = [];
  for await (const record of parseReport(definition, chunks(), { windowStart }).records) {
    records.push(record);
  }
  return records;
}
