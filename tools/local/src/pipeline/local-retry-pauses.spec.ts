import { reportIngestionDefinition } from '@spapi-lake/workflows';
import { withLocalRetryPauses } from './local-retry-pauses';

const arn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`;
const definition = reportIngestionDefinition({
  createReportFunctionArn: arn('create-report'),
  registerReportWaiterFunctionArn: arn('register-waiter'),
  getReportStatusFunctionArn: arn('get-report-status'),
  retrieveReportFunctionArn: arn('retrieve-report'),
  recordFatalFunctionArn: arn('record-fatal'),
  recordOutcomeFunctionArn: arn('record-outcome'),
});

function failingWith(name: string) {
  return async () => {
    const error = new Error(`${name} for the test`);
    error.name = name;
    throw error;
  };
}

function setup(simulatedTime: boolean) {
  const clock = { now: () => 0, sleep: jest.fn(async () => undefined) };
  const pauseForLease = jest.fn(async () => undefined);
  const wrap = (name: string, handler: () => Promise<unknown>) => {
    const wrapped = withLocalRetryPauses(
      definition,
      { [name]: handler },
      { clock, simulatedTime, pauseForLease },
    )[name];
    if (wrapped === undefined) throw new Error(`no handler ${name}`);
    return wrapped;
  };
  return { clock, pauseForLease, wrap };
}

describe('withLocalRetryPauses', () => {
  it('waits for real before retrying a report whose lease another retrieval holds', async () => {
    const { clock, pauseForLease, wrap } = setup(true);
    const task = wrap('RetrieveReport', failingWith('ReportRetrievalInProgressError'));
    await expect(task(undefined)).rejects.toMatchObject({ name: 'ReportRetrievalInProgressError' });
    expect(pauseForLease).toHaveBeenCalledTimes(1);
    // The retrier's first interval also passes in simulated time.
    expect(clock.sleep).toHaveBeenCalledWith(60_000);
  });

  it('waits for real on a held lease without simulated time too', async () => {
    const { clock, pauseForLease, wrap } = setup(false);
    const task = wrap('RetrieveReport', failingWith('ReportRetrievalInProgressError'));
    await expect(task(undefined)).rejects.toMatchObject({ name: 'ReportRetrievalInProgressError' });
    expect(pauseForLease).toHaveBeenCalledTimes(1);
    expect(clock.sleep).not.toHaveBeenCalled();
  });

  it('spends other retry pauses in simulated time only', async () => {
    const { clock, pauseForLease, wrap } = setup(true);
    const task = wrap('RetrieveReport', failingWith('SpApiQuotaExceededError'));
    await expect(task(undefined)).rejects.toMatchObject({ name: 'SpApiQuotaExceededError' });
    expect(clock.sleep).toHaveBeenCalledWith(60_000);
    expect(pauseForLease).not.toHaveBeenCalled();
  });
});
