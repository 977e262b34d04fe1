import { dateKey, daysFromCivil } from '../generators/calendar';
import type { Language, Marketplace } from '../generators/marketplaces';
import { formatMinor } from '../generators/money';
import { createRng, hash32 } from '../generators/random';
import type { BrowseNode, CatalogEntry } from './catalog-truth';
import { dimensionsOf, imagesOf, listPriceMinor, nodeId } from './catalog-entry-parts';
import { gs1CheckDigit, isbn10Of } from './gtin';

/** Books each marketplace's catalog carries (the same ISBNs in every marketplace of a language). */
export const BOOKS_PER_LANGUAGE = 24;

/**
 * ISBN-13 prefixes (EAN prefix + registration group) of the books of a language: 978-0/978-1 and
 * 979-8 (US) for English, 978-3 German, 978-2/979-10 French, 978-84 Spain, 978-88/979-12 Italian,
 * 978-4 Japanese.
 */
export const ISBN_PREFIXES: Readonly<Record<Language, readonly string[]>> = {
  en: ['9780', '9781', '9798'],
  de: ['9783'],
  fr: ['9782', '97910'],
  es: ['97884'],
  it: ['97888', '97912'],
  ja: ['9784'],
};

interface BookWords {
  readonly department: string;
  readonly genres: readonly string[];
  readonly titleHeads: readonly string[];
  readonly titleTails: readonly string[];
  readonly givenNames: readonly string[];
  readonly familyNames: readonly string[];
  readonly publishers: readonly string[];
  readonly authorRole: string;
  /** Japanese names read family name first, without a space. */
  readonly familyFirst?: boolean;
}

const WORDS: Readonly<Record<Language, BookWords>> = {
  en: {
    department: 'Books',
    genres: ['Literature & Fiction', 'Cookbooks, Food & Wine', 'Travel'],
    titleHeads: ['The Quiet', 'A Winter', 'The Last', 'Small', 'The Salt', 'An Open'],
    titleTails: ['Harbour', 'Kitchen', 'Road North', 'Lanterns', 'Orchard', 'Letters'],
    givenNames: ['Eleanor', 'James', 'Priya', 'Tomás', 'Grace', 'Daniel'],
    familyNames: ['Whitfield', 'Okafor', 'Lindqvist', 'Moreau', 'Hayes', 'Brennan'],
    publishers: ['Harbor Lane Press', 'Northfield Books', 'Quill & Ash'],
    authorRole: 'Author',
  },
  de: {
    department: 'Bücher',
    genres: ['Romane & Erzählungen', 'Kochen & Genießen', 'Reisen'],
    titleHeads: ['Der stille', 'Ein langer', 'Der letzte', 'Kleiner', 'Der grüne', 'Ein offener'],
    titleTails: ['Hafen', 'Winter', 'Sommer', 'Garten', 'Weg nach Norden', 'Brief'],
    givenNames: ['Anna', 'Jürgen', 'Lena', 'Matthias', 'Sophie', 'Jonas'],
    familyNames: ['Krämer', 'Hoffmann', 'Weißbach', 'Lindner', 'Schröder', 'Vogel'],
    publishers: ['Lindenhof Verlag', 'Edition Nordlicht', 'Brückner & Söhne'],
    authorRole: 'Autor',
  },
  fr: {
    department: 'Livres',
    genres: ['Romans et littérature', 'Cuisine et vins', 'Tourisme et voyages'],
    titleHeads: [
      'Le silence du',
      "L'hiver du",
      'Le dernier',
      'Le petit',
      'La route du',
      "L'été du",
    ],
    titleTails: ['port', 'verger', 'phare', 'jardin', 'nord', 'fleuve'],
    givenNames: ['Camille', 'Étienne', 'Inès', 'Julien', 'Margaux', 'Théo'],
    familyNames: ['Lefèvre', 'Durand', 'Garnier', 'Rousseau', 'Bonnet', 'Mercier'],
    publishers: ['Éditions du Quai', 'Maison Lumière', 'Éditions Grand Large'],
    authorRole: 'Auteur',
  },
  es: {
    department: 'Libros',
    genres: ['Literatura y ficción', 'Cocina y vinos', 'Viajes'],
    titleHeads: [
      'El silencio del',
      'El invierno del',
      'El último',
      'El pequeño',
      'La luz del',
      'El camino del',
    ],
    titleTails: ['puerto', 'huerto', 'faro', 'jardín', 'norte', 'río'],
    givenNames: ['Lucía', 'Andrés', 'Carmen', 'Joaquín', 'Elena', 'Mateo'],
    familyNames: ['García', 'Ibáñez', 'Navarro', 'Peña', 'Ortega', 'Muñoz'],
    publishers: ['Ediciones Mirador', 'Editorial Alba', 'Ediciones del Faro'],
    authorRole: 'Autor',
  },
  it: {
    department: 'Libri',
    genres: ['Letteratura e narrativa', 'Cucina', 'Viaggi'],
    titleHeads: [
      'Il silenzio del',
      "L'inverno del",
      "L'ultimo",
      'Il piccolo',
      'La luce del',
      'La strada del',
    ],
    titleTails: ['porto', 'frutteto', 'faro', 'giardino', 'nord', 'fiume'],
    givenNames: ['Giulia', 'Matteo', 'Chiara', 'Lorenzo', 'Francesca', 'Niccolò'],
    familyNames: ['Rossi', 'Esposito', 'Bianchi', 'Ferrari', 'Romano', 'Galli'],
    publishers: ['Edizioni Lanterna', 'Casa Editrice Aurora', 'Edizioni del Porto'],
    authorRole: 'Autore',
  },
  ja: {
    department: '本',
    genres: ['文学・評論', '料理・グルメ', '旅行ガイド'],
    titleHeads: ['静かな', '冬の', '最後の', '小さな', '海辺の', '遠い'],
    titleTails: ['港', '果樹園', '灯台', '庭', '北の道', '手紙'],
    givenNames: ['陽子', '健太', '美咲', '大輔', '彩', '翔'],
    familyNames: ['佐藤', '高橋', '渡辺', '中村', '小林', '山本'],
    publishers: ['青葉書房', '港出版', '北斗社'],
    authorRole: '著',
    familyFirst: true,
  },
};

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One book of a language: the same ISBN, ASIN, title and author in every marketplace. */
interface Book {
  readonly isbn13: string;
  readonly asin: string;
  readonly title: string;
  readonly author: string;
  readonly publisher: string;
  readonly genre: number;
  readonly basePriceCents: number;
  readonly pages: number;
}

/**
 * The books in a marketplace's catalog: ISBN-13s of the language's registration groups with valid
 * check digits; as on Amazon, the ASIN of a 978 book is its ISBN-10 and a 979 book gets a `B0`
 * ASIN. Identifiers: ISBN and EAN (the same 13 digits), and JAN too in Japan.
 */
export function bookEntries(seed: number, marketplace: Marketplace): CatalogEntry[] {
  return booksOf(seed, marketplace.language).map((book) => bookEntry(seed, marketplace, book));
}

function booksOf(seed: number, language: Language): Book[] {
  const words = WORDS[language];
  const prefixes = ISBN_PREFIXES[language];
  const books: Book[] = [];
  const seen = new Set<string>();
  for (let index = 0; books.length < BOOKS_PER_LANGUAGE; index += 1) {
    const rng = createRng(seed, language, index, 'book');
    const prefix = prefixes[index % prefixes.length] ?? '978';
    const publisherIndex = rng.int(0, words.publishers.length - 1);
    // Registrant (publisher) digits stay the same for a publisher; the rest numbers the title.
    const registrant = String(100 + (hash32(seed, language, publisherIndex, 'isbn') % 900));
    let body = `${prefix}${registrant}`;
    while (body.length < 12) body += String(rng.int(0, 9));
    const isbn13 = `${body}${gs1CheckDigit(body)}`;
    if (seen.has(isbn13)) continue;
    seen.add(isbn13);
    let asin = isbn10Of(isbn13);
    if (asin === undefined) {
      asin = 'B0';
      for (let i = 0; i < 8; i += 1) asin += ALNUM[rng.int(0, ALNUM.length - 1)];
    }
    const given = rng.pick(words.givenNames);
    const family = rng.pick(words.familyNames);
    books.push({
      isbn13,
      asin,
      title: `${rng.pick(words.titleHeads)}${language === 'ja' ? '' : ' '}${rng.pick(words.titleTails)}`,
      author: words.familyFirst === true ? `${family}${given}` : `${given} ${family}`,
      publisher: words.publishers[publisherIndex] ?? '',
      genre: rng.int(0, words.genres.length - 1),
      basePriceCents: rng.int(9, 30) * 100 - 1,
      pages: rng.int(120, 640),
    });
  }
  return books;
}

function bookEntry(seed: number, marketplace: Marketplace, book: Book): CatalogEntry {
  const words = WORDS[marketplace.language];
  const mp = marketplace.id;
  const tag = `${marketplace.language}_${marketplace.countryCode}`;
  const rng = createRng(seed, mp, book.asin, 'book-entry');
  const department: BrowseNode = {
    displayName: words.department,
    classificationId: nodeId(mp, 'department-books'),
  };
  const browseNode: BrowseNode = {
    displayName: words.genres[book.genre] ?? words.department,
    classificationId: nodeId(mp, `books-${book.genre}`),
    parent: department,
  };
  const identifiers = [
    { identifierType: 'ISBN', identifier: book.isbn13 },
    { identifierType: 'EAN', identifier: book.isbn13 },
    ...(marketplace.countryCode === 'JP'
      ? [{ identifierType: 'JAN', identifier: book.isbn13 }]
      : []),
  ];
  const listPrice = {
    currencyCode: marketplace.currency,
    amount: formatMinor(listPriceMinor(book.basePriceCents, marketplace), marketplace.minorDigits),
  };
  const releaseDate = dateKey(daysFromCivil(2012, 1, 1) + (hash32(seed, book.isbn13) % 5000));
  const images = imagesOf(rng, rng.int(1, 3));
  const mainImage = images[0] as { link: string; height: number; width: number };
  const value = (v: unknown) => [{ value: v, language_tag: tag, marketplace_id: mp }];
  const domain = marketplace.salesChannel.toLowerCase();
  const rank = 1 + (hash32(seed, mp, book.asin, 'rank') % 2_000_000);
  return {
    asin: book.asin,
    marketplaceId: mp,
    itemClassification: 'BASE_PRODUCT',
    productType: 'ABIS_BOOK',
    brand: book.publisher,
    itemName: book.title,
    classificationIds: [browseNode.classificationId, department.classificationId],
    browseNode,
    identifiers,
    listPrice,
    childAsins: [],
    mainImage: { link: mainImage.link, height: mainImage.height, width: mainImage.width },
    searchText: [book.title, book.author, book.publisher, browseNode.displayName, 'ABIS_BOOK']
      .join(' ')
      .normalize('NFC')
      .toLowerCase(),
    datasets: {
      summaries: {
        adultProduct: false,
        autographed: false,
        brand: book.publisher,
        browseClassification: {
          displayName: browseNode.displayName,
          classificationId: browseNode.classificationId,
        },
        contributors: [
          { role: { displayName: words.authorRole, value: 'author' }, value: book.author },
        ],
        itemClassification: 'BASE_PRODUCT',
        itemName: book.title,
        manufacturer: book.publisher,
        memorabilia: false,
        packageQuantity: 1,
        releaseDate,
        tradeInEligible: true,
        websiteDisplayGroup: 'book_display_on_website',
        websiteDisplayGroupName: 'Book',
      },
      attributes: {
        item_name: value(book.title),
        author: [{ value: book.author, role: 'author', language_tag: tag, marketplace_id: mp }],
        manufacturer: value(book.publisher),
        binding: [{ value: 'paperback', marketplace_id: mp }],
        pages: [{ value: book.pages, unit: 'pages', marketplace_id: mp }],
        list_price: [
          { value: Number(listPrice.amount), currency: listPrice.currencyCode, marketplace_id: mp },
        ],
        externally_assigned_product_identifier: [
          { type: 'isbn', value: book.isbn13, marketplace_id: mp },
        ],
      },
      classifications: { classifications: [browseNode] },
      dimensions: dimensionsOf(
        [21, 14, 1 + book.pages / 200, 0.1 + book.pages / 1000],
        marketplace.countryCode !== 'US',
      ),
      identifiers: { identifiers: identifiers.map((id) => ({ ...id })) },
      images: { images },
      productTypes: { productType: 'ABIS_BOOK' },
      relationships: { relationships: [] },
      salesRanks: {
        classificationRanks: [
          {
            classificationId: browseNode.classificationId,
            title: browseNode.displayName,
            link: `https://www.${domain}/gp/bestsellers/books/${browseNode.classificationId}`,
            rank: Math.max(1, Math.round(rank / 40)),
          },
        ],
        displayGroupRanks: [
          {
            websiteDisplayGroup: 'book_display_on_website',
            title: 'Books',
            link: `https://www.${domain}/gp/bestsellers/books`,
            rank,
          },
        ],
      },
      vendorDetails: {
        productGroup: 'Book',
        replenishmentCategory: 'BASIC_REPLENISHMENT',
      },
    },
  };
}
