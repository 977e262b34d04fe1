/**
 * aws-local-stepfunctions 3 calls `Promise.withResolvers` (Node 22); on Node 20 every Task would
 * fail with "Promise.withResolvers is not a function", which a `States.ALL` Catch swallows
 * silently. Installs the standard behaviour when it is missing.
 */
export function installPromiseWithResolvers(): void {
  if (typeof Reflect.get(Promise, 'withResolvers') === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve: (value: T | PromiseLike<T>) => void = () => undefined;
      let reject: (reason?: unknown) => void = () => undefined;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
