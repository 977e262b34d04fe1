/** Facts the Sellers API reports about a marketplace. */
export interface MarketplaceInfo {
  readonly id: string;
  readonly name: string;
  readonly countryCode: string;
  readonly defaultCurrencyCode: string;
  readonly defaultLanguageCode: string;
  readonly domainName: string;
  readonly region: 'NA' | 'EU' | 'FE';
}

const row = (
  id: string,
  name: string,
  countryCode: string,
  defaultCurrencyCode: string,
  defaultLanguageCode: string,
  domainName: string,
  region: 'NA' | 'EU' | 'FE',
): MarketplaceInfo => ({
  id,
  name,
  countryCode,
  defaultCurrencyCode,
  defaultLanguageCode,
  domainName,
  region,
});

/** Every retail marketplace of SP-API, by marketplace id. */
export const MARKETPLACES: ReadonlyMap<string, MarketplaceInfo> = new Map(
  [
    row('ATVPDKIKX0DER', 'Amazon.com', 'US', 'USD', 'en_US', 'www.amazon.com', 'NA'),
    row('A2EUQ1WTGCTBG2', 'Amazon.ca', 'CA', 'CAD', 'en_CA', 'www.amazon.ca', 'NA'),
    row('A1AM78C64UM0Y8', 'Amazon.com.mx', 'MX', 'MXN', 'es_MX', 'www.amazon.com.mx', 'NA'),
    row('A2Q3Y263D00KWC', 'Amazon.com.br', 'BR', 'BRL', 'pt_BR', 'www.amazon.com.br', 'NA'),
    row('A1F83G8C2ARO7P', 'Amazon.co.uk', 'GB', 'GBP', 'en_GB', 'www.amazon.co.uk', 'EU'),
    row('A1PA6795UKMFR9', 'Amazon.de', 'DE', 'EUR', 'de_DE', 'www.amazon.de', 'EU'),
    row('A13V1IB3VIYZZH', 'Amazon.fr', 'FR', 'EUR', 'fr_FR', 'www.amazon.fr', 'EU'),
    row('APJ6JRA9NG5V4', 'Amazon.it', 'IT', 'EUR', 'it_IT', 'www.amazon.it', 'EU'),
    row('A1RKKUPIHCS9HS', 'Amazon.es', 'ES', 'EUR', 'es_ES', 'www.amazon.es', 'EU'),
    row('A1805IZSGTT6HS', 'Amazon.nl', 'NL', 'EUR', 'nl_NL', 'www.amazon.nl', 'EU'),
    row('A2NODRKZP88ZB9', 'Amazon.se', 'SE', 'SEK', 'sv_SE', 'www.amazon.se', 'EU'),
    row('A1C3SOZRARQ6R3', 'Amazon.pl', 'PL', 'PLN', 'pl_PL', 'www.amazon.pl', 'EU'),
    row('AMEN7PMS3EDWL', 'Amazon.com.be', 'BE', 'EUR', 'fr_BE', 'www.amazon.com.be', 'EU'),
    row('A28R8C7NBKEWEA', 'Amazon.ie', 'IE', 'EUR', 'en_IE', 'www.amazon.ie', 'EU'),
    row('A33AVAJ2PDY3EV', 'Amazon.com.tr', 'TR', 'TRY', 'tr_TR', 'www.amazon.com.tr', 'EU'),
    row('A2VIGQ35RCS4UG', 'Amazon.ae', 'AE', 'AED', 'en_AE', 'www.amazon.ae', 'EU'),
    row('A17E79C6D8DWNP', 'Amazon.sa', 'SA', 'SAR', 'ar_SA', 'www.amazon.sa', 'EU'),
    row('ARBP9OOSHTCHU', 'Amazon.eg', 'EG', 'EGP', 'ar_EG', 'www.amazon.eg', 'EU'),
    row('AE08WJ6YKNBMC', 'Amazon.co.za', 'ZA', 'ZAR', 'en_ZA', 'www.amazon.co.za', 'EU'),
    row('A21TJRUUN4KGV', 'Amazon.in', 'IN', 'INR', 'en_IN', 'www.amazon.in', 'EU'),
    row('A1VC38T7YXB528', 'Amazon.co.jp', 'JP', 'JPY', 'ja_JP', 'www.amazon.co.jp', 'FE'),
    row('A39IBJ37TRP1C6', 'Amazon.com.au', 'AU', 'AUD', 'en_AU', 'www.amazon.com.au', 'FE'),
    row('A19VAU5U5O7RUS', 'Amazon.sg', 'SG', 'SGD', 'en_SG', 'www.amazon.sg', 'FE'),
  ].map((m) => [m.id, m]),
);
