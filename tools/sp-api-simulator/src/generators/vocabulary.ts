import type { Language, TextStyle } from './marketplaces';

/** A product kind with its name per language and a USD base price range (cents). */
export interface ProductKind {
  readonly key: string;
  readonly names: Readonly<Record<Language, string>>;
  readonly priceCents: readonly [min: number, max: number];
  readonly productType: string;
}

// The skillet carries an inch mark: a double quote inside a TSV field, as Amazon writes it.
export const PRODUCT_KINDS: readonly ProductKind[] = [
  kind('bottle', 'KITCHEN', [1499, 3499], {
    en: 'Stainless Steel Water Bottle 750 ml',
    de: 'Edelstahl-Trinkflasche 750 ml',
    fr: 'Gourde en acier inoxydable 750 ml',
    es: 'Botella de acero inoxidable 750 ml',
    it: 'Borraccia in acciaio inox 750 ml',
    ja: 'ステンレス水筒 750ml',
  }),
  kind('knife', 'KITCHEN', [2999, 8999], {
    en: "Chef's Knife 20 cm",
    de: 'Kochmesser 20 cm, geschmiedet',
    fr: 'Couteau de chef 20 cm, forgé',
    es: 'Cuchillo de chef 20 cm',
    it: 'Coltello da chef 20 cm',
    ja: '牛刀包丁 20cm',
  }),
  kind('skillet', 'KITCHEN', [2499, 5999], {
    en: 'Cast Iron Skillet 12"',
    de: 'Gusseisenpfanne 30 cm (12")',
    fr: 'Poêle en fonte 30 cm (12")',
    es: 'Sartén de hierro fundido 30 cm (12")',
    it: 'Padella in ghisa 30 cm (12")',
    ja: '鉄フライパン 30cm (12")',
  }),
  kind('grinder', 'KITCHEN', [3999, 12999], {
    en: 'Burr Coffee Grinder',
    de: 'Kaffeemühle mit Kegelmahlwerk',
    fr: 'Moulin à café à meules',
    es: 'Molinillo de café de muelas',
    it: 'Macinacaffè a macine',
    ja: 'コーヒーミル 臼式',
  }),
  kind('yoga-mat', 'SPORTING_GOODS', [1999, 4999], {
    en: 'Yoga Mat, Non-Slip, 6 mm',
    de: 'Yogamatte, rutschfest, 6 mm',
    fr: 'Tapis de yoga antidérapant, 6 mm',
    es: 'Esterilla de yoga antideslizante, 6 mm',
    it: 'Tappetino yoga antiscivolo, 6 mm',
    ja: 'ヨガマット 滑り止め 6mm',
  }),
  kind('lamp', 'HOME', [2499, 6999], {
    en: 'LED Desk Lamp, Dimmable',
    de: 'LED-Schreibtischlampe, dimmbar',
    fr: 'Lampe de bureau LED à intensité réglable',
    es: 'Lámpara de escritorio LED regulable',
    it: 'Lampada da scrivania LED dimmerabile',
    ja: 'LEDデスクライト 調光式',
  }),
  kind('headphones', 'HEADPHONES', [4999, 19999], {
    en: 'Wireless Over-Ear Headphones',
    de: 'Kabellose Over-Ear-Kopfhörer',
    fr: 'Écouteurs sans fil circum-auriculaires',
    es: 'Auriculares inalámbricos de diadema',
    it: 'Cuffie wireless over-ear',
    ja: 'ワイヤレスヘッドホン',
  }),
  kind('tea-set', 'KITCHEN', [3499, 8999], {
    en: 'Porcelain Tea Set, 6 Cups',
    de: 'Porzellan-Teeservice für 6 Personen',
    fr: 'Service à thé en porcelaine, 6 tasses',
    es: 'Juego de té de porcelana, 6 tazas',
    it: 'Servizio da tè in porcellana, 6 tazze',
    ja: '磁器ティーセット 6客',
  }),
  kind('backpack', 'BACKPACK', [3999, 11999], {
    en: 'Hiking Backpack 30 L',
    de: 'Wanderrucksack 30 L, wasserabweisend',
    fr: 'Sac à dos de randonnée 30 L',
    es: 'Mochila de senderismo 30 L',
    it: 'Zaino da trekking 30 L',
    ja: '登山リュック 30L',
  }),
  kind('phone-case', 'CELLULAR_PHONE_CASE', [999, 2999], {
    en: 'Slim Phone Case',
    de: 'Schmale Handyhülle',
    fr: 'Coque de téléphone fine',
    es: 'Funda de móvil fina',
    it: 'Custodia sottile per telefono',
    ja: 'スマホケース 薄型',
  }),
  kind('board-game', 'TOY_FIGURE', [1999, 5999], {
    en: 'Strategy Board Game for Adults',
    de: 'Strategiespiel für Erwachsene',
    fr: 'Jeu de société de stratégie',
    es: 'Juego de mesa de estrategia',
    it: 'Gioco da tavolo di strategia',
    ja: '戦略ボードゲーム',
  }),
  kind('towels', 'HOME_BED_AND_BATH', [2499, 5999], {
    en: 'Cotton Bath Towel Set, 4 Pieces',
    de: 'Badetuch-Set aus Baumwolle, 4-teilig',
    fr: 'Lot de serviettes de bain en coton, 4 pièces',
    es: 'Juego de toallas de algodón, 4 piezas',
    it: 'Set di asciugamani in cotone, 4 pezzi',
    ja: '綿バスタオル 4枚セット',
  }),
];

/** Variation colours per language (same index = same colour). */
export const COLOURS: Readonly<Record<Language, readonly string[]>> = {
  en: ['Midnight Blue', 'Crème', 'Forest Green', 'Rosé', 'Graphite'],
  de: ['Mitternachtsblau', 'Crème', 'Waldgrün', 'Weiß', 'Graphit'],
  fr: ['Bleu nuit', 'Crème', 'Vert forêt', 'Rosé', 'Graphite'],
  es: ['Azul noche', 'Crema', 'Verde bosque', 'Rosa', 'Grafito'],
  it: ['Blu notte', 'Crema', 'Verde foresta', 'Rosé', 'Grafite'],
  ja: ['ネイビー', 'クリーム', 'グリーン', 'ローズ', 'グラファイト'],
};

/** Brand names; `™` and `&` are kept in EU text, dropped or kept in NA/FE text by `styled`. */
export const BRANDS: Readonly<Record<'latin' | 'ja', readonly string[]>> = {
  latin: [
    'Müller & Söhne',
    'Café Olé',
    'Nordlicht™',
    'Señora Luz',
    'Großmann',
    'Élan Vital',
    "Zoë's Kitchen",
    'Björk Living',
  ],
  ja: ['山田製作所', 'さくら生活', '匠キッチン', 'Nordlicht', '北国クラフト'],
};

/** Edition labels with typographic quotes (EU) that `styled` turns into ASCII elsewhere. */
export const EDITIONS: Readonly<Record<Language, string>> = {
  en: '“Classic” Edition',
  de: '„Klassik“-Edition',
  fr: 'Édition « Classique »',
  es: 'Edición “Clásica”',
  it: 'Edizione “Classica”',
  ja: '「クラシック」エディション',
};

/** Listing descriptions; some products have none (an empty field). */
export const DESCRIPTIONS: Readonly<Record<Language, string>> = {
  en: 'Durable and easy to clean – ships within 1–2 days. Dishwasher-safe; BPA-free.',
  de: 'Langlebig und leicht zu reinigen – Versand in 1–2 Tagen, ab 29 € versandkostenfrei. Maße: 30 × 20 cm.',
  fr: 'Durable et facile à nettoyer – expédié sous 1–2 jours, livraison gratuite dès 25 € d’achat.',
  es: 'Duradero y fácil de limpiar – envío en 1–2 días, gastos de envío gratis desde 29 €.',
  it: 'Resistente e facile da pulire – spedizione in 1–2 giorni, spedizione gratuita da 29 €.',
  ja: '丈夫でお手入れ簡単。1-2日で発送します。',
};

/** A shipping destination: `[city, state or region, postal code]`. */
export type Place = readonly [city: string, state: string, postalCode: string];

// Hard cases on purpose: a trailing space (`Springfield `), an apostrophe, accents, ß, a ZIP code
// with a leading zero and empty states.
export const PLACES: Readonly<Record<string, readonly Place[]>> = {
  US: [
    ['New York', 'NY', '10001'],
    ['Los Angeles', 'CA', '90012'],
    ['Española', 'NM', '87532'],
    ['Cañon City', 'CO', '81212'],
    ['Springfield ', 'IL', '62701'],
    ['Austin', 'TX', '78701'],
    ['Seattle', 'WA', '98101'],
    ["Coeur d'Alene", 'ID', '83814'],
    ['Boston', 'MA', '02108'],
  ],
  CA: [
    ['Montréal', 'QC', 'H2X 1Y4'],
    ['Québec', 'QC', 'G1R 4P5'],
    ['Toronto', 'ON', 'M5V 2T6'],
    ['Vancouver', 'BC', 'V6B 1A1'],
    ['Trois-Rivières', 'QC', 'G9A 5H7'],
  ],
  MX: [
    ['Ciudad de México', 'CDMX', '06000'],
    ['León', 'GTO', '37000'],
    ['Querétaro', 'QRO', '76000'],
  ],
  GB: [
    ['London', '', 'SW1A 1AA'],
    ['Manchester', 'Greater Manchester', 'M1 1AE'],
    ['Edinburgh', '', 'EH1 1YZ'],
  ],
  DE: [
    ['München', 'Bayern', '80331'],
    ['Köln', 'Nordrhein-Westfalen', '50667'],
    ['Düsseldorf', 'Nordrhein-Westfalen', '40213'],
    ['Gießen', 'Hessen', '35390'],
    ['Berlin', '', '10115'],
    ['Dresden', 'Sachsen', '01067'],
  ],
  FR: [
    ['Saint-Étienne', 'Loire', '42000'],
    ['Besançon', 'Doubs', '25000'],
    ['Paris', '', '75001'],
    ['Orléans', 'Loiret', '45000'],
    ['Nîmes', 'Gard', '30000'],
  ],
  ES: [
    ['A Coruña', 'La Coruña', '15001'],
    ['Málaga', 'Málaga', '29001'],
    ['Cádiz', 'Cádiz', '11001'],
  ],
  IT: [
    ['Forlì', 'FC', '47121'],
    ['Cantù', 'CO', '22063'],
    ['Roma', 'RM', '00118'],
  ],
  JP: [
    ['渋谷区', '東京都', '150-0002'],
    ['大阪市北区', '大阪府', '530-0001'],
    ['札幌市中央区', '北海道', '060-0001'],
    ['京都市中京区', '京都府', '604-0000'],
  ],
};

/** Fallback destinations for countries without their own list. */
export const GENERIC_PLACES: readonly Place[] = [
  ['Capital City', '', '10000'],
  ['Harbour Town', '', '20000'],
];

/** Search departments per language; the first is the marketplace-wide one. */
export const DEPARTMENTS: Readonly<Record<Language, readonly string[]>> = {
  en: ['{site}', 'Home & Kitchen', 'Sports & Outdoors'],
  de: ['{site}', 'Küche, Haushalt & Wohnen', 'Sport & Freizeit'],
  fr: ['{site}', 'Cuisine & Maison', 'Sports et Loisirs'],
  es: ['{site}', 'Hogar y cocina', 'Deportes y aire libre'],
  it: ['{site}', 'Casa e cucina', 'Sport e tempo libero'],
  ja: ['{site}', 'ホーム&キッチン', 'スポーツ&アウトドア'],
};

/** Search term stems and modifiers per language, combined into ranked search terms. */
export const SEARCH_TERMS: Readonly<
  Record<Language, { stems: readonly string[]; modifiers: readonly string[] }>
> = {
  en: {
    stems: [
      'water bottle',
      'chef knife',
      'cast iron skillet',
      'coffee grinder',
      'yoga mat',
      'desk lamp',
      'headphones',
      'tea set',
      'hiking backpack',
      'bath towels',
    ],
    modifiers: [
      '',
      ' stainless steel',
      ' for kids',
      ' large',
      ' 1 liter',
      ' cheap',
      ' gift',
      ' 12"',
    ],
  },
  de: {
    stems: [
      'trinkflasche',
      'kochmesser',
      'gusseisenpfanne',
      'kaffeemühle',
      'yogamatte',
      'schreibtischlampe',
      'kopfhörer',
      'teeservice',
      'wanderrucksack',
      'badetücher',
    ],
    modifiers: [
      '',
      ' edelstahl',
      ' für kinder',
      ' groß',
      ' 1 liter',
      ' günstig',
      ' geschenk',
      ' weiß',
    ],
  },
  fr: {
    stems: [
      'gourde',
      'couteau de chef',
      'poêle en fonte',
      'moulin à café',
      'tapis de yoga',
      'lampe de bureau',
      'écouteurs',
      'service à thé',
      'sac à dos',
      'serviettes de bain',
    ],
    modifiers: ['', ' inox', ' enfant', ' grand', ' 1 litre', ' pas cher', ' cadeau', ' crème'],
  },
  es: {
    stems: [
      'botella de agua',
      'cuchillo de chef',
      'sartén',
      'molinillo de café',
      'esterilla de yoga',
      'lámpara de escritorio',
      'auriculares',
      'juego de té',
      'mochila',
      'toallas',
    ],
    modifiers: [
      '',
      ' acero inoxidable',
      ' niños',
      ' grande',
      ' 1 litro',
      ' barato',
      ' regalo',
      ' año nuevo',
    ],
  },
  it: {
    stems: [
      'borraccia',
      'coltello da chef',
      'padella in ghisa',
      'macinacaffè',
      'tappetino yoga',
      'lampada da scrivania',
      'cuffie',
      'servizio da tè',
      'zaino',
      'asciugamani',
    ],
    modifiers: [
      '',
      ' acciaio',
      ' bambini',
      ' grande',
      ' 1 litro',
      ' economico',
      ' regalo',
      ' più venduti',
    ],
  },
  ja: {
    stems: [
      '水筒',
      '包丁',
      'フライパン',
      'コーヒーミル',
      'ヨガマット',
      'デスクライト',
      'ヘッドホン',
      'ティーセット',
      'リュック',
      'バスタオル',
    ],
    modifiers: ['', ' ステンレス', ' 子供', ' 大容量', ' 1リットル', ' 安い', ' ギフト', ' 白'],
  },
};

// NA and FE text keeps to ASCII punctuation (accented letters stay); JP text must fit Shift_JIS.
const ASCII_PUNCTUATION: readonly (readonly [RegExp, string])[] = [
  [/[–—]/g, '-'],
  [/[“”„«»]/g, '"'],
  [/[‘’]/g, "'"],
  [/™/g, ''],
  [/€(\d+)/g, 'EUR $1'],
  [/(\d+) €/g, 'EUR $1'],
  [/×/g, 'x'],
  [/ {2,}/g, ' '],
];

/** Applies the marketplace's typography to a piece of text (see `TextStyle`). */
export function styled(text: string, style: TextStyle): string {
  if (style === 'eu') return text;
  return ASCII_PUNCTUATION.reduce(
    (acc, [pattern, replacement]) => acc.replace(pattern, replacement),
    text,
  );
}

function kind(
  key: string,
  productType: string,
  priceCents: readonly [number, number],
  names: Readonly<Record<Language, string>>,
): ProductKind {
  return { key, productType, priceCents, names };
}
