#!/usr/bin/env node
// `nx run infra:plan` / `nx run infra:apply`: runs Terraform on the synthesized stack
// (infra/cdktf.out/stacks/spapi-lake). Extra arguments go to terraform, e.g.
//   npx nx run infra:plan -- -var-file=/abs/path/prod.tfvars.json
// SPAPI_LAKE_TFVARS=<file> adds -var-file for both; TERRAFORM=tofu runs OpenTofu instead.
// `apply` applies the plan file `plan` wrote when there is one and no arguments are given.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const stackDir = join(root, 'infra/cdktf.out/stacks/spapi-lake');
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

const varFile = process.env.SPAPI_LAKE_TFVARS
  ? [`-var-file=${resolve(process.env.SPAPI_LAKE_TFVARS)}`]
  : [];
const run = (args) => {
  console.log(`> ${terraform} ${args.join(' ')}`);
  const result = spawnSync(terraform, [`-chdir=${stackDir}`, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(['init', '-input=false']);
if (command === 'plan') {
  run(['plan', '-input=false', '-out=tfplan', ...varFile, ...extra]);
} else if (extra.length === 0 && varFile.length === 0 && existsSync(join(stackDir, 'tfplan'))) {
  run(['apply', '-input=false', 'tfplan']);
} else {
  run(['apply', '-input=false', ...varFile, ...extra]);
}
