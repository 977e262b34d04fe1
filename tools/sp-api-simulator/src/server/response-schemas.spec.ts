import { GRANTLESS_SCOPES } from '../world/world';
import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { type Answer, simClient } from '../test/sim-client';
import { loadModelRegistry } from './model-registry';
import { type SimulatorHandle, startSimulator } from './start-simulator';
import { SchemaValidators } from './swagger-schema';

const US = 'ATVPDKIKX0DER';
const registry = loadModelRegistry();
const validators = new SchemaValidators(registry.models);

/** Validates an answer's body against the model's response schema for its status. */
function expectModelShape(operationId: string, answer: Answer): void {
  const operation = registry.operation(operationId);
  const response = operation?.responses[String(answer.status)];
  expect(response).toBeDefined();
  if (response?.schema === undefined) {
    expect(answer.text).toBe('');
    return;
  }
  const validate = validators.validator(
    operation?.modelId ?? '',
    `response:${operationId}:${answer.status}`,
    response.schema,
  );
  const valid = validate(answer.json);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('responses match the official models', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 13, generator: fakeGenerator, rateScale: 100 });
    client = simClient(sim);
  });
  afterAll(() => sim.stop());

  it('walks every SIM-CORE operation and validates each body with ajv', async () => {
    const token = await client.accessToken();
    const walk: [string, Answer][] = [];
    const call = async (operationId: string, method: string, path: string, body?: unknown) => {
      const answer = await client.call(method, path, {
        token,
        ...(body === undefined ? {} : { body }),
      });
      walk.push([operationId, answer]);
      return answer.json as Record<string, string>;
    };

    const { reportId } = await call('createReport', 'POST', '/reports/2021-06-30/reports', {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [US],
      reportOptions: { custom: 'true' },
    });
    const { reportId: queued } = await call('createReport', 'POST', '/reports/2021-06-30/reports', {
      reportType: FAKE_TYPES.orders,
      marketplaceIds: [US],
    });
    await call('cancelReport', 'DELETE', `/reports/2021-06-30/reports/${queued}`);
    await call('cancelReport', 'DELETE', `/reports/2021-06-30/reports/${queued}`);
    await call('getReport', 'GET', `/reports/2021-06-30/reports/${reportId}`);
    sim.clock.advance(60_000);
    const done = await call('getReport', 'GET', `/reports/2021-06-30/reports/${reportId}`);
    await call('getReport', 'GET', '/reports/2021-06-30/reports/0');
    await call(
      'getReports',
      'GET',
      `/reports/2021-06-30/reports?reportTypes=${FAKE_TYPES.listings},${FAKE_TYPES.orders},${FAKE_TYPES.settlement}&pageSize=1`,
    );
    await call('getReports', 'GET', '/reports/2021-06-30/reports?pageSize=1');
    await call(
      'getReportDocument',
      'GET',
      `/reports/2021-06-30/documents/${done['reportDocumentId']}`,
    );
    await call('getReportDocument', 'GET', '/reports/2021-06-30/documents/missing');
    const { reportScheduleId } = await call(
      'createReportSchedule',
      'POST',
      '/reports/2021-06-30/schedules',
      {
        reportType: FAKE_TYPES.listings,
        marketplaceIds: [US],
        period: 'P1D',
        reportOptions: { a: 'b' },
      },
    );
    await call(
      'getReportSchedules',
      'GET',
      `/reports/2021-06-30/schedules?reportTypes=${FAKE_TYPES.listings}`,
    );
    await call('getReportSchedule', 'GET', `/reports/2021-06-30/schedules/${reportScheduleId}`);
    await call(
      'cancelReportSchedule',
      'DELETE',
      `/reports/2021-06-30/schedules/${reportScheduleId}`,
    );
    await call('getReportSchedule', 'GET', `/reports/2021-06-30/schedules/${reportScheduleId}`);
    await call('createRestrictedDataToken', 'POST', '/tokens/2021-03-01/restrictedDataToken', {
      restrictedResources: [
        { method: 'GET', path: `/reports/2021-06-30/documents/${done['reportDocumentId']}` },
      ],
    });
    await call('createRestrictedDataToken', 'POST', '/tokens/2021-03-01/restrictedDataToken', {
      restrictedResources: [
        { method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}' },
      ],
    });
    await call('getMarketplaceParticipations', 'GET', '/sellers/v1/marketplaceParticipations');
    await call('getAccount', 'GET', '/sellers/v1/account');
    const rotation = await client.grantlessToken(GRANTLESS_SCOPES.rotation);
    walk.push([
      'rotateApplicationClientSecret',
      await client.call('POST', '/applications/2023-11-30/clientSecret', { token: rotation }),
    ]);
    sim.faults.set({ operations: { rotateApplicationClientSecret: { ratio429: 1 } } });
    walk.push([
      'rotateApplicationClientSecret',
      await client.call('POST', '/applications/2023-11-30/clientSecret', { token: rotation }),
    ]);
    sim.faults.clear();
    walk.push(['getReport', await client.call('GET', `/reports/2021-06-30/reports/${reportId}`)]);

    const statuses = new Set(walk.map(([id, a]) => `${id}:${a.status}`));
    for (const expected of [
      'createReport:202',
      'cancelReport:200',
      'cancelReport:400',
      'getReport:200',
      'getReport:404',
      'getReport:403',
      'getReports:200',
      'getReports:400',
      'getReportDocument:200',
      'getReportDocument:404',
      'createReportSchedule:201',
      'getReportSchedules:200',
      'getReportSchedule:200',
      'getReportSchedule:404',
      'cancelReportSchedule:200',
      'createRestrictedDataToken:200',
      'createRestrictedDataToken:400',
      'getMarketplaceParticipations:200',
      'getAccount:200',
      'rotateApplicationClientSecret:204',
      'rotateApplicationClientSecret:429',
    ]) {
      expect(statuses).toContain(expected);
    }
    for (const [operationId, answer] of walk) expectModelShape(operationId, answer);
  });
});
