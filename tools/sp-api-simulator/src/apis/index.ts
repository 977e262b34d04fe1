import type { CoreServices } from '../server/core-services';
import type { OperationHandlers } from '../server/operation';
import type { RouteMatch } from '../server/router';
import { applicationManagementHandlers } from './application-management';
import { catalogHandlers } from './catalog';
import { createDocumentsHandlers } from './documents';
import { listingsHandlers } from './listings';
import { notificationsHandlers } from './notifications';
import { createReportsHandlers } from './reports';
import { sellersHandlers } from './sellers';
import { createTokensHandlers } from './tokens';

/** Every simulated operation's handler, keyed by operationId. */
export function createOperationHandlers(
  services: CoreServices,
  route: (method: string, pathname: string) => RouteMatch,
): OperationHandlers {
  return {
    ...notificationsHandlers,
    ...catalogHandlers,
    ...listingsHandlers,
    ...createReportsHandlers(services),
    ...createDocumentsHandlers(services),
    ...createTokensHandlers(services, route),
    ...sellersHandlers,
    ...applicationManagementHandlers,
  };
}
