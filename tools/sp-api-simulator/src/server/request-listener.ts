import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from '../faults/fault-injector';
import {
  CONSENT_PATHS,
  LWA_PREFIX,
  handleConsentRequest,
  handleTokenRequest,
} from '../lwa/lwa-routes';
import type { TokenStore } from '../lwa/token-store';
import type { World } from '../world/world';
import { DOCUMENT_PATH_PREFIX, type DocumentUrlSigner } from './document-url';
import { serveDocument } from './document-download';
import { readBody, sendJson } from './http-io';
import { type DispatchDeps, dispatchSpApi } from './sp-api-dispatch';

/** Path prefix of the control API used by the CLI (`npm run simulator`). */
export const CONTROL_PREFIX = '/_simulator/';

/** Everything the HTTP front needs. */
export interface ListenerDeps {
  readonly dispatch: DispatchDeps;
  readonly world: World;
  readonly tokens: TokenStore;
  readonly faults: FaultInjector;
  readonly signer: DocumentUrlSigner;
  readonly random: () => number;
  readonly requestId: () => string;
  readonly control: (method: string, url: URL, body: string) => { status: number; body: unknown };
}

/** The node:http listener: LWA, consent, document URLs, control API, and SP-API operations. */
export function createRequestListener(deps: ListenerDeps) {
  const now = (): number => deps.dispatch.context.clock.now();
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const lowerPath = url.pathname.toLowerCase();
    if (lowerPath === `${LWA_PREFIX}/auth/o2/token`) {
      const tokenDeps = {
        world: deps.world,
        store: deps.tokens,
        now,
        faults: deps.faults,
        random: deps.random,
      };
      return handleTokenRequest(req, res, url, { ...tokenDeps, requestId: deps.requestId() });
    }
    if (CONSENT_PATHS.includes(lowerPath)) {
      return handleConsentRequest(res, url, { world: deps.world, store: deps.tokens, now: now() });
    }
    if (url.pathname.startsWith(DOCUMENT_PATH_PREFIX)) {
      return serveDocument(method, url, res, {
        world: deps.world,
        now,
        signer: deps.signer,
        faults: deps.faults,
        requestId: deps.requestId,
      });
    }
    const bodyText = await readBody(req);
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const answer = deps.control(method, url, bodyText);
      return sendJson(res, answer.status, answer.body);
    }
    const header = req.headers['x-amz-access-token'];
    const response = await dispatchSpApi(deps.dispatch, {
      method,
      url,
      accessToken: Array.isArray(header) ? header[0] : header,
      bodyText,
    });
    sendJson(res, response.status, response.body, {
      ...response.headers,
      'x-amzn-RequestId': deps.requestId(),
    });
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      deps.dispatch.onHandlerError(error);
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [
            {
              code: 'InternalFailure',
              message: 'We encountered an internal error. Please try again.',
            },
          ],
        });
      } else {
        res.destroy();
      }
    });
  };
}
