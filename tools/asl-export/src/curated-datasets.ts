import { reportTypeDefinitions } from '@spapi-lake/reports';

/** One curated dataset: a Glue table, its crawler, and the report types that feed it. */
export interface CuratedDataset {
  readonly name: string;
  readonly reportTypes: readonly string[];
}

/** The curated datasets of the report-type registry, sorted by name (infra makes one crawler each). */
export function curatedDatasets(): CuratedDataset[] {
  const byName = new Map<string, string[]>();
  for (const definition of reportTypeDefinitions) {
    for (const dataset of definition.datasets) {
      byName.set(dataset.name, [...(byName.get(dataset.name) ?? []), definition.reportType]);
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, reportTypes]) => ({ name, reportTypes: [...new Set(reportTypes)].sort() }));
}
