import { decimalByteWidth, parquetSchemaOf } from './parquet-schema';

describe('parquetSchemaOf', () => {
  it('maps decimals to the smallest fixed-length byte array holding their precision', () => {
    expect([1, 2, 3, 9, 10, 18, 19, 38].map(decimalByteWidth)).toEqual([1, 1, 2, 4, 5, 8, 9, 16]);
  });

  it('sets logical and legacy converted types, and repetition from nullability', () => {
    expect(
      parquetSchemaOf([
        { name: 'purchase_date', type: 'timestamp', nullable: false },
        { name: 'item_price', type: 'decimal', nullable: true, precision: 12, scale: 2 },
      ]),
    ).toEqual([
      { name: 'root', num_children: 2 },
      {
        name: 'purchase_date',
        repetition_type: 'REQUIRED',
        type: 'INT64',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      },
      {
        name: 'item_price',
        repetition_type: 'OPTIONAL',
        type: 'FIXED_LEN_BYTE_ARRAY',
        type_length: 6,
        converted_type: 'DECIMAL',
        precision: 12,
        scale: 2,
        logical_type: { type: 'DECIMAL', precision: 12, scale: 2 },
      },
    ]);
  });
});
