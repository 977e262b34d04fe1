import { listingsFor, productsFor } from './listings';
import { DE, JP, US } from './test-support';

describe('listingsFor', () => {
  it('keeps the same SKUs and ASINs every day, with day-dependent price and quantity', () => {
    const monday = listingsFor(7, 'A3SELLER0EXAMPLE', US, '2026-10-05');
    const later = listingsFor(7, 'A3SELLER0EXAMPLE', US, '2026-11-20T13:00:00Z');
    expect(later.map((l) => [l.sku, l.asin, l.title])).toEqual(
      monday.map((l) => [l.sku, l.asin, l.title]),
    );
    expect(later.map((l) => l.quantity)).not.toEqual(monday.map((l) => l.quantity));
    expect(listingsFor(7, 'A3SELLER0EXAMPLE', US, '2026-10-05')).toEqual(monday);
  });

  it('shares SKUs and ASINs across marketplaces with local titles, prices and currencies', () => {
    const us = new Map(listingsFor(7, 'A3SELLER0EXAMPLE', US, '2026-10-05').map((l) => [l.sku, l]));
    const de = listingsFor(7, 'A3SELLER0EXAMPLE', DE, '2026-10-05');
    const jp = listingsFor(7, 'A3SELLER0EXAMPLE', JP, '2026-10-05');
    const shared = de.filter((l) => us.has(l.sku));
    expect(shared.length).toBeGreaterThan(20);
    for (const listing of shared) expect(us.get(listing.sku)?.asin).toBe(listing.asin);
    expect(de.every((l) => l.currency === 'EUR' && /^\d+\.\d\d$/.test(l.price))).toBe(true);
    expect(jp.every((l) => l.currency === 'JPY' && /^\d+$/.test(l.price))).toBe(true);
    expect(jp.some((l) => /[\u4e00-\u9fff]/.test(l.title))).toBe(true);
  });

  it('builds valid identifiers: unique B0 ASINs, UPC/EAN with a check digit', () => {
    const products = productsFor(7, 'A3SELLER0EXAMPLE');
    const asins = products.map((p) => p.asin);
    expect(new Set(asins).size).toBe(asins.length);
    expect(asins.every((asin) => /^B0[0-9A-Z]{8}$/.test(asin))).toBe(true);
    const checkDigitOk = (upc: string) => {
      const digits = [...upc].map(Number);
      const sum = digits.slice(0, 11).reduce((acc, d, i) => acc + (i % 2 === 0 ? 3 * d : d), 0);
      return (10 - (sum % 10)) % 10 === digits[11];
    };
    expect(products.every((p) => checkDigitOk(p.upc))).toBe(true);
    expect(listingsFor(7, 'A3SELLER0EXAMPLE', 'NOPE', '2026-10-05')).toEqual([]);
  });
});
