import { SpApiConfigurationError } from './errors';

/** The TypeScript version this code is compiled with (a spec checks it against the installed one). */
export const TYPESCRIPT_VERSION = '5.9';

/** Identifies the application in the `user-agent` header. */
export interface UserAgentOptions {
  readonly appName: string;
  readonly appVersion: string;
}

const MAX_USER_AGENT_LENGTH = 500;
const TOKEN = /^[A-Za-z0-9._\-+]+$/;

/**
 * The documented SP-API user agent:
 * `AppName/Version (Language=TypeScript/<ts version>; Platform=Node/<node version>)`, at most 500
 * characters (longer ones are rejected by the API, so this throws instead).
 */
export function formatUserAgent(
  app: UserAgentOptions,
  runtime: { readonly typescript: string; readonly node: string } = {
    typescript: TYPESCRIPT_VERSION,
    node: process.versions.node,
  },
): string {
  if (!TOKEN.test(app.appName) || !TOKEN.test(app.appVersion)) {
    throw new SpApiConfigurationError(
      'userAgent appName and appVersion must be non-empty and use only letters, digits and . _ - +',
    );
  }
  const userAgent = `${app.appName}/${app.appVersion} (Language=TypeScript/${runtime.typescript}; Platform=Node/${runtime.node})`;
  if (userAgent.length > MAX_USER_AGENT_LENGTH) {
    throw new SpApiConfigurationError(
      `user-agent is ${userAgent.length} characters; SP-API accepts at most ${MAX_USER_AGENT_LENGTH}`,
    );
  }
  return userAgent;
}
