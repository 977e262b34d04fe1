import { ReplayArgumentsError, parseReplayArguments } from './replay-arguments';

describe('parseReplayArguments', () => {
  it('replays every report of the local lake npm start writes by default', () => {
    expect(parseReplayArguments([])).toEqual({
      lake: { kind: 'local', directory: '.lake' },
      reportIds: [],
    });
  });

  it('takes the two S3 buckets, a KMS key, a partner and several reports', () => {
    expect(
      parseReplayArguments([
        '--raw-bucket',
        'lake-raw',
        '--curated-bucket',
        'lake-curated',
        '--kms-key-id',
        'alias/lake',
        '--partner',
        'A1EUSELLER',
        '--report',
        '1',
        '--report',
        '2',
      ]),
    ).toEqual({
      lake: {
        kind: 's3',
        rawBucket: 'lake-raw',
        curatedBucket: 'lake-curated',
        kmsKeyId: 'alias/lake',
      },
      sellingPartnerId: 'A1EUSELLER',
      reportIds: ['1', '2'],
    });
  });

  it.each([
    [['--raw-bucket', 'only-raw'], /go together/],
    [['--lake-dir', 'x', '--raw-bucket', 'r', '--curated-bucket', 'c'], /not both/],
    [['--report', '1'], /needs --partner/],
    [['--reprt', '1'], /Unknown option/],
  ])('refuses %j', (args, message) => {
    expect(() => parseReplayArguments(args)).toThrow(ReplayArgumentsError);
    expect(() => parseReplayArguments(args)).toThrow(message);
  });
});
