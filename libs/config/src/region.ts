/** SP-API selling regions; each has its own endpoint and its own refresh tokens (SPAPI.md 1.1). */
export const Region = { NA: 'NA', EU: 'EU', FE: 'FE' } as const;
export type Region = (typeof Region)[keyof typeof Region];
