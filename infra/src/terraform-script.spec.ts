import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../scripts/terraform.mjs');

describe('infra plan and apply without terraform', () => {
  it.each(['plan', 'apply'])('%s fails and says what to install', (command) => {
    const result = spawnSync(process.execPath, [script, command], {
      encoding: 'utf8',
      // An empty directory as PATH: no terraform anywhere.
      env: { PATH: mkdtempSync(path.join(tmpdir(), 'no-terraform-')) },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('terraform is not installed');
    expect(result.stderr).toContain(
      'Install Terraform >= 1.10: https://developer.hashicorp.com/terraform/install',
    );
    expect(result.stderr).toContain(`npx nx run infra:${command}`);
  });

  it('refuses an unknown command', () => {
    const result = spawnSync(process.execPath, [script, 'destroy'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
  });
});

describe('infra plan with the provider mirror', () => {
  const directories: string[] = [];
  const temporary = (prefix: string) => {
    const directory = mkdtempSync(path.join(tmpdir(), prefix));
    directories.push(directory);
    return directory;
  };
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  // A stand-in terraform that logs its arguments and CLI config, and fails `init` as a mirror
  // without a matching provider does.
  function fakeTerraform(directory: string): string {
    const bin = path.join(directory, 'bin');
    mkdirSync(bin);
    const fake = path.join(bin, 'terraform');
    writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'echo "args: $*" >> "$FAKE_LOG"',
        'if [ -n "$TF_CLI_CONFIG_FILE" ] && [ -f "$TF_CLI_CONFIG_FILE" ]; then cat "$TF_CLI_CONFIG_FILE" >> "$FAKE_LOG"; fi',
        'case "$*" in *init*) exit 1;; esac',
        'exit 0',
        '',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    return bin;
  }

  function runPlan(mirror: string) {
    const directory = temporary('fake-terraform-');
    const stackDir = path.join(directory, 'out', 'stacks', 'spapi-lake');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(
      path.join(stackDir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { aws: { version: '>= 6.28.0, < 7.0.0' } } },
      }),
    );
    const log = path.join(directory, 'terraform.log');
    const result = spawnSync(process.execPath, [script, 'plan'], {
      encoding: 'utf8',
      env: {
        PATH: `${fakeTerraform(directory)}:${process.env['PATH'] ?? ''}`,
        CDKTF_OUTDIR: path.join(directory, 'out'),
        SPAPI_LAKE_TF_PLUGIN_MIRROR: mirror,
        TF_CLI_CONFIG_FILE: path.join(directory, 'no-such.terraformrc'),
        FAKE_LOG: log,
      },
    });
    return { result, log: readFileSync(log, 'utf8') };
  }

  it('installs hashicorp/aws from the mirror only, and says what to do when it has no match', () => {
    const mirror = temporary('mirror-');
    mkdirSync(path.join(mirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), {
      recursive: true,
    });
    const { result, log } = runPlan(mirror);
    expect(log).toContain('args: -chdir=');
    expect(log).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(log).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(log).toContain('exclude = ["registry.terraform.io/hashicorp/aws"]');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'The stack requires hashicorp/aws >= 6.28.0, < 7.0.0; the mirror holds 5.100.0.',
    );
    expect(result.stderr).toContain('SPAPI_LAKE_TF_PLUGIN_MIRROR= to install it from the registry');
  });

  it('leaves provider installation to terraform when the mirror is turned off', () => {
    const { result, log } = runPlan('');
    expect(log).not.toContain('provider_installation');
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('mirror');
  });
});
