import { DAY_MS, dayOf, formatIsoOffset } from '../calendar';
import { listingsOnDay } from '../listings';
import type { Marketplace } from '../marketplaces';
import { buildOrder, newOrderId, orderContext, type OrderContext } from '../orders';
import { createRng } from '../random';
import type { ResolvedRequest } from '../report-definition';
import { orderRow } from './order-row';

/** Which timestamp of an order the window selects. */
export type OrdersBasis = 'order-date' | 'last-update';

// Orders built per slot (marketplace x day) and then reused with new ids and times.
const TEMPLATE_ORDERS = 256;

/**
 * Size option: exactly `total` order lines (TSV lines without line ending) spread evenly over the
 * window's days and marketplaces, generated lazily. Each slot builds a pool of template orders
 * once; every emitted order takes one with a fresh order id and times, so purchase-date
 * (order-date) or last-updated-date (last-update) lies in the window. Synthetic: these rows do
 * not match other reports of the same window.
 */
export function* syntheticOrderLines(
  { spec, marketplaces, startMs, endMs }: ResolvedRequest,
  basis: OrdersBasis,
  total: number,
): Generator<string, void, undefined> {
  const windowEnd = endMs > startMs ? endMs : startMs + DAY_MS;
  const slots: { marketplace: Marketplace; day: number; from: number; to: number }[] = [];
  for (let day = dayOf(startMs); day * DAY_MS < windowEnd; day += 1) {
    for (const marketplace of marketplaces) {
      slots.push({
        marketplace,
        day,
        from: Math.max(day * DAY_MS, startMs),
        to: Math.min((day + 1) * DAY_MS, windowEnd),
      });
    }
  }
  const withCpf = basis === 'order-date';
  for (const [slotIndex, slot] of slots.entries()) {
    const count = Math.floor(total / slots.length) + (slotIndex < total % slots.length ? 1 : 0);
    if (count === 0) continue;
    const { seed, sellingPartnerId } = spec;
    const rng = createRng(seed, sellingPartnerId, slot.marketplace.id, 'synthetic', slot.day);
    const context = syntheticContext(seed, sellingPartnerId, slot.marketplace, slot.day);
    const templates = Array.from({ length: TEMPLATE_ORDERS }, () => {
      const order = buildOrder(rng, context, slot.from);
      return {
        merchantOrderId: order.merchantOrderId,
        lagMs: order.outcome.atMs - order.purchaseMs,
        // Everything after the four id/time cells is the same for every copy of the order.
        tails: order.lines.map((line) =>
          orderRow(order, line, order.outcome.status, order.outcome.atMs, withCpf)
            .slice(4)
            .join('\t'),
        ),
      };
    });
    const spanMs = slot.to - slot.from;
    let produced = 0;
    while (produced < count) {
      // Whole seconds inside the slot, spread evenly by the row index.
      const at = slot.from + Math.floor(((produced + 0.5) * spanMs) / count / 1000) * 1000;
      const template = templates[rng.int(0, TEMPLATE_ORDERS - 1)];
      if (!template) break;
      const purchase = basis === 'order-date' ? at : at - template.lagMs;
      const updated = basis === 'order-date' ? at + template.lagMs : at;
      const head = `${newOrderId(rng, slot.marketplace)}\t${template.merchantOrderId}\t${formatIsoOffset(purchase)}\t${formatIsoOffset(updated)}\t`;
      for (const tail of template.tails) {
        if (produced >= count) break;
        produced += 1;
        yield head + tail;
      }
    }
  }
}

function syntheticContext(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  day: number,
): OrderContext {
  const context = orderContext(seed, partnerId, marketplace, day);
  if (context.afnListings.length + context.mfnListings.length > 0) return context;
  const all = listingsOnDay(seed, partnerId, marketplace, day);
  return {
    marketplace,
    afnListings: all.filter((listing) => listing.fulfillmentChannel !== 'DEFAULT'),
    mfnListings: all.filter((listing) => listing.fulfillmentChannel === 'DEFAULT'),
  };
}
