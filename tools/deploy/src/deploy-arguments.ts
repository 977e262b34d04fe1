import { DeployUsageError } from './errors';

/** The deploy command line. */
export interface DeployArguments {
  readonly app: string;
  readonly artifactPath: string;
  /** SSM parameter of the deploy manifest (infra output `deploy_manifest_parameter`). */
  readonly manifestParameter: string;
  readonly dryRun: boolean;
}

const USAGE =
  'usage: deploy --app <app> --artifact <zip> [--manifest-parameter <ssm name>] [--dry-run]; ' +
  'the manifest parameter defaults to $SPAPI_LAKE_DEPLOY_MANIFEST (infra output deploy_manifest_parameter)';

/**
 * Parses `--app x --artifact y [--manifest-parameter z] [--dry-run]`. Accepts `--name=value` and
 * the forms Nx forwards (`--dryRun`, `--dry-run=true`).
 */
export function parseDeployArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DeployArguments {
  const known = new Set(['app', 'artifact', 'manifest-parameter', 'dry-run']);
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) throw new DeployUsageError(`unexpected ${argument}; ${USAGE}`);
    const [rawName, inline] = argument.slice(2).split(/=(.*)/s, 2);
    const name = (rawName ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    if (!known.has(name)) throw new DeployUsageError(`unknown --${name}; ${USAGE}`);
    if (name === 'dry-run') {
      values.set(name, inline ?? 'true');
      continue;
    }
    const value = inline ?? argv[(index += 1)];
    if (value === undefined) throw new DeployUsageError(`--${name} needs a value; ${USAGE}`);
    values.set(name, value);
  }
  const app = values.get('app');
  const artifactPath = values.get('artifact');
  const manifestParameter = values.get('manifest-parameter') ?? env['SPAPI_LAKE_DEPLOY_MANIFEST'];
  if (!app || !artifactPath)
    throw new DeployUsageError(`--app and --artifact are required; ${USAGE}`);
  if (!manifestParameter) {
    throw new DeployUsageError(`no deploy manifest parameter: ${USAGE}`);
  }
  const dryRun = values.get('dry-run');
  return {
    app,
    artifactPath,
    manifestParameter,
    dryRun: dryRun !== undefined && dryRun !== 'false',
  };
}
