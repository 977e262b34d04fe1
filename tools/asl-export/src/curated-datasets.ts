import { catalogDatasets } from '@spapi-lake/catalog';
import { reportTypeDefinitions } from '@spapi-lake/reports';

/** The state machines that start a dataset's crawler after writing to it. */
export const CrawlerStarter = {
  /** Requested reports (fan-out windows). */
  ReportIngestion: 'report-ingestion',
  /** Amazon-generated reports (settlements), started by their notification. */
  ReportRetrieval: 'report-retrieval',
  /** Catalog items and listings. */
  CatalogRefresh: 'catalog-refresh',
} as const;
export type CrawlerStarter = (typeof CrawlerStarter)[keyof typeof CrawlerStarter];

/**
 * One curated dataset: a Glue table and its crawler, the report types that feed it (none for the
 * catalog datasets), and the state machines allowed to start the crawler.
 */
export interface CuratedDataset {
  readonly name: string;
  readonly reportTypes: readonly string[];
  readonly crawlerStartedBy: readonly CrawlerStarter[];
}

const byName = (a: CuratedDataset, b: CuratedDataset) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * The curated datasets of the report-type registry and of the catalog refresh, sorted by name
 * (infra makes one crawler each). A report dataset's crawler is started by the ingestion when a
 * requestable type feeds it, by the retrieval when an Amazon-generated one does.
 */
export function curatedDatasets(): CuratedDataset[] {
  const reportTypes = new Map<string, Set<string>>();
  const starters = new Map<string, Set<CrawlerStarter>>();
  for (const definition of reportTypeDefinitions) {
    for (const dataset of definition.datasets) {
      reportTypes.set(
        dataset.name,
        (reportTypes.get(dataset.name) ?? new Set()).add(definition.reportType),
      );
      starters.set(
        dataset.name,
        (starters.get(dataset.name) ?? new Set()).add(
          definition.requestable ? CrawlerStarter.ReportIngestion : CrawlerStarter.ReportRetrieval,
        ),
      );
    }
  }
  const reportDatasets = [...reportTypes.entries()].map(([name, types]) => ({
    name,
    reportTypes: [...types].sort(),
    crawlerStartedBy: [...(starters.get(name) ?? [])].sort(),
  }));
  const clash = catalogDatasets.find((dataset) => reportTypes.has(dataset.name));
  if (clash !== undefined) {
    throw new Error(`dataset ${clash.name} is both a report dataset and a catalog dataset`);
  }
  const catalog = catalogDatasets.map((dataset) => ({
    name: dataset.name,
    reportTypes: [],
    crawlerStartedBy: [CrawlerStarter.CatalogRefresh],
  }));
  return [...reportDatasets, ...catalog].sort(byName);
}
