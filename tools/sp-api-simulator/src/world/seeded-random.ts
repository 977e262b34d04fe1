/**
 * Deterministic pseudo-random numbers in [0, 1) (mulberry32). `label` derives an independent stream
 * from the same seed, so adding draws in one module never shifts another module's values.
 */
export function seededRandom(seed: number, label = ''): () => number {
  let state = (seed ^ hashLabel(label)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashLabel(label: string): number {
  let hash = 2166136261;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** A string of `length` characters drawn from `alphabet`. */
export function randomString(random: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return out;
}

export const HEX = '0123456789abcdef';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A deterministic v4-shaped UUID. */
export function randomUuid(random: () => number): string {
  return uuidShaped(randomString(random, 32, HEX));
}

/** The first 32 hex digits of `hex` as a v4-shaped UUID (version and variant digits set). */
export function uuidShaped(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
