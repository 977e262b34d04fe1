/** `createReportFunctionArn` -> `${create_report_function_arn}`: what infra substitutes at synth. */
export function placeholderFor(resourceKey: string): string {
  const snake = resourceKey.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return `\${${snake}}`;
}

/** Every resource key of `keys` mapped to its placeholder. */
export function placeholderResources<K extends string>(keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, placeholderFor(key)])) as Record<K, string>;
}

const PLACEHOLDER = /\$\{([a-z0-9_]+)\}/g;

/** The distinct placeholder names (`create_report_function_arn`) in an exported definition. */
export function placeholderNames(definitionJson: string): string[] {
  return [
    ...new Set([...definitionJson.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')),
  ].sort();
}
