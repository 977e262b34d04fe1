/** Statuses a listing can have in the Listings Items API (BUYABLE never applies to vendors). */
export type ListingStatus = 'BUYABLE' | 'DISCOVERABLE';

/** An issue of a listing, in the Listings Items API's shape. */
export interface ListingIssue {
  readonly code: string;
  readonly message: string;
  readonly severity: 'ERROR' | 'WARNING' | 'INFO';
  readonly categories: readonly string[];
  readonly attributeNames?: readonly string[];
  readonly enforcements?: {
    readonly actions: readonly { readonly action: string }[];
    readonly exemption: { readonly status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT' };
  };
}

/** A money amount as SP-API writes it (`amount` is a decimal string). */
export interface Money {
  readonly currencyCode: string;
  readonly amount: string;
}

/** One SKU of a selling partner in one marketplace: the ground truth behind the Listings Items API. */
export interface ListingRecord {
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly sku: string;
  readonly asin: string;
  readonly productType: string;
  readonly conditionType: 'new_new';
  readonly status: readonly ListingStatus[];
  readonly fnSku?: string;
  readonly itemName: string;
  /** ISO 8601 (UTC). */
  readonly createdDate: string;
  /** ISO 8601 (UTC). */
  readonly lastUpdatedDate: string;
  readonly mainImage?: { readonly link: string; readonly height: number; readonly width: number };
  readonly issues: readonly ListingIssue[];
  /** The B2C offer; absent for vendor listings. */
  readonly price?: Money;
  /** Vendor cost price (procurement); absent for seller listings. */
  readonly costPrice?: Money;
  readonly fulfillmentChannelCode: string;
  readonly quantity: number;
  /** Catalog identifiers of the ASIN in this marketplace (EAN, UPC, GTIN...). */
  readonly identifiers: readonly { readonly identifierType: string; readonly identifier: string }[];
}
