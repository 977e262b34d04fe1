import path from 'node:path';
import { z } from 'zod';
import { type SynthesizedStack, WORKSPACE_ROOT, synthTestStack } from '../test/synth-test-stack';
import { resource } from '../test/terraform-json';
import { FUNCTION_CATALOG } from './function-catalog';
import { AppName } from './function-spec';

// The contract between infra and each app: every variable an app's config schema requires is set
// on each of its functions, and nothing is set that the schema does not read. Infra never imports
// an app (module boundaries), so this test loads the apps' `src/config.ts` by path at run time:
// the schemas themselves, not a copy that could drift.
type Schema = z.ZodObject<z.ZodRawShape>;
type ConfigModule = Record<string, unknown>;

function appConfig(app: AppName): ConfigModule {
  return require(path.join(WORKSPACE_ROOT, 'apps', app, 'src', 'config.ts')) as ConfigModule;
}

function schemaExport(module: ConfigModule, ...keys: string[]): Schema {
  const found = keys.reduce<unknown>(
    (value, key) => (value as Record<string, unknown> | undefined)?.[key],
    module,
  );
  if (found === undefined) throw new Error(`config.ts exports no ${keys.join('.')}`);
  return found as Schema;
}

/** The schema each function's handler validates its environment with (see each app's main.ts). */
function schemaOf(app: AppName, exportName: string): Schema {
  const config = appConfig(app);
  switch (app) {
    case AppName.ReportCreator:
      return schemaExport(
        config,
        exportName === 'createReport'
          ? 'CreateReportEnvironment'
          : exportName === 'planWindows'
            ? 'PlanWindowsEnvironment'
            : 'LaneEnvironment',
      );
    case AppName.ReportRetriever:
      return schemaExport(config, 'HandlerEnvironment', exportName);
    case AppName.NotificationSubscriber:
      return schemaExport(
        config,
        {
          setupSubscriptions: 'SetupEnvironment',
          consumeNotifications: 'ConsumerEnvironment',
          registerWaiter: 'RegisterWaiterEnvironment',
          sweepSettlements: 'SweepEnvironment',
        }[exportName] ?? `no schema for ${exportName}`,
      );
    case AppName.TokenBroker:
      return schemaExport(config, 'TokenBrokerEnvironment');
    case AppName.CatalogListingsFetcher:
      return schemaExport(config, 'CatalogFetcherEnvironment');
  }
}

/** Variables the runtime reads, not the app's schema: Node's options and Powertools' settings. */
const isRuntimeVariable = (name: string) =>
  name === 'NODE_OPTIONS' || name.startsWith('POWERTOOLS_');

describe('app environments', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });

  const environmentOf = (id: string): Record<string, string> =>
    (
      resource(stack, 'aws_lambda_function', `functions_${id.replaceAll('-', '_')}_function`)[
        'environment'
      ] as { variables: Record<string, string> }
    ).variables;

  it.each(FUNCTION_CATALOG.map((spec) => [spec.id, spec.app, spec.exportName] as const))(
    '%s (%s main.%s) gets every variable its schema requires and none it does not read',
    (id, app, exportName) => {
      const shape = schemaOf(app, exportName).shape;
      const required = Object.keys(shape)
        .filter((name) => {
          const field = shape[name];
          return field !== undefined && !z.safeParse(field, undefined).success;
        })
        .sort();
      const set = Object.keys(environmentOf(id));
      expect(required.filter((name) => !set.includes(name))).toEqual([]);
      expect(set.filter((name) => !(name in shape) && !isRuntimeVariable(name))).toEqual([]);
    },
  );

  it('names the token broker and the lake key alike in every app', () => {
    const names = new Set(
      FUNCTION_CATALOG.flatMap((spec) => Object.keys(environmentOf(spec.id))).filter(
        (name) => name.startsWith('TOKEN_BROKER') || name.endsWith('KMS_KEY_ID'),
      ),
    );
    expect([...names].sort()).toEqual([
      'LAKE_KMS_KEY_ID',
      'SECRETS_KMS_KEY_ID',
      'TOKEN_BROKER_FUNCTION',
    ]);
  });
});
