import { parseArgs } from 'node:util';
import { invokeFunction } from './invoke/invoke-function';

const USAGE = `Usage: npx nx run <app>:invoke --event=apps/<app>/events/<file>.json [--handler=<name>] [--real] [--json]

Runs one Lambda handler of <app> locally with the event, against the simulator and the local lake
(.lake/), or with --real against SP-API and AWS settings from the environment, and prints its
structured logs and result. The handler is inferred from the event file name when --handler is
absent (create-report-*.json -> createReport).`;

// `nx run <app>:invoke`: the local counterpart of invoking the deployed function.
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      event: { type: 'string' },
      handler: { type: 'string' },
      'lake-dir': { type: 'string', default: '.lake' },
      real: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [app] = positionals;
  if (values.help || app === undefined || values.event === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const invocation = await invokeFunction({
    app,
    eventFile: values.event,
    lakeDir: values['lake-dir'],
    real: values.real,
    ...(values.handler === undefined ? {} : { handler: values.handler }),
  });
  const out = (text: string) => process.stdout.write(`${text}\n`);
  if (values.json) {
    out(JSON.stringify(invocation));
    if (!invocation.ok) process.exitCode = 1;
    return;
  }
  out(`== ${invocation.app}.${invocation.handler} <- ${values.event}`);
  out(`== logs (${invocation.logs.length})`);
  for (const entry of invocation.logs)
    out(typeof entry === 'string' ? entry : JSON.stringify(entry));
  out(`== ${invocation.ok ? 'result' : 'error'}`);
  out(JSON.stringify(invocation.result, null, 2));
  if (!invocation.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
