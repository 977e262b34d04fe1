import type { ModelOperation, ModelRegistry } from './model-registry';

/** The outcome of routing a request by the models. */
export type RouteMatch =
  | {
      readonly kind: 'found';
      readonly operation: ModelOperation;
      readonly pathParams: Record<string, string>;
    }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

/** Matches `method` + `pathname` against the model path templates (literal paths win over templates). */
export function createRouter(
  registry: ModelRegistry,
): (method: string, pathname: string) => RouteMatch {
  // Templates with fewer parameters are more specific (`/x/testNotification` before `/x/{id}`).
  const ordered = [...registry.operations].sort(
    (a, b) => a.pathParamNames.length - b.pathParamNames.length,
  );
  return (method, pathname) => {
    let pathMatched = false;
    for (const operation of ordered) {
      const match = operation.matcher.exec(pathname);
      if (match === null) continue;
      pathMatched = true;
      if (operation.method !== method.toUpperCase()) continue;
      const pathParams: Record<string, string> = {};
      operation.pathParamNames.forEach((name, i) => {
        pathParams[name] = safeDecode(match[i + 1] ?? '');
      });
      return { kind: 'found', operation, pathParams };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
