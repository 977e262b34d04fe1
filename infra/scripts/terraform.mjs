#!/usr/bin/env node
// `nx run infra:plan` / `nx run infra:apply`: runs Terraform on the synthesized stack
// (infra/cdktf.out/stacks/spapi-lake). Extra arguments go to terraform, e.g.
//   npx nx run infra:plan -- -var-file=/abs/path/prod.tfvars.json
// SPAPI_LAKE_TFVARS=<file> adds -var-file for both; TERRAFORM=tofu runs OpenTofu instead.
// `apply` applies the plan file `plan` wrote when there is one and no arguments are given.
// Providers: hashicorp/aws from the filesystem mirror SPAPI_LAKE_TF_PLUGIN_MIRROR (default
// /opt/tf-plugins) when it exists and TF_CLI_CONFIG_FILE names no existing file, else as the CLI
// config or the registry says; SPAPI_LAKE_TF_PLUGIN_MIRROR= (empty) turns the mirror off.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CDKTF_OUTDIR: the synth's output directory when not infra/cdktf.out (as in src/main.ts).
const stackDir = join(
  process.env.CDKTF_OUTDIR ?? join(root, 'infra/cdktf.out'),
  'stacks/spapi-lake',
);
const terraform = process.env.TERRAFORM ?? 'terraform';
const [command, ...extra] = process.argv.slice(2);

if (command !== 'plan' && command !== 'apply') {
  console.error('usage: terraform.mjs <plan|apply> [terraform arguments]');
  process.exit(2);
}

const probe = spawnSync(terraform, ['version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(
    [
      `${terraform} is not installed (or not on PATH), so nothing was planned or applied.`,
      'Install Terraform >= 1.10: https://developer.hashicorp.com/terraform/install',
      '  (Debian/Ubuntu: the HashiCorp apt repository, `apt-get install terraform`; or unzip a release',
      '  binary onto PATH). The npm packages named "terraform" are not Terraform.',
      'Or install OpenTofu >= 1.10 (https://opentofu.org/docs/intro/install/) and set TERRAFORM=tofu.',
      `The synthesized configuration is ready for it: ${join(stackDir, 'cdk.tf.json')}`,
      `Then: npx nx run infra:${command}`,
    ].join('\n'),
  );
  process.exit(1);
}
if (!existsSync(join(stackDir, 'cdk.tf.json'))) {
  console.error(`${stackDir}/cdk.tf.json is missing: run npx nx run infra:synth first`);
  process.exit(1);
}

const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
const mirror = process.env.SPAPI_LAKE_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
const mirroredAws =
  mirror !== '' && existsSync(join(mirror, AWS_PROVIDER))
    ? readdirSync(join(mirror, AWS_PROVIDER))
    : [];
const env = { ...process.env };
const ownCliConfig = process.env.TF_CLI_CONFIG_FILE && existsSync(process.env.TF_CLI_CONFIG_FILE);
const useMirror = mirroredAws.length > 0 && !ownCliConfig;
if (useMirror) {
  // The AWS provider only from the mirror (offline), everything else from the registry.
  const configDir = mkdtempSync(join(tmpdir(), 'spapi-lake-terraform-'));
  process.on('exit', () => rmSync(configDir, { recursive: true, force: true }));
  const config = join(configDir, 'terraform.rc');
  writeFileSync(
    config,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${AWS_PROVIDER}"]\n  }`,
      `  direct {\n    exclude = ["${AWS_PROVIDER}"]\n  }`,
      '}',
      '',
    ].join('\n'),
  );
  env.TF_CLI_CONFIG_FILE = config;
  console.log(
    `hashicorp/aws from the provider mirror ${mirror} (${mirroredAws.join(', ')}); SPAPI_LAKE_TF_PLUGIN_MIRROR= for the registry`,
  );
}
const requiredAws = () =>
  JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')).terraform?.required_providers?.aws
    ?.version ?? 'any';

const varFile = process.env.SPAPI_LAKE_TFVARS
  ? [`-var-file=${resolve(process.env.SPAPI_LAKE_TFVARS)}`]
  : [];
const run = (args, onFailure = () => {}) => {
  console.log(`> ${terraform} ${args.join(' ')}`);
  const result = spawnSync(terraform, [`-chdir=${stackDir}`, ...args], { stdio: 'inherit', env });
  if (result.status !== 0) {
    onFailure();
    process.exit(result.status ?? 1);
  }
};

run(['init', '-input=false'], () => {
  if (!useMirror) return;
  console.error(
    [
      `init failed with hashicorp/aws taken from the mirror ${mirror} only.`,
      `The stack requires hashicorp/aws ${requiredAws()}; the mirror holds ${mirroredAws.join(', ')}.`,
      'Add a matching version to the mirror (on a machine with registry access:',
      `  terraform -chdir=${stackDir} providers mirror ${mirror}),`,
      'or run with SPAPI_LAKE_TF_PLUGIN_MIRROR= to install it from the registry.',
    ].join('\n'),
  );
});
if (command === 'plan') {
  run(['plan', '-input=false', '-out=tfplan', ...varFile, ...extra]);
} else if (extra.length === 0 && varFile.length === 0 && existsSync(join(stackDir, 'tfplan'))) {
  run(['apply', '-input=false', 'tfplan']);
} else {
  run(['apply', '-input=false', ...varFile, ...extra]);
}
