/** `x-amz-date` value: basic ISO 8601 in UTC, e.g. `20190430T123600Z`. */
export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}
