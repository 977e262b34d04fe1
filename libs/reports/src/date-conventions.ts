import { findMarketplace } from '@spapi-lake/config';

/**
 * How a marketplace's flat files print dates that ISO forms do not cover, and numbers. Amazon
 * localises some of them: UK listings print `08/07/2016 10:12:40 BST` (day first), Japanese ones
 * `2009/09/18 15:18:58 JST` (year first, unambiguous anywhere), continental European settlements
 * `95,00`.
 */
export interface DateConventions {
  /**
   * How `nn/nn/yyyy` reads: day first where Amazon's files are seen to print it so (the UK, and
   * Ireland, which shares its English locale), or refused everywhere else (such a cell is
   * quarantined, never guessed: a month-first reading is as likely in North America, and no file
   * of the other marketplaces shows which).
   */
  readonly slashDates: 'day-first' | 'refused';
  /** Time zone abbreviations and their UTC offsets. */
  readonly zones: Readonly<Record<string, string>>;
  /**
   * Whether a lone comma is always the decimal separator, as in the files of continental European
   * marketplaces ("amounts in local currency format (for example, 95,00 for EU instead of 95.00)",
   * Amazon's settlement changelog): there `1,125` is 1.125, not 1125. Elsewhere the number's shape
   * decides (`parseNumber`).
   */
  readonly decimalComma: boolean;
}

// Abbreviations with one meaning among Amazon's marketplaces. IST and AST mean different zones in
// different marketplaces: IST is India's unless the file is Ireland's; AST is read only for Saudi
// Arabia (it is also Atlantic time).
const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  PST: '-08:00',
  PDT: '-07:00',
  MST: '-07:00',
  MDT: '-06:00',
  CST: '-06:00',
  CDT: '-05:00',
  EST: '-05:00',
  EDT: '-04:00',
  BRT: '-03:00',
  WET: '+00:00',
  WEST: '+01:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  MET: '+01:00',
  MEST: '+02:00',
  MEZ: '+01:00',
  MESZ: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  SAST: '+02:00',
  TRT: '+03:00',
  GST: '+04:00',
  IST: '+05:30',
  SGT: '+08:00',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
};

const ZONES_BY_COUNTRY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  IE: { ...ZONE_OFFSETS, IST: '+01:00' },
  SA: { ...ZONE_OFFSETS, AST: '+03:00' },
};

const DAY_FIRST_SLASHES = new Set(['GB', 'IE']);

const DECIMAL_COMMA_COUNTRIES = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE']);

/** What holds when the marketplace is unknown: ISO and dotted forms only, no guessed order. */
export const DEFAULT_DATE_CONVENTIONS: DateConventions = {
  slashDates: 'refused',
  zones: ZONE_OFFSETS,
  decimalComma: false,
};

/** The date conventions of a marketplace's flat files. */
export function dateConventionsOf(marketplaceId: string | undefined): DateConventions {
  const country =
    marketplaceId === undefined ? undefined : findMarketplace(marketplaceId)?.countryCode;
  if (country === undefined) return DEFAULT_DATE_CONVENTIONS;
  return {
    slashDates: DAY_FIRST_SLASHES.has(country) ? 'day-first' : 'refused',
    zones: ZONES_BY_COUNTRY[country] ?? ZONE_OFFSETS,
    decimalComma: DECIMAL_COMMA_COUNTRIES.has(country),
  };
}
