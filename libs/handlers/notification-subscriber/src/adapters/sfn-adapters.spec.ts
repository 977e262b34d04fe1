import {
  ExecutionAlreadyExists,
  InvalidToken,
  SFNClient,
  SFNServiceException,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ExecutionControlRequestError, ExecutionControlUnavailableError } from '../errors';
import type { UnsolicitedReportRetrieval } from '../retrieval-starter';
import { SfnExecutionResumer } from './sfn-execution-resumer';
import { SfnRetrievalStarter } from './sfn-retrieval-starter';

const sfn = mockClient(SFNClient);
const client = () => new SFNClient({ region: 'eu-west-1', maxAttempts: 1 });
const meta = { $metadata: { httpStatusCode: 400 } };
const serviceError = (name: string, status: number) =>
  new SFNServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

beforeEach(() => sfn.reset());

describe('SfnExecutionResumer', () => {
  it('sends SendTaskSuccess with exactly the status and document id as output', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    await expect(
      new SfnExecutionResumer(client()).resume('token-1', {
        processingStatus: 'DONE',
        reportDocumentId: 'amzn1.spdoc.1.4.na.doc-1',
      }),
    ).resolves.toBe('resumed');
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      output: '{"processingStatus":"DONE","reportDocumentId":"amzn1.spdoc.1.4.na.doc-1"}',
    });
  });

  it.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'timed out', ...meta })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...meta })],
    ['InvalidToken', new InvalidToken({ message: 'bad', ...meta })],
  ])('answers gone when the task no longer waits (%s)', async (_name, error) => {
    sfn.on(SendTaskSuccessCommand).rejects(error);
    await expect(
      new SfnExecutionResumer(client()).resume('token-1', { processingStatus: 'CANCELLED' }),
    ).resolves.toBe('gone');
  });

  it('maps throttling to a retryable error and access denied to a request error', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('ThrottlingException', 400));
    await expect(
      new SfnExecutionResumer(client()).resume('t', { processingStatus: 'DONE' }),
    ).rejects.toBeInstanceOf(ExecutionControlUnavailableError);
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('AccessDeniedException', 400));
    await expect(
      new SfnExecutionResumer(client()).resume('t', { processingStatus: 'DONE' }),
    ).rejects.toBeInstanceOf(ExecutionControlRequestError);
  });
});

describe('SfnExecutionResumer.fail', () => {
  const failure = {
    error: 'ReportSubscriptionMissingError',
    cause: 'No REPORT_PROCESSING_FINISHED subscription is recorded for A3TH9S8BH6GOGM in NA',
  };

  it('sends SendTaskFailure with exactly the error name and cause', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});
    await expect(new SfnExecutionResumer(client()).fail('token-1', failure)).resolves.toBe(
      'resumed',
    );
    expect(sfn).toHaveReceivedCommandTimes(SendTaskFailureCommand, 1);
    expect(sfn).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 0);
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      error: 'ReportSubscriptionMissingError',
      cause: 'No REPORT_PROCESSING_FINISHED subscription is recorded for A3TH9S8BH6GOGM in NA',
    });
  });

  it.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'timed out', ...meta })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...meta })],
    ['InvalidToken', new InvalidToken({ message: 'bad', ...meta })],
  ])('answers gone when the task no longer waits (%s)', async (_name, error) => {
    sfn.on(SendTaskFailureCommand).rejects(error);
    await expect(new SfnExecutionResumer(client()).fail('token-1', failure)).resolves.toBe('gone');
  });

  it('maps throttling to a retryable error and access denied to a request error', async () => {
    sfn.on(SendTaskFailureCommand).rejects(serviceError('ThrottlingException', 400));
    const throttled: unknown = await new SfnExecutionResumer(client())
      .fail('t', failure)
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ExecutionControlUnavailableError);
    expect((throttled as Error).message).toContain('SendTaskFailure');
    sfn.on(SendTaskFailureCommand).rejects(serviceError('AccessDeniedException', 400));
    await expect(new SfnExecutionResumer(client()).fail('t', failure)).rejects.toBeInstanceOf(
      ExecutionControlRequestError,
    );
  });
});

describe('SfnRetrievalStarter', () => {
  const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-retrieval';
  const NAME = 'report-A3TH9S8BH6GOGM-54517018502-0076d0fc71e7';
  const request: UnsolicitedReportRetrieval = {
    sellingPartnerId: 'A3TH9S8BH6GOGM',
    region: 'EU',
    reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
    report: { reportId: '54517018502' },
    status: { processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.eu.doc-9' },
    notificationId: 'n-1',
  };

  it('starts one execution named after the partner and report with the request as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${arn}:${NAME}` });
    await expect(
      new SfnRetrievalStarter({ client: client(), stateMachineArn: arn }).start(request),
    ).resolves.toBe('started');
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: arn,
      name: NAME,
      input: JSON.stringify(request),
    });
  });

  it('answers already-started when an execution of that report exists', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'x', ...meta }));
    await expect(
      new SfnRetrievalStarter({ client: client(), stateMachineArn: arn }).start(request),
    ).resolves.toBe('already-started');
  });
});
