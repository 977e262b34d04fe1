import { awsFailure, describeAwsFailure } from './aws-failure';

function sdkError(name: string, httpStatusCode: number, fault: 'client' | 'server') {
  return Object.assign(new Error('the service said something with a value in it'), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode },
  });
}

describe('awsFailure', () => {
  it('marks throttling, 5xx and 429 as retryable', () => {
    expect(awsFailure(sdkError('ThrottlingException', 400, 'client')).retryable).toBe(true);
    expect(awsFailure(sdkError('InternalFailure', 500, 'server')).retryable).toBe(true);
    expect(awsFailure(sdkError('TooManyRequestsException', 429, 'client')).retryable).toBe(true);
  });

  it('marks permission, validation and missing-resource errors as final', () => {
    expect(awsFailure(sdkError('AccessDeniedException', 400, 'client'))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      retryable: false,
    });
    expect(awsFailure(sdkError('ResourceNotFoundException', 400, 'client')).retryable).toBe(false);
  });

  it('treats an error without any answer as a retryable network error', () => {
    expect(awsFailure(new Error('socket hang up'))).toEqual({
      name: 'NetworkError',
      status: undefined,
      retryable: true,
    });
    expect(awsFailure('nonsense')).toEqual({
      name: 'UnknownError',
      status: undefined,
      retryable: false,
    });
  });

  it('describes a failure by names only, never by the service message', () => {
    const text = describeAwsFailure(
      'PutItem',
      awsFailure(sdkError('ThrottlingException', 400, 'client')),
    );
    expect(text).toBe('PutItem failed (ThrottlingException, HTTP 400)');
  });
});
