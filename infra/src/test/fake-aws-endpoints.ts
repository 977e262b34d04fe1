import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import aslValidator from 'asl-validator';

/** The identity the fake STS answers GetCallerIdentity with. */
export interface FakeIdentity {
  readonly account: string;
  readonly arn: string;
}

/** Loopback STS and Step Functions endpoints, and every call they received. */
export interface FakeAwsEndpoints {
  readonly endpoint: string;
  /** `sts:<Action>` / `states:<Operation>` of every request, in order. */
  readonly calls: readonly string[];
  close(): Promise<void>;
}

const STATES_TARGET = 'AWSStepFunctions.';

/**
 * The two calls `terraform plan` makes for this stack, answered on loopback so that a plan needs
 * no AWS: STS GetCallerIdentity (the `aws_caller_identity` data source, read even with
 * `-refresh=false`) and Step Functions ValidateStateMachineDefinition (the provider checks every
 * definition known at plan time), answered by asl-validator, which is stricter than nothing and
 * weaker than AWS. Anything else is answered 400 and recorded, so a test can refuse it.
 */
export async function startFakeAwsEndpoints(identity: FakeIdentity): Promise<FakeAwsEndpoints> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (typeof target === 'string' && target.startsWith(STATES_TARGET)) {
        const operation = target.slice(STATES_TARGET.length);
        calls.push(`states:${operation}`);
        answerStates(operation, body, response);
      } else {
        const action =
          new URLSearchParams(body).get('Action') ?? `${request.method} ${request.url}`;
        calls.push(`sts:${action}`);
        answerSts(action, identity, request, response);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

function answerSts(
  action: string,
  identity: FakeIdentity,
  _request: IncomingMessage,
  response: ServerResponse,
): void {
  response.setHeader('content-type', 'text/xml');
  if (action !== 'GetCallerIdentity') {
    response.statusCode = 400;
    response.end(
      `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>fake STS: ${action}</Message></Error><RequestId>0</RequestId></ErrorResponse>`,
    );
    return;
  }
  response.end(
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${identity.arn}</Arn><UserId>AIDAFAKEFAKEFAKEFAKE</UserId><Account>${identity.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
}

function answerStates(operation: string, body: string, response: ServerResponse): void {
  response.setHeader('content-type', 'application/x-amz-json-1.0');
  if (operation !== 'ValidateStateMachineDefinition') {
    response.statusCode = 400;
    response.end(
      JSON.stringify({ __type: 'UnknownOperationException', message: `fake: ${operation}` }),
    );
    return;
  }
  const { definition } = JSON.parse(body) as { definition: string };
  const result = aslValidator(JSON.parse(definition), { checkPaths: true, checkArn: true });
  response.end(
    JSON.stringify({
      result: result.isValid ? 'OK' : 'FAIL',
      diagnostics: result.errors.map((error) => ({
        severity: 'ERROR',
        code: error['Error code'],
        message: error.Message,
      })),
    }),
  );
}
