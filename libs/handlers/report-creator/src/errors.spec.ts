import { TransientErrorName } from '@spapi-lake/workflows';
import {
  ConfigParameterUnavailableError,
  StateStoreContentionError,
  StateStoreRequestError,
  StateStoreUnavailableError,
  TaskInputError,
  WindowBeyondLookbackError,
} from './errors';

describe('report-creator errors', () => {
  it('names every retryable error as the state machines retry it, and no other', () => {
    const retriedByName: readonly string[] = Object.values(TransientErrorName);
    const errors = [
      new TaskInputError('m'),
      new StateStoreUnavailableError('m'),
      new StateStoreRequestError('m'),
      new StateStoreContentionError('m'),
      new ConfigParameterUnavailableError('m'),
      new WindowBeyondLookbackError(
        'c',
        '2024-01-01T00:00:00Z',
        730,
        'GET_SALES_AND_TRAFFIC_REPORT',
      ),
    ];
    for (const error of errors) {
      expect({ name: error.name, retried: retriedByName.includes(error.name) }).toEqual({
        name: error.name,
        retried: error.retryable,
      });
    }
  });
});
