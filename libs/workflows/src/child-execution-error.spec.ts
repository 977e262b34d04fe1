import { childExecutionError } from './child-execution-error';

describe('childExecutionError', () => {
  it("unwraps the child's error from a failed startExecution.sync", () => {
    const cause = JSON.stringify({
      ExecutionArn: 'arn:aws:states:eu-west-1:1:execution:sm:n',
      Status: 'FAILED',
      Error: 'ReportFatalError',
      Cause: 'Requested data is not yet available',
    });
    expect(childExecutionError({ Error: 'States.TaskFailed', Cause: cause })).toEqual({
      errorName: 'ReportFatalError',
      cause: 'Requested data is not yet available',
    });
  });

  it('keeps errors that did not come from a child as they are', () => {
    expect(childExecutionError({ Error: 'Lambda.ServiceException', Cause: 'boom' })).toEqual({
      errorName: 'Lambda.ServiceException',
      cause: 'boom',
    });
    expect(childExecutionError({ Error: 'States.TaskFailed', Cause: 'not json' })).toEqual({
      errorName: 'States.TaskFailed',
      cause: 'not json',
    });
    expect(childExecutionError({ Error: 'States.Timeout' })).toEqual({
      errorName: 'States.Timeout',
    });
  });

  it('reads a timed-out child without a cause', () => {
    const cause = JSON.stringify({ Status: 'TIMED_OUT', Error: 'States.Timeout' });
    expect(childExecutionError({ Error: 'States.TaskFailed', Cause: cause })).toEqual({
      errorName: 'States.Timeout',
    });
  });
});
