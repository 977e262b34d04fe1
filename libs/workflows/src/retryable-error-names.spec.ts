import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { laneTaskRetry, spApiTaskRetry } from './retry-policies';

// Every TypedError declared `retryable = true` in the libraries' `src/errors.ts` files (where the
// house style puts them; this test's inputs in project.json name them, so a change there runs it
// again) is retried by the state machines' Lambda tasks, or named here with the reason it never
// fails one of those tasks. Read from the sources (not imported), so a new retryable error fails
// this test until it is placed.
const NOT_RAISED_IN_WORKFLOW_TASKS: Readonly<Record<string, string>> = {
  SecretStoreUnavailableError: 'token broker: callers see TokenBrokerUnavailableError',
  UsedStateStoreUnavailableError: 'token broker: callers see TokenBrokerUnavailableError',
  TokenExchangeUnavailableError: 'token broker: callers see TokenBrokerUnavailableError',
  ClientSecretProofFailedError: 'token broker secret rotation (SQS), no workflow',
  ClientSecretPromotionConflictError: 'token broker secret rotation (SQS), no workflow',
  SettlementSweepIncompleteError: 'settlement sweep (a scheduled Lambda): its next run goes on',
  NotificationStoreUnavailableError:
    'notification consumer (SQS redelivers); the waiter registration falls back to polling',
  ExecutionControlUnavailableError: 'notification consumer: SQS redelivers',
  ListingRefreshUnavailableError: 'notification consumer: SQS redelivers',
  SubscriptionDestinationMismatchError: 'subscription setup: its schedule runs it again',
  SubscriptionSetupIncompleteError: 'subscription setup: its schedule runs it again',
};

const librariesRoot = join(__dirname, '../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name === 'errors.ts' ? [path] : [];
  });
}

function retryableErrorNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(librariesRoot)) {
    for (const declaration of readFileSync(file, 'utf8')
      .split(/\nexport class /)
      .slice(1)) {
      const body = declaration.slice(0, declaration.indexOf('\n}'));
      const name = /readonly name = '(\w+)'/.exec(body)?.[1];
      if (name !== undefined && /readonly retryable = true;/.test(body)) names.add(name);
    }
  }
  return names;
}

describe('retryable error names', () => {
  const retried = new Set(
    [...spApiTaskRetry, ...laneTaskRetry].flatMap((retrier) => retrier.ErrorEquals),
  );
  const declared = retryableErrorNames();

  it('finds the retryable errors the libraries declare', () => {
    expect(declared).toContain('SpApiQuotaExceededError');
    expect(declared).toContain('ReportNotReadyError');
    expect(declared.size).toBeGreaterThan(15);
  });

  it('retries every one the workflow tasks can raise', () => {
    const unplaced = [...declared].filter(
      (name) => !retried.has(name) && NOT_RAISED_IN_WORKFLOW_TASKS[name] === undefined,
    );
    expect(unplaced).toEqual([]);
  });

  it('lists as never raised only errors that exist and are not retried anyway', () => {
    for (const name of Object.keys(NOT_RAISED_IN_WORKFLOW_TASKS)) {
      expect(declared).toContain(name);
      expect(retried).not.toContain(name);
    }
  });
});
