const PLACEHOLDER = /\$\{([a-z0-9_]+)\}/g;

/** The distinct `${name}` placeholders of an exported definition, sorted. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].sort();
}

/**
 * The state machine definition for Terraform: the exported ASL (tools/asl-export), minified, each
 * `${placeholder}` replaced by its binding (a Terraform reference or an ARN built from names).
 * Throws when a placeholder has no binding or a binding no placeholder, so a definition and the
 * stack cannot drift apart silently.
 */
export function bindPlaceholders(
  workflowName: string,
  template: string,
  bindings: Readonly<Record<string, string>>,
): string {
  const found = placeholdersOf(template);
  const bound = Object.keys(bindings).sort();
  const missing = found.filter((name) => !bound.includes(name));
  const unused = bound.filter((name) => !found.includes(name));
  if (missing.length > 0 || unused.length > 0) {
    throw new Error(
      `${workflowName}: placeholders without binding [${missing.join(', ')}], bindings without placeholder [${unused.join(', ')}]`,
    );
  }
  const minified = JSON.stringify(JSON.parse(template));
  // Terraform would read `%{` as a template directive; ASL has no use for it.
  if (minified.includes('%{')) throw new Error(`${workflowName}: "%{" in the definition`);
  return minified.replace(PLACEHOLDER, (_match, name: string) => bindings[name] ?? '');
}
