import { parseRunOptions } from './run-options';

describe('parseRunOptions', () => {
  it('defaults to seven days, every partner, no faults, the simulator and .lake', () => {
    expect(parseRunOptions([])).toMatchObject({
      days: 7,
      partners: [],
      faults: { name: 'none' },
      real: false,
      lakeDir: '.lake',
      help: false,
    });
  });

  it('reads every option', () => {
    expect(
      parseRunOptions([
        '--days',
        '3',
        '--partners',
        'na-seller, vendor',
        '--faults',
        'chaos',
        '--real',
        '--lake-dir',
        '/tmp/lake',
        '--seed',
        '7',
        '--start-time',
        '2026-11-05T06:00:00Z',
      ]),
    ).toMatchObject({
      days: 3,
      partners: ['na-seller', 'vendor'],
      faults: { name: 'chaos' },
      real: true,
      lakeDir: '/tmp/lake',
      seed: 7,
      startTime: Date.parse('2026-11-05T06:00:00Z'),
    });
  });

  it('refuses what it cannot use, naming the option', () => {
    expect(() => parseRunOptions(['--days', '0'])).toThrow('--days must be a whole number');
    expect(() => parseRunOptions(['--days', '91'])).toThrow('--days');
    expect(() => parseRunOptions(['--start-time', 'tomorrow'])).toThrow('--start-time');
    expect(() => parseRunOptions(['--faults', 'storm'])).toThrow('unknown fault profile');
    expect(() => parseRunOptions(['--dayz', '3'])).toThrow();
  });
});
