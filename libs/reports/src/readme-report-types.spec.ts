import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reportTypeDefinitions } from './report-type-registry';

// The README's "What lands in the lake" table is what users read to know what they get: it must
// name exactly the registry's report types and their curated tables.

function readmeTable(): Map<string, string[]> {
  const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
  const table = new Map<string, string[]>();
  for (const match of readme.matchAll(/^\| `([A-Z0-9_]+)` +\| ([^|]+)\|/gm)) {
    const [, reportType = '', tables = ''] = match;
    table.set(
      reportType,
      [...tables.matchAll(/`([a-z0-9_]+)`/g)].map(([, name]) => name ?? ''),
    );
  }
  return table;
}

describe('the README', () => {
  it('lists every report type of the registry with its curated tables', () => {
    expect(readmeTable()).toEqual(
      new Map(
        reportTypeDefinitions.map((definition) => [
          definition.reportType,
          definition.datasets.map((dataset) => dataset.name),
        ]),
      ),
    );
  });
});
