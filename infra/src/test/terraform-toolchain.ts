import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where this kind of machine (and CI) keeps the AWS provider in filesystem-mirror layout. */
export const DEFAULT_PROVIDER_MIRROR = '/opt/tf-plugins';
const AWS_PROVIDER_DIR = 'registry.terraform.io/hashicorp/aws';

/** A terraform binary and an offline AWS provider mirror, or why there is none. */
export type TerraformToolchain =
  | {
      readonly available: true;
      readonly terraform: string;
      readonly version: string;
      readonly mirror: string;
      /** The AWS provider versions the mirror holds, e.g. `['5.100.0']`. */
      readonly awsProviderVersions: readonly string[];
    }
  | { readonly available: false; readonly reason: string };

/**
 * Finds `terraform` on PATH (or `TERRAFORM`) and the provider mirror (`SPAPI_LAKE_TF_PLUGIN_MIRROR`,
 * default /opt/tf-plugins). Never downloads anything.
 */
export function findTerraformToolchain(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TerraformToolchain {
  const terraform = env['TERRAFORM'] ?? 'terraform';
  const probe = spawnSync(terraform, ['version', '-json'], {
    encoding: 'utf8',
    env: { PATH: env['PATH'] ?? '', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (probe.error || probe.status !== 0) {
    return {
      available: false,
      reason: `no ${terraform} on PATH (install Terraform >= 1.10: https://developer.hashicorp.com/terraform/install)`,
    };
  }
  const version = (JSON.parse(probe.stdout) as { terraform_version: string }).terraform_version;
  const mirror = env['SPAPI_LAKE_TF_PLUGIN_MIRROR'] ?? DEFAULT_PROVIDER_MIRROR;
  const providerDir = path.join(mirror, AWS_PROVIDER_DIR);
  const awsProviderVersions = existsSync(providerDir) ? readdirSync(providerDir).sort() : [];
  if (awsProviderVersions.length === 0) {
    return {
      available: false,
      reason: `no hashicorp/aws provider in the mirror ${providerDir} (filesystem-mirror layout <version>/<os_arch>/; set SPAPI_LAKE_TF_PLUGIN_MIRROR)`,
    };
  }
  return { available: true, terraform, version, mirror, awsProviderVersions };
}

/** What one terraform command printed. */
export interface TerraformResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform in `workDir` with a clean environment: no AWS credentials or profile from the
 * caller, no CLI config, no checkpoint call, `TF_DATA_DIR` under `dataDir`. Asynchronous, so that
 * a fake endpoint served by this process can answer. Rejects with both outputs on a non-zero exit.
 */
export function runTerraform(
  terraform: string,
  workDir: string,
  dataDir: string,
  args: readonly string[],
  timeoutMs = 300_000,
): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    execFile(
      terraform,
      [`-chdir=${workDir}`, ...args],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: timeoutMs,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: dataDir,
          TF_DATA_DIR: path.join(dataDir, 'tf-data'),
          TF_CLI_CONFIG_FILE: '/dev/null',
          TF_IN_AUTOMATION: '1',
          TF_INPUT: '0',
          CHECKPOINT_DISABLE: '1',
          NO_COLOR: '1',
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`terraform ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}
