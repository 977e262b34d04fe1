import type { LakeSummary } from './lake-summary';
import { formatBytes } from '../pipeline/run-progress';
import { driftText } from './drift-text';
import { textTable } from './text-table';

/** The end-of-run report: a table per dataset and the sample query's answer. */
export function renderSummaryText(summary: LakeSummary, paths: { readonly root: string }): string {
  const datasets = textTable(
    ['dataset', 'rows', 'partitions', 'files', 'sources', 'quarantined', 'schema drift'],
    summary.datasets.map((d) => [
      d.dataset,
      d.rows,
      d.partitions,
      d.files,
      d.reports,
      d.quarantinedRows,
      driftText(d, 2),
    ]),
  );
  const sales = textTable(
    ['date', 'selling_partner_id', 'marketplace_id', 'currency', 'ordered_sales', 'units'],
    summary.dailySales.map((s) => [
      s.date,
      s.sellingPartnerId,
      s.marketplaceId,
      s.currency,
      s.orderedSales,
      s.unitsOrdered,
    ]),
  );
  const { totals } = summary;
  return [
    '',
    `Lake ${paths.root}: ${totals.reports} reports, ${totals.rows.toLocaleString('en-US')} rows, ` +
      `${totals.quarantinedRows} quarantined, ${formatBytes(totals.rawBytes)} raw` +
      (totals.uncuratedReports === 0
        ? ''
        : `; ${totals.uncuratedReports} reports kept raw, not curated (npm run replay)`),
    '',
    datasets,
    '',
    'Sample query (npm run query -- "<sql>" runs your own):',
    indent(summary.sampleQuery),
    '',
    summary.dailySales.length === 0 ? '(no sales and traffic data yet)' : sales,
    '',
    `Catalog: ${paths.root}/catalog.duckdb (${summary.views.length} views)`,
    `Summary: ${paths.root}/summary.html`,
    '',
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
