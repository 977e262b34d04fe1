// @ts-check

// The models publish each operation's default usage plan only as a Markdown table inside the
// operation description:
//   | Rate (requests per second) | Burst |
//   | ---- | ---- |
//   | 0.0167 | 15 |
const USAGE_PLAN_TABLE =
  /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\r?\n\s*\|[\s|:-]+\|\s*\r?\n\s*\|\s*([0-9]*\.?[0-9]+)\s*\|\s*([0-9]+)\s*\|/;

/**
 * Reads rate (tokens per second) and burst (bucket size) from an operation description.
 * Throws when the table is missing or ambiguous: a usage plan is never guessed.
 * @param {string | undefined} description
 * @param {string} operationId
 * @returns {{ rate: number; burst: number }}
 */
export function parseUsagePlan(description, operationId) {
  const text = description ?? '';
  const match = USAGE_PLAN_TABLE.exec(text);
  if (!match || match[1] === undefined || match[2] === undefined) {
    throw new Error(`${operationId}: no usage plan table in the operation description`);
  }
  if (USAGE_PLAN_TABLE.exec(text.slice(match.index + match[0].length))) {
    throw new Error(`${operationId}: more than one usage plan table in the operation description`);
  }
  const rate = Number(match[1]);
  const burst = Number(match[2]);
  if (!(rate > 0) || !Number.isInteger(burst) || burst < 1) {
    throw new Error(`${operationId}: invalid usage plan (rate ${match[1]}, burst ${match[2]})`);
  }
  return { rate, burst };
}
