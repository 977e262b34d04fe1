import {
  AUTHORIZATION_COOKIE_PREFIX,
  AuthorizationStateError,
  completeAuthorization,
  startAppstoreAuthorization,
  startAuthorization,
} from '@spapi-lake/auth';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { authorizationErrorPage } from './authorization-error-page';
import {
  pageResponse,
  parseRequestCookies,
  redirectResponse,
  type ResponseCookie,
} from './function-url-responses';
import type { TokenBrokerDependencies } from './token-broker-dependencies';

/**
 * The website authorization pages behind the Function URL: `GET /authorize`, `GET /login` and
 * `GET /callback`. Every answer is a redirect or a plain page without secret material.
 */
export async function handleFunctionUrlRequest(
  brokerDeps: TokenBrokerDependencies,
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const deps = {
    ...brokerDeps,
    signingKey: () => brokerDeps.secretStore.getStateSigningKey(),
  };
  const method = event.requestContext.http.method;
  const route = event.rawPath.replace(/\/+$/, '') || '/';
  if (method !== 'GET') {
    return pageResponse(405, {
      title: 'Method not allowed',
      paragraphs: ['These pages answer GET requests only.'],
    });
  }
  const query = new URLSearchParams(event.rawQueryString);
  const param = (name: string) => query.get(name) ?? undefined;
  try {
    switch (route) {
      case '/authorize': {
        const redirect = await startAuthorization(deps, {
          marketplace: param('marketplace') ?? param('marketplace_id'),
          accountType: param('account_type'),
        });
        deps.logger.info('authorization started', { flow: 'website' });
        return redirectResponse(redirect.location, [redirect.cookie]);
      }
      case '/login': {
        const redirect = await startAppstoreAuthorization(deps, {
          amazonCallbackUri: param('amazon_callback_uri'),
          amazonState: param('amazon_state'),
          sellingPartnerId: param('selling_partner_id'),
        });
        deps.logger.info('authorization started', { flow: 'appstore' });
        return redirectResponse(redirect.location, [redirect.cookie]);
      }
      case '/callback': {
        const cookies = parseRequestCookies(event.cookies);
        const done = await completeAuthorization(deps, {
          state: param('state'),
          sellingPartnerId: param('selling_partner_id'),
          code: param('spapi_oauth_code'),
          cookies,
        });
        deps.logger.info('authorization completed', {
          sellingPartnerId: done.sellingPartnerId,
          region: done.region,
          accountType: done.accountType,
          flow: done.flow,
        });
        return pageResponse(
          200,
          {
            title: 'Authorization complete',
            paragraphs: [
              `Selling partner ${done.sellingPartnerId} has authorized the application in region ${done.region}.`,
              'Data collection for this account starts with its next scheduled run. You can close this window.',
            ],
          },
          expiredStateCookies(cookies),
        );
      }
      default:
        return pageResponse(404, {
          title: 'Page not found',
          paragraphs: ['Start an authorization at /authorize?marketplace=<country code, e.g. DE>.'],
        });
    }
  } catch (error) {
    const { status, page } = authorizationErrorPage(error);
    if (status >= 500) deps.logger.error('authorization failed', { route, error });
    else {
      deps.logger.warn('authorization refused', {
        route,
        reason: error instanceof AuthorizationStateError ? error.problem : errorName(error),
      });
    }
    return pageResponse(status, page);
  }
}

// The flow is over: let the browser drop every state cookie it sent.
function expiredStateCookies(cookies: Readonly<Record<string, string>>): ResponseCookie[] {
  return Object.keys(cookies)
    .filter((name) => name.startsWith(AUTHORIZATION_COOKIE_PREFIX))
    .map((name) => ({ name, value: '', maxAgeSeconds: 0 }));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
