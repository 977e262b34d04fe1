import { findMarketplace } from '@spapi-lake/config';
import { formatBytes } from '../pipeline/run-progress';
import type { DailySales } from './daily-sales';
import type { LakeSummary } from './lake-summary';
import { driftText } from './drift-text';

const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d'];
const CHART = { width: 880, height: 320, left: 72, right: 16, top: 16, bottom: 56 };

/**
 * `.lake/summary.html`: one self-contained page (inline CSS and SVG, no script) with what landed
 * per dataset and a bar chart of daily ordered sales per marketplace. Every number is also in a
 * `data-*` attribute, so a browser test reads back exactly what was rendered.
 */
export function renderSummaryHtml(summary: LakeSummary): string {
  const { totals, run } = summary;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>spapi-lake: what landed in the lake</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1f2937; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; }
  .muted { color: #6b7280; }
  .kpis { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
  .kpi { border: 1px solid #e5e7eb; border-radius: 6px; padding: 0.5rem 0.9rem; min-width: 8rem; }
  .kpi b { display: block; font-size: 1.3rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #e5e7eb; padding: 0.3rem 0.5rem; text-align: left; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .legend span { display: inline-block; margin-right: 1rem; }
  .legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -1px; }
  code, pre { background: #f3f4f6; border-radius: 4px; }
  pre { padding: 0.6rem; overflow-x: auto; }
</style>
</head>
<body>
<h1>spapi-lake: what landed in the lake</h1>
<p class="muted">Generated ${escapeHtml(summary.generatedAt)}${run === undefined ? '' : ` after a ${escapeHtml(run.mode)} run (faults: ${escapeHtml(run.faultProfile)}, ${run.wallSeconds.toFixed(1)} s, fan-out ${escapeHtml(run.status)})`}.</p>
<div class="kpis" id="totals">
  ${kpi('reports', 'reports ingested', totals.reports)}
  ${kpi('rows', 'curated rows', totals.rows)}
  ${kpi('quarantinedRows', 'quarantined rows', totals.quarantinedRows)}
  ${kpi('partitions', 'partitions', totals.partitions)}
  <div class="kpi" data-total="rawBytes" data-value="${totals.rawBytes}"><b>${escapeHtml(formatBytes(totals.rawBytes))}</b>raw documents</div>
</div>
<h2>Daily ordered sales</h2>
<p class="muted">Ordered product sales per day and marketplace from <code>sales_and_traffic_by_date</code>, in each marketplace's currency.</p>
${salesChart(summary.dailySales)}
${salesTable(summary.dailySales)}
<h2>Datasets</h2>
${datasetsTable(summary)}
<h2>Query it</h2>
<p>Every dataset is a view in <code>.lake/catalog.duckdb</code> (${summary.views.length} views): <code>npm run query -- "SELECT ..."</code>. The chart above is:</p>
<pre id="sample-query">${escapeHtml(summary.sampleQuery)}</pre>
</body>
</html>
`;
}

function kpi(key: string, label: string, value: number): string {
  return `<div class="kpi" data-total="${key}" data-value="${value}"><b>${value.toLocaleString('en-US')}</b>${escapeHtml(label)}</div>`;
}

function seriesKey(row: DailySales): string {
  return `${row.sellingPartnerId}/${row.marketplaceId}`;
}

function seriesLabel(row: DailySales): string {
  const country = findMarketplace(row.marketplaceId)?.countryCode ?? row.marketplaceId;
  return `${country} ${row.currency} (${row.sellingPartnerId})`;
}

function salesChart(rows: readonly DailySales[]): string {
  if (rows.length === 0) {
    return '<p id="daily-sales-empty">No sales and traffic data in the lake yet.</p>';
  }
  const dates = [...new Set(rows.map((row) => row.date))].sort();
  const series = [...new Map(rows.map((row) => [seriesKey(row), row])).values()];
  const max = Math.max(...rows.map((row) => row.orderedSales), 1);
  const top = niceCeiling(max);
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const groupWidth = plotWidth / dates.length;
  const barWidth = Math.max(2, (groupWidth * 0.8) / series.length);
  const y = (value: number) => CHART.top + plotHeight - (value / top) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * top);
  const bars = rows.map((row) => {
    const dateIndex = dates.indexOf(row.date);
    const seriesIndex = series.findIndex((s) => seriesKey(s) === seriesKey(row));
    const x = CHART.left + dateIndex * groupWidth + groupWidth * 0.1 + seriesIndex * barWidth;
    const barTop = y(row.orderedSales);
    return `<rect class="bar" x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(CHART.top + plotHeight - barTop).toFixed(1)}" fill="${PALETTE[seriesIndex % PALETTE.length]}" data-date="${row.date}" data-series="${escapeHtml(seriesKey(row))}" data-value="${row.orderedSales}"><title>${escapeHtml(`${seriesLabel(row)} ${row.date}: ${formatMoney(row.orderedSales)}`)}</title></rect>`;
  });
  const axis = [
    ...ticks.map(
      (tick) =>
        `<line x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e7eb"/><text x="${CHART.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#6b7280">${formatMoney(tick)}</text>`,
    ),
    ...dates.map(
      (date, index) =>
        `<text class="x-label" x="${(CHART.left + index * groupWidth + groupWidth / 2).toFixed(1)}" y="${CHART.height - CHART.bottom + 18}" text-anchor="middle" font-size="11" fill="#374151">${date}</text>`,
    ),
  ];
  const legend = series
    .map(
      (row, index) =>
        `<span data-series="${escapeHtml(seriesKey(row))}"><i style="background:${PALETTE[index % PALETTE.length]}"></i>${escapeHtml(seriesLabel(row))}</span>`,
    )
    .join('');
  return `<figure>
<svg id="daily-sales-chart" role="img" aria-label="Daily ordered sales" viewBox="0 0 ${CHART.width} ${CHART.height}" width="100%">
${axis.join('\n')}
${bars.join('\n')}
</svg>
<figcaption class="legend">${legend}</figcaption>
</figure>`;
}

function salesTable(rows: readonly DailySales[]): string {
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (row) =>
        `<tr data-date="${row.date}" data-series="${escapeHtml(seriesKey(row))}"><td>${row.date}</td><td>${escapeHtml(seriesLabel(row))}</td><td class="num" data-field="orderedSales" data-value="${row.orderedSales}">${formatMoney(row.orderedSales)}</td><td class="num" data-field="unitsOrdered" data-value="${row.unitsOrdered}">${row.unitsOrdered}</td></tr>`,
    )
    .join('\n');
  return `<table id="daily-sales"><thead><tr><th>date</th><th>marketplace</th><th class="num">ordered sales</th><th class="num">units</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

function datasetsTable(summary: LakeSummary): string {
  if (summary.datasets.length === 0) return '<p id="datasets-empty">Nothing has landed yet.</p>';
  const numbers = ['rows', 'partitions', 'files', 'reports', 'quarantinedRows'] as const;
  const body = summary.datasets
    .map(
      (d) =>
        `<tr data-dataset="${escapeHtml(d.dataset)}"><td>${escapeHtml(d.dataset)}</td>${numbers
          .map(
            (field) =>
              `<td class="num" data-field="${field}" data-value="${d[field]}">${d[field].toLocaleString('en-US')}</td>`,
          )
          .join('')}<td data-field="drift">${driftCell(d)}</td></tr>`,
    )
    .join('\n');
  return `<table id="datasets"><thead><tr><th>dataset</th><th class="num">rows</th><th class="num">partitions</th><th class="num">files</th><th class="num" title="reports or catalog refreshes">sources</th><th class="num">quarantined</th><th>schema drift</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

// Short when there is little to say; the whole list folded away when documents drifted a lot.
function driftCell(d: LakeSummary['datasets'][number]): string {
  const full = escapeHtml(driftText(d));
  const count = d.driftColumns.length + d.missingColumns.length + d.skippedKeys.length;
  if (count <= 3) return full;
  const skipped = d.skippedKeys.length > 0 ? `, ${d.skippedKeys.length} skipped` : '';
  return `<details><summary>${d.driftColumns.length} new, ${d.missingColumns.length} absent${skipped}</summary>${full}</details>`;
}

// 1, 2 or 5 times a power of ten, at least `value`: round axis ticks.
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? value;
}

function formatMoney(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
