/** Words and place names used in a marketplace's text. */
export type Language = 'en' | 'de' | 'fr' | 'es' | 'it' | 'ja';

/**
 * Typography of generated text: NA keeps to ASCII plus accented letters; EU uses typographic
 * characters that Cp1252 can represent (€ ™ – “ ” „ ’); FE (Japan) must fit Shift_JIS.
 */
export type TextStyle = 'na' | 'eu' | 'fe';

/** What the generators need to know about one marketplace. */
export interface Marketplace {
  readonly id: string;
  readonly countryCode: string;
  readonly region: 'NA' | 'EU' | 'FE';
  readonly currency: string;
  /** Digits after the decimal point of the currency (0 for JPY). */
  readonly minorDigits: number;
  /** `sales-channel` / `marketplace-name` value, e.g. `Amazon.de`. */
  readonly salesChannel: string;
  readonly language: Language;
  readonly style: TextStyle;
  /** Price level relative to USD (list prices are derived from a USD base price). */
  readonly priceFactor: number;
  /** VAT included in prices (EU, JP), or 0 when sales tax is added on top (US, CA). */
  readonly includedVatRate: number;
  /** Local standard-time offset in minutes (used for listing open dates). */
  readonly utcOffsetMinutes: number;
  /** First group of `amazon-order-id`. */
  readonly orderIdPrefixes: readonly string[];
  /** Mean orders per day for one seller. */
  readonly meanDailyOrders: number;
  /** FBA fulfillment channel code of MLAD listings. */
  readonly afnChannel: 'AMAZON_NA' | 'AMAZON_EU' | 'AMAZON_FE';
  /** Weekday (0 = Sunday) with no orders at all in this marketplace, to exercise CANCELLED reports. */
  readonly quietWeekday?: number;
}

type Row = [
  id: string,
  countryCode: string,
  region: Marketplace['region'],
  currency: string,
  salesChannel: string,
  language: Language,
  priceFactor: number,
  includedVatRate: number,
  utcOffsetMinutes: number,
  meanDailyOrders: number,
];

const ROWS: readonly Row[] = [
  ['ATVPDKIKX0DER', 'US', 'NA', 'USD', 'Amazon.com', 'en', 1, 0, -480, 24],
  ['A2EUQ1WTGCTBG2', 'CA', 'NA', 'CAD', 'Amazon.ca', 'en', 1.37, 0, -300, 6],
  ['A1AM78C64UM0Y8', 'MX', 'NA', 'MXN', 'Amazon.com.mx', 'es', 18, 0.16, -360, 4],
  ['A2Q3Y263D00KWC', 'BR', 'NA', 'BRL', 'Amazon.com.br', 'en', 5.4, 0, -180, 3],
  ['A1F83G8C2ARO7P', 'GB', 'EU', 'GBP', 'Amazon.co.uk', 'en', 0.82, 0.2, 0, 12],
  ['A1PA6795UKMFR9', 'DE', 'EU', 'EUR', 'Amazon.de', 'de', 0.95, 0.19, 60, 18],
  ['A13V1IB3VIYZZH', 'FR', 'EU', 'EUR', 'Amazon.fr', 'fr', 0.95, 0.2, 60, 8],
  ['APJ6JRA9NG5V4', 'IT', 'EU', 'EUR', 'Amazon.it', 'it', 0.95, 0.22, 60, 6],
  ['A1RKKUPIHCS9HS', 'ES', 'EU', 'EUR', 'Amazon.es', 'es', 0.95, 0.21, 60, 6],
  ['A1805IZSGTT6HS', 'NL', 'EU', 'EUR', 'Amazon.nl', 'en', 0.95, 0.21, 60, 3],
  ['A2NODRKZP88ZB9', 'SE', 'EU', 'SEK', 'Amazon.se', 'en', 10.5, 0.25, 60, 2],
  ['A1C3SOZRARQ6R3', 'PL', 'EU', 'PLN', 'Amazon.pl', 'en', 4, 0.23, 60, 2],
  ['AMEN7PMS3EDWL', 'BE', 'EU', 'EUR', 'Amazon.com.be', 'fr', 0.95, 0.21, 60, 2],
  ['A28R8C7NBKEWEA', 'IE', 'EU', 'EUR', 'Amazon.ie', 'en', 0.95, 0.23, 0, 2],
  ['A33AVAJ2PDY3EV', 'TR', 'EU', 'TRY', 'Amazon.com.tr', 'en', 34, 0.2, 180, 2],
  ['A2VIGQ35RCS4UG', 'AE', 'EU', 'AED', 'Amazon.ae', 'en', 3.67, 0.05, 240, 2],
  ['A17E79C6D8DWNP', 'SA', 'EU', 'SAR', 'Amazon.sa', 'en', 3.75, 0.15, 180, 2],
  ['ARBP9OOSHTCHU', 'EG', 'EU', 'EGP', 'Amazon.eg', 'en', 48, 0.14, 120, 2],
  ['AE08WJ6YKNBMC', 'ZA', 'EU', 'ZAR', 'Amazon.co.za', 'en', 18, 0.15, 120, 2],
  ['A21TJRUUN4KGV', 'IN', 'EU', 'INR', 'Amazon.in', 'en', 83, 0.18, 330, 8],
  ['A1VC38T7YXB528', 'JP', 'FE', 'JPY', 'Amazon.co.jp', 'ja', 150, 0.1, 540, 10],
  ['A39IBJ37TRP1C6', 'AU', 'FE', 'AUD', 'Amazon.com.au', 'en', 1.5, 0.1, 600, 4],
  ['A19VAU5U5O7RUS', 'SG', 'FE', 'SGD', 'Amazon.sg', 'en', 1.35, 0.09, 480, 2],
];

const ORDER_ID_PREFIXES: Readonly<Record<Marketplace['region'], readonly string[]>> = {
  NA: ['111', '112', '113', '114'],
  EU: ['302', '303', '304', '305', '306'],
  FE: ['249', '250', '503'],
};

const AFN_CHANNEL: Readonly<Record<Marketplace['region'], Marketplace['afnChannel']>> = {
  NA: 'AMAZON_NA',
  EU: 'AMAZON_EU',
  FE: 'AMAZON_FE',
};

// CA and FR are the secondary marketplaces of the default world's sellers: one quiet weekday each
// gives single-day windows that have no orders (-> CANCELLED) without emptying the primary ones.
const QUIET_WEEKDAY: Readonly<Record<string, number>> = {
  A2EUQ1WTGCTBG2: 0,
  A13V1IB3VIYZZH: 0,
};

const MARKETPLACES: ReadonlyMap<string, Marketplace> = new Map(
  ROWS.map(
    ([
      id,
      countryCode,
      region,
      currency,
      salesChannel,
      language,
      priceFactor,
      vat,
      offset,
      mean,
    ]) => {
      const quietWeekday = QUIET_WEEKDAY[id];
      const marketplace: Marketplace = {
        id,
        countryCode,
        region,
        currency,
        minorDigits: currency === 'JPY' ? 0 : 2,
        salesChannel,
        language,
        style: region === 'NA' ? 'na' : region === 'EU' ? 'eu' : 'fe',
        priceFactor,
        includedVatRate: vat,
        utcOffsetMinutes: offset,
        orderIdPrefixes: ORDER_ID_PREFIXES[region],
        meanDailyOrders: mean,
        afnChannel: AFN_CHANNEL[region],
        ...(quietWeekday === undefined ? {} : { quietWeekday }),
      };
      return [id, marketplace] as const;
    },
  ),
);

/** The marketplace with this id, or undefined when the simulator does not know it. */
export function findMarketplace(marketplaceId: string): Marketplace | undefined {
  return MARKETPLACES.get(marketplaceId);
}
