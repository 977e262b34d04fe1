import type { ParquetColumn } from './parquet-sink';
import { schemaHash } from './schema-hash';

const orderId: ParquetColumn = { name: 'amazon_order_id', type: 'string', nullable: false };
const itemPrice: ParquetColumn = {
  name: 'item_price',
  type: 'decimal',
  nullable: true,
  precision: 12,
  scale: 2,
};
const purchaseDate: ParquetColumn = { name: 'purchase_date', type: 'timestamp', nullable: false };
const columns = [orderId, itemPrice, purchaseDate];

describe('schemaHash', () => {
  it('is a stable sha256 hex digest', () => {
    expect(schemaHash(columns)).toMatch(/^[0-9a-f]{64}$/);
    expect(schemaHash(columns.map((column) => ({ ...column })))).toBe(schemaHash(columns));
  });

  it('ignores column order', () => {
    expect(schemaHash([...columns].reverse())).toBe(schemaHash(columns));
  });

  it.each<[string, ParquetColumn[]]>([
    ['a renamed column', [{ ...orderId, name: 'order_id' }, itemPrice, purchaseDate]],
    ['a changed type', [{ ...orderId, type: 'int64' }, itemPrice, purchaseDate]],
    ['a changed nullability', [{ ...orderId, nullable: true }, itemPrice, purchaseDate]],
    ['a changed decimal scale', [orderId, { ...itemPrice, scale: 4 }, purchaseDate]],
    ['an added column', [...columns, { name: 'sku', type: 'string', nullable: true }]],
  ])('changes with %s', (_label, changed) => {
    expect(schemaHash(changed)).not.toBe(schemaHash(columns));
  });
});
