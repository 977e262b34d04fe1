import path from 'node:path';
import { App } from 'cdktf';
import { loadStackInputs } from './stack/load-stack-inputs';
import { STACK_NAME, SpapiLakeStack } from './stack/spapi-lake-stack';

// `nx run infra:synth` (infra/scripts/synth.mjs): Terraform JSON into infra/cdktf.out/stacks/<stack>.
// Optional remote state: SPAPI_LAKE_STATE_BUCKET (+ SPAPI_LAKE_STATE_KEY, SPAPI_LAKE_STATE_REGION).
const workspaceRoot = process.argv[2] ?? process.cwd();
const outdir = process.env['CDKTF_OUTDIR'] ?? path.join(workspaceRoot, 'infra/cdktf.out');
const stateBucket = process.env['SPAPI_LAKE_STATE_BUCKET'];

try {
  const app = new App({ outdir, skipValidation: false });
  new SpapiLakeStack(app, STACK_NAME, {
    ...loadStackInputs(workspaceRoot),
    ...(stateBucket
      ? {
          backend: {
            bucket: stateBucket,
            key: process.env['SPAPI_LAKE_STATE_KEY'] ?? `${STACK_NAME}/terraform.tfstate`,
            region: process.env['SPAPI_LAKE_STATE_REGION'] ?? 'us-east-1',
          },
        }
      : {}),
  });
  app.synth();
  console.log(`synthesized ${path.join(outdir, 'stacks', STACK_NAME, 'cdk.tf.json')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
