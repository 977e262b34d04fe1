import type { StateMachineDefinition } from '@spapi-lake/workflows';
import { LocalStateMachine, allStates } from './local-state-machine';

const fail = (name: string, message: string) => Object.assign(new Error(message), { name });

const definition: StateMachineDefinition = {
  StartAt: 'Fetch',
  States: {
    Fetch: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:fetch',
      ResultPath: '$.fetched',
      Retry: [{ ErrorEquals: ['FlakyError'], IntervalSeconds: 60, MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3600, Next: 'EachItem' },
    EachItem: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Double',
        States: {
          Double: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
            End: true,
          },
        },
      },
      ResultPath: '$.doubled',
      End: true,
    },
    Failed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
  },
};

describe('LocalStateMachine', () => {
  it('answers Tasks (nested Map ones too) by state name and skips Wait and Retry pauses', async () => {
    let calls = 0;
    const machine = new LocalStateMachine(definition, {
      Fetch: () => {
        calls += 1;
        if (calls === 1) throw fail('FlakyError', 'try again');
        return { token: 'T' };
      },
      Double: (input) => Number(input) * 2,
    });
    const entered: string[] = [];
    const started = Date.now();
    const result = await machine.execute(
      { items: [1, 2, 3] },
      { onStateEntered: (name) => entered.push(name) },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { items: [1, 2, 3], fetched: { token: 'T' }, doubled: [2, 4, 6] },
    });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(entered.filter((name) => name === 'Double')).toHaveLength(3);
  });

  it('fails with the error name and cause a Fail state takes from the caught error', async () => {
    const machine = new LocalStateMachine(definition, {
      Fetch: () => {
        throw fail('SpApiAccessDeniedError', 'partner revoked the app');
      },
      Double: (input) => input,
    });
    expect(await machine.execute({ items: [] })).toEqual({
      status: 'FAILED',
      error: 'SpApiAccessDeniedError',
      cause: 'partner revoked the app',
    });
  });

  it('refuses a definition with a Task no handler answers', () => {
    expect(() => new LocalStateMachine(definition, { Fetch: () => ({}) })).toThrow(
      'no local handler for Task states Double',
    );
  });

  it('lists the states of Map item processors with the top-level ones', () => {
    expect(allStates(definition).map(([name]) => name)).toEqual([
      'Fetch',
      'Pause',
      'EachItem',
      'Double',
      'Failed',
    ]);
  });
});
