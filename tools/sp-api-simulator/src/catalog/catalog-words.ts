import type { Language } from '../generators/marketplaces';

/** Browse-node and display-group words of one product kind (keyed by SIM-GEN's kind key). */
export interface KindCatalogWords {
  /** Leaf browse node name per language. */
  readonly category: Readonly<Record<Language, string>>;
  /** 0: Home & Kitchen, 1: Sports & Outdoors, 2: Electronics, 3: Toys (index into DEPARTMENT_NODES). */
  readonly department: number;
  readonly websiteDisplayGroup: string;
  readonly websiteDisplayGroupName: string;
  /** Item size in centimetres and weight in kilograms: [length, width, height, weight]. */
  readonly size: readonly [number, number, number, number];
}

/** Top-level browse nodes per language. */
export const DEPARTMENT_NODES: readonly Readonly<Record<Language, string>>[] = [
  {
    en: 'Home & Kitchen',
    de: 'Küche, Haushalt & Wohnen',
    fr: 'Cuisine & Maison',
    es: 'Hogar y cocina',
    it: 'Casa e cucina',
    ja: 'ホーム&キッチン',
  },
  {
    en: 'Sports & Outdoors',
    de: 'Sport & Freizeit',
    fr: 'Sports et Loisirs',
    es: 'Deportes y aire libre',
    it: 'Sport e tempo libero',
    ja: 'スポーツ&アウトドア',
  },
  {
    en: 'Electronics',
    de: 'Elektronik & Foto',
    fr: 'High-Tech',
    es: 'Electrónica',
    it: 'Elettronica',
    ja: '家電&カメラ',
  },
  {
    en: 'Toys & Games',
    de: 'Spielzeug',
    fr: 'Jeux et Jouets',
    es: 'Juguetes y juegos',
    it: 'Giochi e giocattoli',
    ja: 'おもちゃ',
  },
];

const words = (
  department: number,
  websiteDisplayGroup: string,
  websiteDisplayGroupName: string,
  size: readonly [number, number, number, number],
  category: Readonly<Record<Language, string>>,
): KindCatalogWords => ({
  category,
  department,
  websiteDisplayGroup,
  websiteDisplayGroupName,
  size,
});

/** Catalog words for every SIM-GEN product kind; unknown kinds fall back to `DEFAULT_KIND_WORDS`. */
export const KIND_CATALOG_WORDS: Readonly<Record<string, KindCatalogWords>> = {
  bottle: words(0, 'kitchen_display_on_website', 'Kitchen', [27, 8, 8, 0.38], {
    en: 'Water Bottles',
    de: 'Trinkflaschen',
    fr: 'Gourdes',
    es: 'Botellas de agua',
    it: 'Borracce',
    ja: '水筒・マグボトル',
  }),
  knife: words(0, 'kitchen_display_on_website', 'Kitchen', [33, 5, 2, 0.22], {
    en: "Chef's Knives",
    de: 'Kochmesser',
    fr: 'Couteaux de chef',
    es: 'Cuchillos de chef',
    it: 'Coltelli da chef',
    ja: '牛刀',
  }),
  skillet: words(0, 'kitchen_display_on_website', 'Kitchen', [50, 31, 6, 2.6], {
    en: 'Skillets',
    de: 'Bratpfannen',
    fr: 'Poêles',
    es: 'Sartenes',
    it: 'Padelle',
    ja: 'フライパン',
  }),
  grinder: words(0, 'kitchen_display_on_website', 'Kitchen', [20, 12, 30, 1.4], {
    en: 'Coffee Grinders',
    de: 'Kaffeemühlen',
    fr: 'Moulins à café',
    es: 'Molinillos de café',
    it: 'Macinacaffè',
    ja: 'コーヒーミル',
  }),
  'yoga-mat': words(1, 'sports_display_on_website', 'Sports', [183, 61, 0.6, 1.1], {
    en: 'Yoga Mats',
    de: 'Yogamatten',
    fr: 'Tapis de yoga',
    es: 'Esterillas de yoga',
    it: 'Tappetini yoga',
    ja: 'ヨガマット',
  }),
  lamp: words(0, 'home_display_on_website', 'Home', [18, 18, 45, 0.9], {
    en: 'Desk Lamps',
    de: 'Schreibtischlampen',
    fr: 'Lampes de bureau',
    es: 'Lámparas de escritorio',
    it: 'Lampade da scrivania',
    ja: 'デスクライト',
  }),
  headphones: words(2, 'ce_display_on_website', 'Electronics', [20, 17, 8, 0.25], {
    en: 'Over-Ear Headphones',
    de: 'Over-Ear-Kopfhörer',
    fr: 'Casques circum-auriculaires',
    es: 'Auriculares de diadema',
    it: 'Cuffie over-ear',
    ja: 'オーバーイヤーヘッドホン',
  }),
  'tea-set': words(0, 'kitchen_display_on_website', 'Kitchen', [40, 30, 15, 2.1], {
    en: 'Tea Sets',
    de: 'Teeservice',
    fr: 'Services à thé',
    es: 'Juegos de té',
    it: 'Servizi da tè',
    ja: 'ティーセット',
  }),
  backpack: words(1, 'luggage_display_on_website', 'Luggage', [52, 30, 20, 0.95], {
    en: 'Hiking Daypacks',
    de: 'Wanderrucksäcke',
    fr: 'Sacs à dos de randonnée',
    es: 'Mochilas de senderismo',
    it: 'Zaini da trekking',
    ja: '登山用リュック',
  }),
  'phone-case': words(2, 'wireless_display_on_website', 'Wireless', [16, 8, 1.2, 0.04], {
    en: 'Cell Phone Cases',
    de: 'Handyhüllen',
    fr: 'Coques de téléphone',
    es: 'Fundas de móvil',
    it: 'Custodie per cellulari',
    ja: 'スマホケース',
  }),
  'board-game': words(3, 'toy_display_on_website', 'Toys', [30, 30, 8, 1.3], {
    en: 'Board Games',
    de: 'Brettspiele',
    fr: 'Jeux de société',
    es: 'Juegos de mesa',
    it: 'Giochi da tavolo',
    ja: 'ボードゲーム',
  }),
  towels: words(0, 'home_display_on_website', 'Home', [35, 30, 20, 2.2], {
    en: 'Bath Towels',
    de: 'Badetücher',
    fr: 'Serviettes de bain',
    es: 'Toallas de baño',
    it: 'Asciugamani da bagno',
    ja: 'バスタオル',
  }),
};

/** Words for a product kind the catalog does not know yet. */
export const DEFAULT_KIND_WORDS: KindCatalogWords = words(
  0,
  'home_display_on_website',
  'Home',
  [30, 20, 10, 1],
  { en: 'Products', de: 'Produkte', fr: 'Produits', es: 'Productos', it: 'Prodotti', ja: '商品' },
);
