import { catalogHandlers } from '../apis/catalog';
import { inProcessContext } from '../notifications/in-process-context';
import { operationRequest, partnerCaller } from '../notifications/test-requests';
import { loadModelRegistry } from '../server/model-registry';
import { describeSchemaError, SchemaValidators } from '../server/swagger-schema';
import { addPartner } from '../world/world';
import { BOOKS_PER_LANGUAGE, ISBN_PREFIXES } from './catalog-books';
import { type CatalogEntry, catalogTruth } from './catalog-truth';
import { gs1CheckDigit, gtin14Of, isbn10Of } from './gtin';

const US = 'ATVPDKIKX0DER';
const GB = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

const registry = loadModelRegistry();
const validators = new SchemaValidators(registry.models);

function jpWorld() {
  const ctx = inProcessContext();
  const partner = addPartner(ctx.world, {
    accountType: 'seller',
    region: 'FE',
    marketplaceIds: [JP],
  });
  return { ctx, caller: partnerCaller(ctx.world, partner.sellingPartnerId) };
}

async function search(query: Record<string, string>) {
  const { ctx, caller } = jpWorld();
  const response = await catalogHandlers['searchCatalogItems']?.(
    operationRequest('searchCatalogItems', caller, { query }),
    ctx,
  );
  if (response === undefined) throw new Error('no searchCatalogItems handler');
  const operation = registry.operation('searchCatalogItems');
  const schema = operation?.responses[String(response.status)]?.schema;
  const validate = validators.validator(
    operation?.modelId ?? '',
    `response:searchCatalogItems:${response.status}`,
    schema ?? {},
  );
  if (!validate(response.body)) throw new Error(describeSchemaError(validate, 'body'));
  return response as {
    status: number;
    body: { numberOfResults: number; items: { asin: string; identifiers?: unknown }[] };
  };
}

const books = (world: ReturnType<typeof jpWorld>['ctx']['world'], marketplaceId: string) =>
  catalogTruth(world, marketplaceId).filter((entry) => entry.productType === 'ABIS_BOOK');
const idOf = (entry: CatalogEntry | undefined, type: string): string =>
  entry?.identifiers.find((id) => id.identifierType === type)?.identifier ?? '';

describe('books in the catalog truth', () => {
  it('carry valid ISBN-13s of the registration groups of the marketplace language, the ISBN-10 as ASIN', () => {
    const { ctx } = jpWorld();
    for (const [marketplaceId, language] of [
      [US, 'en'],
      [DE, 'de'],
      [JP, 'ja'],
    ] as const) {
      const found = books(ctx.world, marketplaceId);
      expect(found).toHaveLength(BOOKS_PER_LANGUAGE);
      for (const book of found) {
        const isbn = idOf(book, 'ISBN');
        expect(isbn).toMatch(/^97[89]\d{10}$/);
        expect(Number(isbn.slice(-1))).toBe(gs1CheckDigit(isbn.slice(0, 12)));
        expect(ISBN_PREFIXES[language].some((prefix) => isbn.startsWith(prefix))).toBe(true);
        expect(idOf(book, 'EAN')).toBe(isbn);
        expect(idOf(book, 'JAN')).toBe(marketplaceId === JP ? isbn : '');
        expect(book.asin).toEqual(
          isbn.startsWith('978') ? isbn10Of(isbn) : expect.stringMatching(/^B0[0-9A-Z]{8}$/),
        );
        expect(book.datasets.identifiers['identifiers']).toEqual(book.identifiers);
      }
    }
    // The same books (ASIN, ISBN) in every marketplace of a language, in its words there.
    const gb = books(ctx.world, GB);
    expect(gb.map((b) => [b.asin, idOf(b, 'ISBN')])).toEqual(
      books(ctx.world, US).map((b) => [b.asin, idOf(b, 'ISBN')]),
    );
    expect(books(ctx.world, JP).some((b) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(b.itemName))).toBe(
      true,
    );
    // A known ISBN-10 check digit: 0-306-40615-? is 2 (978-0-306-40615-7).
    expect(isbn10Of('9780306406157')).toBe('0306406152');
    expect(gtin14Of('0306406152')).toBe('09780306406157');
    expect(gtin14Of('0306406153')).toBeUndefined();
  });
});

describe('searchCatalogItems by ISBN and JAN', () => {
  it('finds books by ISBN-13 and ISBN-10 in the order asked, with their identifiers by marketplace', async () => {
    const { ctx } = jpWorld();
    const [a, b, c] = books(ctx.world, US).filter((book) => book.asin.match(/^\d/));
    const response = await search({
      marketplaceIds: US,
      identifiersType: 'ISBN',
      identifiers: [
        idOf(b, 'ISBN'),
        b?.asin ?? '',
        c?.asin ?? '',
        idOf(a, 'ISBN'),
        '9780000000002',
      ].join(','),
      includedData:
        'attributes,classifications,dimensions,identifiers,images,productTypes,relationships,salesRanks,summaries',
    });
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.asin)).toEqual([b?.asin, c?.asin, a?.asin]);
    expect(response.body.items[0]?.identifiers).toEqual([
      {
        marketplaceId: US,
        identifiers: [
          { identifierType: 'ISBN', identifier: idOf(b, 'ISBN') },
          { identifierType: 'EAN', identifier: idOf(b, 'ISBN') },
        ],
      },
    ]);
  });

  it('finds JP items by JAN, books and products alike, and a GTIN-compatible number under any of its types', async () => {
    const { ctx } = jpWorld();
    const truth = catalogTruth(ctx.world, JP);
    const withJan = truth.filter((entry) => idOf(entry, 'JAN') !== '');
    const product = withJan.find((entry) => entry.productType !== 'ABIS_BOOK');
    const book = withJan.find((entry) => entry.productType === 'ABIS_BOOK');
    const jans = [idOf(product, 'JAN'), idOf(book, 'JAN')];
    const byJan = await search({
      marketplaceIds: JP,
      identifiersType: 'JAN',
      identifiers: jans.join(','),
    });
    expect(byJan.body.items.map((item) => item.asin)).toEqual([product?.asin, book?.asin]);
    // Amazon's index is GTIN-based: a JAN found as an ISBN search, a 12-digit UPC as a JAN.
    const byIsbn = await search({
      marketplaceIds: JP,
      identifiersType: 'ISBN',
      identifiers: jans[0] ?? '',
    });
    expect(byIsbn.body.items.map((item) => item.asin)).toEqual([product?.asin]);
    const upc = idOf(product, 'JAN').slice(1);
    const byUpc = await search({ marketplaceIds: JP, identifiersType: 'JAN', identifiers: upc });
    expect(byUpc.body.items.map((item) => item.asin)).toEqual([product?.asin]);
    // An ISBN is a JAN in Japan only: the US catalog carries no JAN.
    const us = await search({
      marketplaceIds: US,
      identifiersType: 'JAN',
      identifiers: jans[1] ?? '',
    });
    expect(us.body.numberOfResults).toBe(0);
  });

  it.each([
    [
      'more than 20 ISBNs',
      {
        identifiersType: 'ISBN',
        identifiers: Array.from(
          { length: 21 },
          (_, i) => `97800000000${String(i).padStart(2, '0')}`,
        ).join(','),
      },
    ],
    [
      'JANs with keywords',
      { identifiersType: 'JAN', identifiers: '4900000000001', keywords: 'book' },
    ],
    [
      'ISBNs with brandNames',
      { identifiersType: 'ISBN', identifiers: '9780306406157', brandNames: 'X' },
    ],
    [
      'two marketplaces',
      { identifiersType: 'JAN', identifiers: '4900000000001', marketplaceIds: `${JP},${US}` },
    ],
  ])('answers 400 for %s', async (_, query) => {
    const response = await search({ marketplaceIds: JP, ...query });
    expect(response.status).toBe(400);
  });
});
