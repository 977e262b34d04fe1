// @ts-check

/**
 * The SP-API models the client is generated from (files in `models/spapi/`), with the key the
 * operation table uses for each API and the name of its generated types module.
 * @type {ReadonlyArray<{ file: string; api: string; typesModule: string }>}
 */
export const spApiModels = [
  { file: 'reports_2021-06-30.json', api: 'reports', typesModule: 'reports.types.ts' },
  { file: 'notifications_v1.json', api: 'notifications', typesModule: 'notifications.types.ts' },
  {
    file: 'catalogItems_2022-04-01.json',
    api: 'catalogItems',
    typesModule: 'catalog-items.types.ts',
  },
  {
    file: 'listingsItems_2021-08-01.json',
    api: 'listingsItems',
    typesModule: 'listings-items.types.ts',
  },
  { file: 'sellers_v1.json', api: 'sellers', typesModule: 'sellers.types.ts' },
  { file: 'tokens_2021-03-01.json', api: 'tokens', typesModule: 'tokens.types.ts' },
  {
    file: 'applicationManagement_2023-11-30.json',
    api: 'applicationManagement',
    typesModule: 'application-management.types.ts',
  },
];
