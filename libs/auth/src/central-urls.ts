import {
  type AccountType,
  MARKETPLACES,
  type MarketplaceId,
  type Region,
  findMarketplace,
} from '@spapi-lake/config';

/** Seller Central and Vendor Central base URL of each marketplace (by ISO country code). */
export const CENTRAL_URLS: Readonly<
  Record<string, { readonly seller: string; readonly vendor?: string }>
> = {
  US: { seller: 'https://sellercentral.amazon.com', vendor: 'https://vendorcentral.amazon.com' },
  CA: { seller: 'https://sellercentral.amazon.ca', vendor: 'https://vendorcentral.amazon.ca' },
  MX: {
    seller: 'https://sellercentral.amazon.com.mx',
    vendor: 'https://vendorcentral.amazon.com.mx',
  },
  BR: {
    seller: 'https://sellercentral.amazon.com.br',
    vendor: 'https://vendorcentral.amazon.com.br',
  },
  GB: {
    seller: 'https://sellercentral-europe.amazon.com',
    vendor: 'https://vendorcentral.amazon.co.uk',
  },
  DE: {
    seller: 'https://sellercentral-europe.amazon.com',
    vendor: 'https://vendorcentral.amazon.de',
  },
  FR: {
    seller: 'https://sellercentral-europe.amazon.com',
    vendor: 'https://vendorcentral.amazon.fr',
  },
  IT: {
    seller: 'https://sellercentral-europe.amazon.com',
    vendor: 'https://vendorcentral.amazon.it',
  },
  ES: {
    seller: 'https://sellercentral-europe.amazon.com',
    vendor: 'https://vendorcentral.amazon.es',
  },
  NL: { seller: 'https://sellercentral.amazon.nl', vendor: 'https://vendorcentral.amazon.nl' },
  SE: { seller: 'https://sellercentral.amazon.se', vendor: 'https://vendorcentral.amazon.se' },
  PL: { seller: 'https://sellercentral.amazon.pl', vendor: 'https://vendorcentral.amazon.pl' },
  BE: {
    seller: 'https://sellercentral.amazon.com.be',
    vendor: 'https://vendorcentral.amazon.com.be',
  },
  // Amazon publishes no Vendor Central for Ireland or South Africa.
  IE: { seller: 'https://sellercentral.amazon.ie' },
  ZA: { seller: 'https://sellercentral.amazon.co.za' },
  TR: {
    seller: 'https://sellercentral.amazon.com.tr',
    vendor: 'https://vendorcentral.amazon.com.tr',
  },
  // Vendor Central of the Middle East is one site for the UAE, Saudi Arabia and Egypt.
  AE: { seller: 'https://sellercentral.amazon.ae', vendor: 'https://vendorcentral.amazon.me' },
  SA: { seller: 'https://sellercentral.amazon.sa', vendor: 'https://vendorcentral.amazon.me' },
  EG: { seller: 'https://sellercentral.amazon.eg', vendor: 'https://vendorcentral.amazon.me' },
  IN: { seller: 'https://sellercentral.amazon.in', vendor: 'https://www.vendorcentral.in' },
  JP: {
    seller: 'https://sellercentral.amazon.co.jp',
    vendor: 'https://vendorcentral.amazon.co.jp',
  },
  AU: {
    seller: 'https://sellercentral.amazon.com.au',
    vendor: 'https://vendorcentral.amazon.com.au',
  },
  SG: { seller: 'https://sellercentral.amazon.sg', vendor: 'https://vendorcentral.amazon.com.sg' },
};

/** The Seller Central (seller) or Vendor Central (vendor) base URL of a marketplace, if any. */
export function centralBaseUrl(
  marketplaceId: string,
  accountType: AccountType,
): string | undefined {
  const marketplace = findMarketplace(marketplaceId);
  if (marketplace === undefined) return undefined;
  return CENTRAL_URLS[marketplace.countryCode]?.[accountType];
}

/** What a Seller or Vendor Central site tells about the partner who comes from it. */
export interface CentralSite {
  readonly accountType: AccountType;
  readonly region: Region;
  /** The marketplaces this site serves (all of them in one region). */
  readonly marketplaceIds: readonly MarketplaceId[];
}

/**
 * The Amazon site `url` belongs to (https, exact host of the table), or undefined: the Appstore's
 * `amazon_callback_uri` must point there, never anywhere else (no open redirect).
 */
export function findCentralSite(url: string): CentralSite | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    return undefined;
  }
  for (const accountType of ['seller', 'vendor'] as const) {
    const marketplaces = MARKETPLACES.filter((marketplace) => {
      const base = CENTRAL_URLS[marketplace.countryCode]?.[accountType];
      return base !== undefined && new URL(base).host === parsed.host;
    });
    const first = marketplaces[0];
    if (first !== undefined) {
      return { accountType, region: first.region, marketplaceIds: marketplaces.map((m) => m.id) };
    }
  }
  return undefined;
}
