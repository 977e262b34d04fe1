import { catalogTruth } from '../catalog/catalog-truth';
import { listingsTruth } from '../catalog/listings-truth';
import { inProcessContext } from '../notifications/in-process-context';
import { grantlessCaller, operationRequest, partnerCaller } from '../notifications/test-requests';
import { loadModelRegistry } from '../server/model-registry';
import type { Caller, OperationHandlers, OperationResponse } from '../server/operation';
import { describeSchemaError, SchemaValidators } from '../server/swagger-schema';
import { catalogHandlers } from './catalog';
import { listingsHandlers } from './listings';
import { notificationsHandlers } from './notifications';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const ALL_CATALOG_DATA =
  'attributes,classifications,dimensions,identifiers,images,productTypes,relationships,salesRanks,summaries,vendorDetails';
const ALL_LISTING_DATA =
  'summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes';

const handlers: OperationHandlers = {
  ...notificationsHandlers,
  ...catalogHandlers,
  ...listingsHandlers,
};
const registry = loadModelRegistry();
const validators = new SchemaValidators(registry.models);

interface Exchange {
  readonly operationId: string;
  readonly response: OperationResponse;
}

/** Calls every owned operation on its success path and on its usual error paths. */
async function walk(): Promise<Exchange[]> {
  const ctx = inProcessContext();
  const partners = [...ctx.world.partners.values()];
  const sellerId = partners.find((p) => p.accountType === 'seller')?.sellingPartnerId ?? '';
  const vendorId = partners.find((p) => p.accountType === 'vendor')?.sellingPartnerId ?? '';
  const seller = partnerCaller(ctx.world, sellerId);
  const vendor = partnerCaller(ctx.world, vendorId);
  const grantless = grantlessCaller(ctx.world);
  const exchanges: Exchange[] = [];
  const call = async (
    operationId: string,
    caller: Caller,
    parts: Parameters<typeof operationRequest>[2] = {},
  ): Promise<OperationResponse> => {
    const handler = handlers[operationId];
    if (handler === undefined) throw new Error(`no handler ${operationId}`);
    const response = await handler(operationRequest(operationId, caller, parts), ctx);
    exchanges.push({ operationId, response });
    return response;
  };
  const payload = (r: OperationResponse) => (r.body as { payload: Record<string, string> }).payload;

  // Notifications
  const sqs =
    payload(
      await call('createDestination', grantless, {
        body: {
          name: 'q',
          resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:q' } },
        },
      }),
    )['destinationId'] ?? '';
  const eventBridge =
    payload(
      await call('createDestination', grantless, {
        body: {
          name: 'b',
          resourceSpecification: {
            eventBridge: { accountId: '123456789012', region: 'us-east-1' },
          },
        },
      }),
    )['destinationId'] ?? '';
  await call('createDestination', grantless, {
    body: {
      name: 'q',
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:q' } },
    },
  });
  await call('createDestination', grantless, { body: { name: 'x', resourceSpecification: {} } });
  await call('getDestinations', grantless);
  await call('getDestinations', seller);
  await call('getDestination', grantless, { pathParams: { destinationId: sqs } });
  await call('getDestination', grantless, { pathParams: { destinationId: 'missing' } });
  const rpf = { notificationType: 'REPORT_PROCESSING_FINISHED' };
  const subscriptionId =
    payload(
      await call('createSubscription', seller, {
        pathParams: rpf,
        body: { payloadVersion: '2020-09-04', destinationId: sqs },
      }),
    )['subscriptionId'] ?? '';
  await call('createSubscription', seller, {
    pathParams: rpf,
    body: { payloadVersion: '2020-09-04', destinationId: sqs },
  });
  await call('createSubscription', seller, {
    pathParams: { notificationType: 'LISTINGS_ITEM_STATUS_CHANGE' },
    body: { payloadVersion: '1.0', destinationId: sqs },
  });
  await call('createSubscription', seller, {
    pathParams: { notificationType: 'LISTINGS_ITEM_STATUS_CHANGE' },
    body: { payloadVersion: '1.0', destinationId: eventBridge },
  });
  await call('getSubscription', seller, { pathParams: rpf });
  await call('getSubscription', vendor, { pathParams: rpf });
  await call('getSubscriptions', seller, {
    query: { notificationTypes: 'REPORT_PROCESSING_FINISHED' },
  });
  await call('getSubscriptions', seller, {
    query: { notificationTypes: 'REPORT_PROCESSING_FINISHED', pageSize: 5 },
  });
  await call('getSubscriptionById', grantless, { pathParams: { ...rpf, subscriptionId } });
  await call('getSubscriptionById', grantless, {
    pathParams: { ...rpf, subscriptionId: 'missing' },
  });
  await call('sendTestNotification', grantless, {
    pathParams: rpf,
    body: { destinationId: sqs, testNotification: { payloadVersion: '2020-09-04' } },
  });
  await call('deleteDestination', grantless, { pathParams: { destinationId: sqs } });
  await call('deleteSubscriptionById', grantless, { pathParams: { ...rpf, subscriptionId } });
  await call('deleteSubscriptionById', grantless, { pathParams: { ...rpf, subscriptionId } });
  await call('deleteDestination', grantless, { pathParams: { destinationId: sqs } });
  await call('deleteDestination', grantless, { pathParams: { destinationId: sqs } });

  // Catalog
  const catalog = catalogTruth(ctx.world, US);
  const parent = catalog.find((e) => e.itemClassification === 'VARIATION_PARENT');
  const child = catalog.find((e) => e.parentAsin !== undefined);
  const asins = [catalog[0]?.asin, parent?.asin, child?.asin].join(',');
  await call('searchCatalogItems', vendor, {
    query: {
      marketplaceIds: US,
      identifiers: asins,
      identifiersType: 'ASIN',
      includedData: ALL_CATALOG_DATA,
    },
  });
  await call('searchCatalogItems', seller, {
    query: { marketplaceIds: US, keywords: 'kitchen', pageSize: 20 },
  });
  await call('searchCatalogItems', seller, { query: { marketplaceIds: US } });
  await call('getCatalogItem', vendor, {
    pathParams: { asin: catalog[0]?.asin ?? '' },
    query: { marketplaceIds: `${US},${CA}`, includedData: ALL_CATALOG_DATA },
  });
  await call('getCatalogItem', seller, {
    pathParams: { asin: 'B0MISSING0' },
    query: { marketplaceIds: US },
  });
  await call('getCatalogItem', grantless, {
    pathParams: { asin: 'B0MISSING0' },
    query: { marketplaceIds: US },
  });

  // Listings
  for (const [caller, id] of [
    [seller, sellerId],
    [vendor, vendorId],
  ] as const) {
    const records = listingsTruth(ctx.world, id, US, ctx.clock.now());
    const withIssues = records.find((r) => r.issues.length > 0) ?? records[0];
    await call('getListingsItem', caller, {
      pathParams: { sellerId: id, sku: withIssues?.sku ?? '' },
      query: { marketplaceIds: US, includedData: ALL_LISTING_DATA },
    });
    await call('searchListingsItems', caller, {
      pathParams: { sellerId: id },
      query: { marketplaceIds: US, includedData: ALL_LISTING_DATA, pageSize: 20 },
    });
  }
  await call('getListingsItem', seller, {
    pathParams: { sellerId, sku: 'missing' },
    query: { marketplaceIds: US },
  });
  await call('getListingsItem', vendor, {
    pathParams: { sellerId, sku: 'missing' },
    query: { marketplaceIds: US },
  });
  await call('searchListingsItems', seller, {
    pathParams: { sellerId },
    query: { marketplaceIds: 'A1PA6795UKMFR9' },
  });
  return exchanges;
}

describe('owned operations', () => {
  it('answer bodies that match the response schema of the model for their status', async () => {
    const exchanges = await walk();
    const problems: string[] = [];
    for (const { operationId, response } of exchanges) {
      const operation = registry.operation(operationId);
      const schema = operation?.responses[String(response.status)]?.schema;
      if (operation === undefined || schema === undefined) {
        problems.push(`${operationId} ${response.status}: no response schema in the model`);
        continue;
      }
      const validate = validators.validator(
        operation.modelId,
        `response:${operationId}:${response.status}`,
        schema,
      );
      if (!validate(response.body)) {
        problems.push(
          `${operationId} ${response.status}: ${describeSchemaError(validate, 'body')}`,
        );
      }
    }
    expect(problems).toEqual([]);
    const statuses = new Set(exchanges.map((e) => `${e.operationId} ${e.response.status}`));
    for (const operationId of Object.keys(handlers)) {
      expect(
        [...statuses].some(
          (s) => s.startsWith(`${operationId} 2`) || operationId === 'sendTestNotification',
        ),
      ).toBe(true);
    }
    expect(statuses).toEqual(
      new Set([
        'createDestination 200',
        'createDestination 409',
        'createDestination 400',
        'getDestinations 200',
        'getDestinations 403',
        'getDestination 200',
        'getDestination 404',
        'createSubscription 200',
        'createSubscription 409',
        'createSubscription 400',
        'getSubscription 200',
        'getSubscription 404',
        'getSubscriptions 200',
        'getSubscriptions 400',
        'getSubscriptionById 200',
        'getSubscriptionById 404',
        'sendTestNotification 400',
        'deleteDestination 403',
        'deleteDestination 200',
        'deleteDestination 404',
        'deleteSubscriptionById 200',
        'deleteSubscriptionById 404',
        'searchCatalogItems 200',
        'searchCatalogItems 400',
        'getCatalogItem 200',
        'getCatalogItem 404',
        'getCatalogItem 403',
        'getListingsItem 200',
        'getListingsItem 404',
        'getListingsItem 403',
        'searchListingsItems 200',
        'searchListingsItems 400',
      ]),
    );
  });
});
