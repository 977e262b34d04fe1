import { MODEL_FILES, loadModelRegistry } from './model-registry';
import { createRouter } from './router';

describe('model registry and router', () => {
  const registry = loadModelRegistry();
  const route = createRouter(registry);

  it('loads every operation of the seven models with its usage plan', () => {
    expect(new Set(registry.operations.map((op) => op.modelId))).toEqual(
      new Set(Object.keys(MODEL_FILES)),
    );
    expect(registry.operation('getReports')).toMatchObject({
      method: 'GET',
      rate: 0.0222,
      burst: 10,
    });
    expect(registry.operation('getReport')).toMatchObject({ rate: 2, burst: 15 });
    expect(registry.operation('createRestrictedDataToken')).toMatchObject({ rate: 1, burst: 10 });
    expect(registry.operation('rotateApplicationClientSecret')).toMatchObject({
      rate: 0.0167,
      burst: 1,
    });
    expect(registry.operation('getMarketplaceParticipations')).toMatchObject({
      rate: 0.016,
      burst: 15,
    });
    // Every operation documents its plan in the description table.
    const documented = registry.operations.filter((op) => op.rate !== 1 || op.burst !== 1);
    expect(documented).toHaveLength(registry.operations.length);
  });

  it('routes by method and path template, literal segments first', () => {
    const test = route(
      'POST',
      '/notifications/v1/subscriptions/ANY_OFFER_CHANGED/testNotification',
    );
    expect(test.kind === 'found' && test.operation.operationId).toBe('sendTestNotification');
    const byId = route('GET', '/notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED/abc');
    expect(byId.kind === 'found' && byId.operation.operationId).toBe('getSubscriptionById');
    const listing = route('GET', '/listings/2021-08-01/items/A1/SKU%2F1%20x');
    expect(listing.kind === 'found' && listing.pathParams).toEqual({
      sellerId: 'A1',
      sku: 'SKU/1 x',
    });
    expect(route('PUT', '/reports/2021-06-30/reports').kind).toBe('method-not-allowed');
    expect(route('GET', '/orders/v0/orders').kind).toBe('not-found');
  });
});
