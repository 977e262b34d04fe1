/** Randomness as a port (jitter, ids), so tests can fix it. Returns a float in [0, 1). */
export type Random = () => number;

export const mathRandom: Random = () => Math.random();
