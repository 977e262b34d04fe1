// Module-level aliases: global lookups are slow inside jest's VM contexts (hot paths).
const { abs, floor, round, sign } = Math;

/** Formats an amount in minor units (cents) with the currency's digits, e.g. `-1234` -> `-12.34`. */
export function formatMinor(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const minus = minor < 0 ? '-' : '';
  const magnitude = abs(minor);
  if (digits === 2) {
    const cents = magnitude % 100;
    return `${minus}${(magnitude - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
  }
  const scale = 10 ** digits;
  return `${minus}${floor(magnitude / scale)}.${String(magnitude % scale).padStart(digits, '0')}`;
}

/** An amount in minor units as a JSON number with at most `digits` decimals. */
export function minorToNumber(minor: number, digits: number): number {
  return Number(formatMinor(minor, digits));
}

/** Rounds a fractional minor amount half away from zero. */
export function roundMinor(value: number): number {
  return sign(value) * round(abs(value));
}
