import { buildRequestUrl } from './request-url';

describe('buildRequestUrl', () => {
  it('sends arrays as comma-separated values', () => {
    const url = buildRequestUrl(
      'https://h',
      '/catalog/2022-04-01/items',
      {},
      {
        marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
        includedData: ['summaries', 'images'],
        keywords: ['red shoe', 'a,b'],
        pageSize: 20,
        pageToken: undefined,
        empty: [],
      },
    );
    expect(url).toBe(
      'https://h/catalog/2022-04-01/items?marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&includedData=summaries,images&keywords=red%20shoe,a%2Cb&pageSize=20',
    );
  });

  it('percent-encodes path parameters, including slashes and spaces of SKUs', () => {
    const url = buildRequestUrl(
      'http://127.0.0.1:9',
      '/listings/2021-08-01/items/{sellerId}/{sku}',
      {
        sellerId: 'A1B2',
        sku: "AB/12 x+y#(1)'!*?&%",
      },
    );
    expect(url).toBe(
      'http://127.0.0.1:9/listings/2021-08-01/items/A1B2/AB%2F12%20x%2By%23%281%29%27%21%2A%3F%26%25',
    );
  });

  it('rejects a missing path parameter', () => {
    expect(() => buildRequestUrl('https://h', '/reports/2021-06-30/reports/{reportId}')).toThrow(
      'Missing path parameter reportId',
    );
  });
});
