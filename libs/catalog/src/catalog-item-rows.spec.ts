import { catalogDatasetColumns } from './catalog-datasets';
import { catalogItemRow } from './catalog-item-rows';
import { catalogItem } from './test/fake-apis';

const US = 'ATVPDKIKX0DER';
const lineage = { refreshId: 'r-1', trigger: 'refresh', fetchedAt: 1_700_000_000_000 } as const;

describe('catalogItemRow', () => {
  it('types the summary of the marketplace and keeps nested datasets as JSON', () => {
    const row = catalogItemRow(catalogItem('B000000001', US, 'Towel'), US, lineage);
    expect(row).toMatchObject({
      asin: 'B000000001',
      item_name: 'Towel',
      brand: 'Acme',
      item_classification: 'BASE_PRODUCT',
      product_type: 'HOME',
      release_date: '2022-04-24',
      package_quantity: 2,
      adult_product: false,
      browse_classification_id: '123',
      browse_classification_name: 'Towels',
      main_image_url: 'https://img/main.jpg',
      sales_rank: 42,
      sales_rank_display_group: 'home_display_on_website',
      parent_asins_json: '["BPARENT001"]',
      child_asins_json: null,
      _refresh_id: 'r-1',
      _trigger: 'refresh',
      _notification_ids: null,
      _fetched_at: 1_700_000_000_000,
    });
    expect(JSON.parse(String(row['images_json']))).toHaveLength(2);
    expect(JSON.parse(String(row['sales_ranks_json']))).toEqual({
      displayGroupRanks: [
        { websiteDisplayGroup: 'home_display_on_website', title: 'Home', rank: 42 },
      ],
    });
  });

  it("keeps only the marketplace's attribute values", () => {
    const row = catalogItemRow(catalogItem('B000000001', US, 'Towel'), US, lineage);
    expect(JSON.parse(String(row['attributes_json']))).toEqual({
      item_name: [{ value: 'Towel', language_tag: 'en_US', marketplace_id: US }],
    });
  });

  it('leaves datasets that were not requested null', () => {
    const row = catalogItemRow({ asin: 'B000000002' }, US, lineage);
    const columns = catalogDatasetColumns('catalog_items').map((column) => column.name);
    expect(Object.keys(row).sort()).toEqual([...columns].sort());
    expect(row['item_name']).toBeNull();
    expect(row['attributes_json']).toBeNull();
    expect(row['release_date']).toBeNull();
  });

  it('reads the summary of the asked marketplace from a multi-marketplace answer', () => {
    const item = {
      asin: 'B000000003',
      summaries: [
        { marketplaceId: 'A1PA6795UKMFR9', itemName: 'Handtuch' },
        { marketplaceId: US, itemName: 'Towel' },
      ],
    };
    expect(catalogItemRow(item, 'A1PA6795UKMFR9', lineage)['item_name']).toBe('Handtuch');
    expect(catalogItemRow(item, US, lineage)['item_name']).toBe('Towel');
  });
});
