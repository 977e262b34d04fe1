import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  type ExecutionStatus,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ExecutionControlRequestError, ExecutionControlUnavailableError } from '../errors';
import type { UnsolicitedReportRetrieval } from '../retrieval-starter';
import { SfnRetrievalRetrier, retrievalAttemptName } from './sfn-retrieval-retrier';
import { retrievalExecutionName } from '../retrieval-execution-name';

const sfn = mockClient(SFNClient);
const STATE_MACHINE_ARN =
  'arn:aws:states:eu-west-1:123456789012:stateMachine:lake-report-retrieval';
const EXECUTIONS = 'arn:aws:states:eu-west-1:123456789012:execution:lake-report-retrieval';
const request: UnsolicitedReportRetrieval = {
  sellingPartnerId: 'A2EUQ1WTGCTBG2',
  region: 'EU',
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  report: { reportId: '50012345678' },
  status: { processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.eu.50012345678' },
  notificationId: 'getReports-sweep-2026-11-27',
};
const FIRST = retrievalExecutionName({
  sellingPartnerId: request.sellingPartnerId,
  reportId: request.report.reportId,
});
const retrier = () =>
  new SfnRetrievalRetrier({
    client: new SFNClient({ region: 'eu-west-1', maxAttempts: 1 }),
    stateMachineArn: STATE_MACHINE_ARN,
  });
const notFound = () =>
  new ExecutionDoesNotExist({ message: 'gone', $metadata: { httpStatusCode: 400 } });
const described = (status: ExecutionStatus) => ({
  executionArn: 'x',
  stateMachineArn: STATE_MACHINE_ARN,
  status,
  startDate: new Date(),
});

beforeEach(() => sfn.reset());

describe('retrievalAttemptName', () => {
  it("is the starter's name first, then numbered, within 80 characters", () => {
    expect(retrievalAttemptName(request, 1)).toBe(FIRST);
    expect(retrievalAttemptName(request, 2)).toBe(`${FIRST}-attempt-2`);
    const long = { ...request, report: { reportId: '9'.repeat(100) } };
    expect(retrievalAttemptName(long, 12)).toHaveLength(80);
    expect(retrievalAttemptName(long, 12).endsWith('-attempt-12')).toBe(true);
  });
});

describe('SfnRetrievalRetrier', () => {
  it('starts the next attempt after a failed one, with the request as input', async () => {
    sfn
      .on(DescribeExecutionCommand, { executionArn: `${EXECUTIONS}:${FIRST}` })
      .resolves(described('FAILED'))
      .on(DescribeExecutionCommand, { executionArn: `${EXECUTIONS}:${FIRST}-attempt-2` })
      .rejects(notFound());
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });

    await expect(retrier().retryFailed(request)).resolves.toEqual({
      outcome: 'retried',
      attempt: 2,
    });
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: `${FIRST}-attempt-2`,
      input: JSON.stringify(request),
    });
  });

  it.each<ExecutionStatus>(['RUNNING', 'PENDING_REDRIVE'])(
    'starts nothing while an attempt is %s',
    async (status) => {
      sfn.on(DescribeExecutionCommand).resolves(described(status));
      await expect(retrier().retryFailed(request)).resolves.toEqual({ outcome: 'running' });
      expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
    },
  );

  it('starts nothing once an attempt succeeded', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves(described('TIMED_OUT'))
      .on(DescribeExecutionCommand, { executionArn: `${EXECUTIONS}:${FIRST}-attempt-2` })
      .resolves(described('SUCCEEDED'));
    await expect(retrier().retryFailed(request)).resolves.toEqual({ outcome: 'succeeded' });
    expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('gives up after maxAttempts closed attempts', async () => {
    sfn.on(DescribeExecutionCommand).resolves(described('ABORTED'));
    await expect(retrier().retryFailed(request)).resolves.toEqual({
      outcome: 'exhausted',
      attempts: 5,
    });
    expect(sfn).toHaveReceivedCommandTimes(DescribeExecutionCommand, 5);
  });

  it('maps Step Functions failures to typed errors', async () => {
    const error = (name: string, status: number) =>
      new SFNServiceException({
        name,
        $fault: status >= 500 ? 'server' : 'client',
        $metadata: { httpStatusCode: status },
        message: name,
      });
    sfn.on(DescribeExecutionCommand).rejects(error('ThrottlingException', 400));
    await expect(retrier().retryFailed(request)).rejects.toBeInstanceOf(
      ExecutionControlUnavailableError,
    );
    sfn.on(DescribeExecutionCommand).rejects(error('AccessDeniedException', 400));
    await expect(retrier().retryFailed(request)).rejects.toBeInstanceOf(
      ExecutionControlRequestError,
    );
  });
});
